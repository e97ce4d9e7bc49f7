/** Round to the nearest integer, ties to even: Python's round(x), numpy.rint, torch.round, cv::cvRound. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // ties go up here
  const even = r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
  return even === 0 ? 0 : even; // no -0 (Math.round(-0.1) is -0)
}

/**
 * Python's round(x, decimals) on a double: the exact binary value is rounded half-to-even in decimal,
 * so round(0.015625, 5) is 0.01562 (Number.toFixed would give 0.01563).
 */
export function roundPython(x: number, decimals: number): number {
  if (!Number.isFinite(x) || x === 0 || Math.abs(x) >= 1e21) return x;
  // 25 extra digits are exact enough: a double closer than 1e-30 to a decimal tie is the tie itself.
  const text = Math.abs(x).toFixed(decimals + 25);
  const point = text.indexOf('.');
  const kept = text.slice(0, point) + text.slice(point + 1, point + 1 + decimals);
  const rest = text.slice(point + 1 + decimals);
  const half = '5'.padEnd(rest.length, '0');
  let digits = BigInt(kept);
  if (rest > half || (rest === half && digits % 2n === 1n)) digits += 1n;
  const exact = Number(`${digits}e-${decimals}`); // correctly rounded, as CPython converts back
  return x < 0 ? -exact : exact;
}

/** numpy's ndarray.round(decimals) on float32 data: multiply, rint and divide, each in float32. */
export function roundFloat32(x: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.fround(roundHalfEven(Math.fround(x * scale)) / scale);
}

/** A polyline as flat integer coordinates [x0, y0, x1, y1, ...]. */
export type Contour = number[];

// Chain-code directions (x, y): E, NE, N, NW, W, SW, S, SE.
const DX = [1, 1, 0, -1, -1, -1, 0, 1];
const DY = [0, -1, -1, -1, 0, 1, 1, 1];

const NEW = 2; // border pixel whose east neighbour is set
const RIGHT = -126; // (2 | 0x80) as int8: border pixel whose east neighbour is clear

/**
 * cv2.findContours(mask, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE)[0] (Suzuki-Abe border following as in OpenCV 4):
 * each contour starts at its top-most, then left-most pixel and runs down its left side; only the end points of
 * straight (horizontal, vertical, diagonal) runs are kept; contours come out in reverse order of discovery.
 * Points are offset by (offsetX, offsetY).
 */
export function findExternalContours(mask: Uint8Array, width: number, height: number, offsetX = 0, offsetY = 0): Contour[] {
  // One-pixel zero frame, as OpenCV adds.
  const step = width + 2;
  const img = new Int8Array(step * (height + 2));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) if (mask[y * width + x]) img[(y + 1) * step + x + 1] = 1;
  }
  const delta = DX.map((dx, s) => dx + DY[s]! * step);
  const contours: Contour[] = [];

  for (let y = 1; y <= height; y++) {
    let prev = 0;
    let lastBorder = y * step; // the frame pixel at the row start
    for (let x = 1; x <= width; x++) {
      const at = y * step + x;
      const p = img[at]!;
      if (p === prev) continue;
      // An outer border starts where a 0 is followed by an unvisited 1. RETR_EXTERNAL skips it when the last
      // border crossed on this row belongs to an enclosing contour's left side (a component inside a hole).
      if (prev === 0 && p === 1 && !(img[lastBorder]! > 0)) {
        contours.push(traceBorder(img, at, step, delta, x - 1 + offsetX, y - 1 + offsetY));
        lastBorder = at;
        prev = img[at]!;
        continue;
      }
      prev = p;
      if (prev !== 0 && prev !== 1) lastBorder = at;
    }
  }
  return contours.reverse();
}

/** OpenCV's icvFetchContourEx for an outer border with CHAIN_APPROX_SIMPLE, marking visited border pixels. */
function traceBorder(img: Int8Array, start: number, step: number, delta: number[], x: number, y: number): Contour {
  const points: Contour = [];
  // Look clockwise from west for the neighbour that precedes the start pixel on the border.
  let s = 4;
  let before: number;
  do {
    s = (s - 1) & 7;
    before = start + delta[s]!;
  } while (img[before] === 0 && s !== 4);
  if (s === 4) {
    img[start] = RIGHT; // isolated pixel
    return [x, y];
  }

  let current = start;
  let prevDir = s ^ 4;
  for (;;) {
    // Turn counter-clockwise from the direction we came from until a set pixel is found.
    const from = s;
    let next = current;
    for (let k = from + 1; k <= from + 8; k++) {
      next = current + delta[k & 7]!;
      if (img[next] !== 0) {
        s = k & 7;
        break;
      }
    }
    if (s !== 0 && s - 1 < from) img[current] = RIGHT;
    else if (img[current] === 1) img[current] = NEW;
    if (s !== prevDir) points.push(x, y);
    prevDir = s;
    x += DX[s]!;
    y += DY[s]!;
    if (next === start && current === before) return points;
    current = next;
    s = (s + 4) & 7;
  }
}

/** Index pair (i in a, j in b) of the closest points, the first minimum in row-major order (argmin). */
function closestPoints(a: Contour, b: Contour): [number, number] {
  let best = Infinity;
  let pair: [number, number] = [0, 0];
  for (let i = 0; i < a.length / 2; i++) {
    for (let j = 0; j < b.length / 2; j++) {
      const dx = a[2 * i]! - b[2 * j]!;
      const dy = a[2 * i + 1]! - b[2 * j + 1]!;
      const d = dx * dx + dy * dy;
      if (d < best) {
        best = d;
        pair = [i, j];
      }
    }
  }
  return pair;
}

/** Points from..to (exclusive) of a flat point list. */
function points(c: Contour, from: number, to = c.length / 2): Contour {
  return c.slice(2 * from, 2 * to);
}

/**
 * ultralytics/data/converter.py merge_multi_segment: joins all contours into one polyline through the closest
 * point pairs of consecutive contours, including its quirks (a reversed middle segment keeps using the
 * pre-reversal indices).
 */
export function mergeMultiSegment(segments: Contour[]): Contour {
  const segs = segments.map((s) => [...s]);
  const idx: number[][] = segs.map(() => []);
  for (let i = 1; i < segs.length; i++) {
    const [a, b] = closestPoints(segs[i - 1]!, segs[i]!);
    idx[i - 1]!.push(a);
    idx[i]!.push(b);
  }
  const out: Contour[] = [];
  const last = segs.length - 1;
  // Forward pass.
  idx.forEach((original, i) => {
    let pair = original;
    let seg = segs[i]!;
    if (pair.length === 2 && pair[0]! > pair[1]!) {
      pair = [pair[1]!, pair[0]!];
      seg = reversePoints(seg);
    }
    const n = seg.length / 2;
    const shift = ((pair[0]! % n) + n) % n; // np.roll(seg, -idx[0])
    seg = [...points(seg, shift), ...points(seg, 0, shift)];
    seg.push(seg[0]!, seg[1]!); // close it
    segs[i] = seg;
    if (i === 0 || i === last) out.push(seg);
    else out.push(points(seg, 0, pair[1]! - pair[0]! + 1));
  });
  // Backward pass over the middle segments.
  for (let i = last; i >= 0; i--) {
    if (i === 0 || i === last) continue;
    const original = idx[i]!;
    out.push(points(segs[i]!, Math.abs(original[1]! - original[0]!)));
  }
  return out.flat();
}

function reversePoints(c: Contour): Contour {
  const out: Contour = [];
  for (let i = c.length - 2; i >= 0; i -= 2) out.push(c[i]!, c[i + 1]!);
  return out;
}

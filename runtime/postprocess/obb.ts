const f32 = Math.fround;
const EPS = 1e-7;

/** A rotated box: centre x, centre y, width, height, angle in radians. */
export type Xywhr = readonly [number, number, number, number, number];

function covariance([, , w, h, angle]: Xywhr): [number, number, number] {
  const a = (w * w) / 12;
  const b = (h * h) / 12;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return [a * cos * cos + b * sin * sin, a * sin * sin + b * cos * cos, (a - b) * cos * sin];
}

/** Probabilistic IoU of two rotated boxes (ultralytics/utils/metrics.py batch_probiou). */
export function probiou(p: Xywhr, q: Xywhr): number {
  const [a1, b1, c1] = covariance(p);
  const [a2, b2, c2] = covariance(q);
  const sa = a1 + a2;
  const sb = b1 + b2;
  const sc = c1 + c2;
  const det = sa * sb - sc * sc;
  const dx = p[0] - q[0];
  const dy = p[1] - q[1];
  const t1 = ((sa * dy * dy + sb * dx * dx) / (det + EPS)) * 0.25;
  const t2 = ((sc * -dx * dy) / (det + EPS)) * 0.5;
  const spread = Math.sqrt(Math.max(a1 * b1 - c1 * c1, 0) * Math.max(a2 * b2 - c2 * c2, 0));
  const t3 = Math.log(det / (4 * spread + EPS) + EPS) * 0.5;
  const bd = Math.min(Math.max(t1 + t2 + t3, EPS), 100);
  return 1 - Math.sqrt(1 - Math.exp(-bd) + EPS);
}

/** torch's float remainder: the result takes the divisor's sign. */
function remainder(a: number, b: number): number {
  const m = f32(a % b);
  return m !== 0 && m < 0 !== b < 0 ? f32(m + b) : m;
}

const PI = f32(Math.PI);
const HALF_PI = f32(Math.PI / 2);

/** ops.regularize_rboxes: swap w/h when the angle mod pi is >= pi/2, then fold the angle into [0, pi/2). */
export function regularizeRbox([x, y, w, h, angle]: Xywhr): Xywhr {
  const swap = remainder(angle, PI) >= HALF_PI;
  return [x, y, swap ? h : w, swap ? w : h, remainder(angle, HALF_PI)];
}

/** ops.xywhr2xyxyxyxy: corners c+v1+v2, c+v1-v2, c-v1-v2, c-v1+v2 (float32). */
export function rboxCorners([x, y, w, h, angle]: Xywhr): Array<[number, number]> {
  const cos = f32(Math.cos(angle));
  const sin = f32(Math.sin(angle));
  const v1x = f32(f32(w / 2) * cos);
  const v1y = f32(f32(w / 2) * sin);
  const v2x = f32(f32(-h / 2) * sin);
  const v2y = f32(f32(h / 2) * cos);
  return [
    [f32(f32(x + v1x) + v2x), f32(f32(y + v1y) + v2y)],
    [f32(f32(x + v1x) - v2x), f32(f32(y + v1y) - v2y)],
    [f32(f32(x - v1x) - v2x), f32(f32(y - v1y) - v2y)],
    [f32(f32(x - v1x) + v2x), f32(f32(y - v1y) + v2y)],
  ];
}

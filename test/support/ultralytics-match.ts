/**
 * The fixtures' matching rules (shared/fixtures/README.md): does an answer agree with what Ultralytics predicted?
 * Works on plain `Results.summary()` JSON, independent of any implementation, and returns human-readable
 * disagreements (an empty list means agreement).
 */

export interface SummaryBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  x3?: number;
  y3?: number;
  x4?: number;
  y4?: number;
}

export interface SummaryResult {
  name: string;
  class: number;
  confidence: number;
  box?: SummaryBox;
  segments?: { x: number[]; y: number[] };
  keypoints?: { x: number[]; y: number[]; visible?: number[] };
}

export interface MatchContext {
  /** Confidence threshold the prediction used. */
  conf: number;
  /** Original image [height, width]. */
  shape: [number, number];
  /** Classification: the reference's top5 list, for the near-tie rule. */
  referenceTop5?: SummaryResult[];
}

const MATCH_IOU = 0.5;
const CONF_TOLERANCE = 0.01;
const NEAR_THRESHOLD = 0.02;
const VISIBILITY_TOLERANCE = 0.02;
const OBB_IOU = 0.95;
const SEGMENT_IOU = 0.9;
const CLASSIFY_TIE = 0.005;
// Tolerances are inclusive; this absorbs decimal-to-binary noise such as 0.27 - 0.25 > 0.02.
const EPS = 1e-9;

type Point = [number, number];

export function compareResults(reference: SummaryResult[], answer: SummaryResult[], context: MatchContext): string[] {
  if (reference.length > 0 && reference.every((r) => !r.box) && answer.every((a) => !a.box)) {
    return compareClassification(reference, answer, context);
  }
  const problems: string[] = [];
  const [height, width] = context.shape;
  const pixelTolerance = Math.max(1.5, 0.004 * Math.max(height, width));
  const unmatched = new Set(answer.map((_, i) => i));
  const byConfidence = [...reference].sort((a, b) => b.confidence - a.confidence);

  for (const ref of byConfidence) {
    let best = -1;
    let bestIou = -1;
    for (const i of unmatched) {
      const candidate = answer[i]!;
      if (candidate.class !== ref.class) continue;
      const iou = objectIou(ref, candidate);
      if (iou > bestIou) {
        bestIou = iou;
        best = i;
      }
    }
    const label = describe(ref);
    if (best < 0 || bestIou < MATCH_IOU) {
      if (ref.confidence - context.conf > NEAR_THRESHOLD + EPS) problems.push(`missing ${label} (best IoU ${fmt(bestIou)})`);
      continue;
    }
    unmatched.delete(best);
    problems.push(...compareObject(ref, answer[best]!, pixelTolerance, label, context.shape));
  }
  for (const i of unmatched) {
    const extra = answer[i]!;
    if (extra.confidence - context.conf > NEAR_THRESHOLD + EPS) problems.push(`extra ${describe(extra)}`);
  }
  return problems;
}

function compareClassification(reference: SummaryResult[], answer: SummaryResult[], context: MatchContext): string[] {
  const ref = reference[0]!;
  const got = answer[0];
  if (!got) return [`missing classification ${ref.name}`];
  const problems: string[] = [];
  const top5 = context.referenceTop5 ?? [];
  const nearTie = top5.length >= 2 && top5[0]!.confidence - top5[1]!.confidence <= CLASSIFY_TIE + EPS;
  if (got.name !== ref.name && !(nearTie && got.name === top5[1]!.name)) {
    problems.push(`top-1 is ${got.name} (${got.confidence}), expected ${ref.name} (${ref.confidence})`);
  }
  if (Math.abs(got.confidence - ref.confidence) > CONF_TOLERANCE + EPS) {
    problems.push(`top-1 confidence ${got.confidence}, expected ${ref.confidence}`);
  }
  return problems;
}

function compareObject(ref: SummaryResult, got: SummaryResult, tolerance: number, label: string, shape: [number, number]): string[] {
  const problems: string[] = [];
  if (Math.abs(got.confidence - ref.confidence) > CONF_TOLERANCE + EPS) {
    problems.push(`${label}: confidence ${got.confidence}`);
  }
  if (isRotated(ref)) {
    const iou = convexPolygonIou(corners(ref.box!), corners(got.box!));
    if (iou < OBB_IOU) problems.push(`${label}: rotated box IoU ${fmt(iou)}`);
  } else {
    for (const key of ['x1', 'y1', 'x2', 'y2'] as const) {
      const delta = Math.abs(got.box![key] - ref.box![key]);
      if (delta > tolerance + EPS) problems.push(`${label}: box ${key} ${got.box![key]} (off by ${fmt(delta)})`);
    }
  }
  if (ref.keypoints) {
    const kr = ref.keypoints;
    const kg = got.keypoints;
    if (!kg || kg.x.length !== kr.x.length) {
      problems.push(`${label}: keypoints missing or of another count`);
    } else {
      kr.x.forEach((x, k) => {
        const visible = kr.visible?.[k];
        if (visible !== undefined && kg.visible?.[k] !== undefined && Math.abs(kg.visible[k]! - visible) > VISIBILITY_TOLERANCE + EPS) {
          problems.push(`${label}: keypoint ${k} visibility ${kg.visible[k]} vs ${visible}`);
        }
        if (visible !== undefined && visible <= 0.5) return;
        const d = Math.max(Math.abs(kg.x[k]! - x), Math.abs(kg.y[k]! - kr.y[k]!));
        if (d > tolerance + EPS) problems.push(`${label}: keypoint ${k} off by ${fmt(d)}`);
      });
    }
  }
  if (ref.segments) {
    if (!got.segments) problems.push(`${label}: segments missing`);
    else {
      const iou = rasterIou(toPoints(ref.segments), toPoints(got.segments), shape);
      if (iou < SEGMENT_IOU) problems.push(`${label}: segment IoU ${fmt(iou)}`);
    }
  }
  return problems;
}

function describe(r: SummaryResult): string {
  const b = r.box;
  const where = b ? ` at (${fmt(b.x1)}, ${fmt(b.y1)})` : '';
  return `${r.name} ${r.confidence}${where}`;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : String(v);
}

function isRotated(r: SummaryResult): boolean {
  return r.box?.x3 !== undefined;
}

function corners(b: SummaryBox): Point[] {
  return [
    [b.x1, b.y1],
    [b.x2, b.y2],
    [b.x3!, b.y3!],
    [b.x4!, b.y4!],
  ];
}

function toPoints(s: { x: number[]; y: number[] }): Point[] {
  return s.x.map((x, i) => [x, s.y[i]!]);
}

function objectIou(a: SummaryResult, b: SummaryResult): number {
  if (!a.box || !b.box) return 0;
  if (isRotated(a)) return convexPolygonIou(corners(a.box), corners(b.box));
  const w = Math.min(a.box.x2, b.box.x2) - Math.max(a.box.x1, b.box.x1);
  const h = Math.min(a.box.y2, b.box.y2) - Math.max(a.box.y1, b.box.y1);
  const inter = Math.max(0, w) * Math.max(0, h);
  const area = (q: SummaryBox): number => (q.x2 - q.x1) * (q.y2 - q.y1);
  const union = area(a.box) + area(b.box) - inter;
  return union > 0 ? inter / union : 0;
}

function signedArea(poly: Point[]): number {
  let s = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x1, y1] = poly[i]!;
    const [x2, y2] = poly[(i + 1) % poly.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

/** IoU of two convex polygons (Sutherland-Hodgman clipping), whatever their corner order's orientation. */
export function convexPolygonIou(a: Point[], b: Point[]): number {
  const ccw = (p: Point[]): Point[] => (signedArea(p) < 0 ? [...p].reverse() : p);
  const subject = ccw(a);
  const clip = ccw(b);
  let output = subject;
  for (let i = 0; i < clip.length && output.length; i++) {
    const [cx1, cy1] = clip[i]!;
    const [cx2, cy2] = clip[(i + 1) % clip.length]!;
    const inside = ([x, y]: Point): boolean => (cx2 - cx1) * (y - cy1) - (cy2 - cy1) * (x - cx1) >= 0;
    const cross = ([px, py]: Point, [qx, qy]: Point): Point => {
      const a1 = cy2 - cy1;
      const b1 = cx1 - cx2;
      const c1 = a1 * cx1 + b1 * cy1;
      const a2 = qy - py;
      const b2 = px - qx;
      const c2 = a2 * px + b2 * py;
      const det = a1 * b2 - a2 * b1;
      return [(b2 * c1 - b1 * c2) / det, (a1 * c2 - a2 * c1) / det];
    };
    const input = output;
    output = [];
    input.forEach((current, k) => {
      const previous = input[(k + input.length - 1) % input.length]!;
      if (inside(current)) {
        if (!inside(previous)) output.push(cross(previous, current));
        output.push(current);
      } else if (inside(previous)) output.push(cross(previous, current));
    });
  }
  const inter = output.length >= 3 ? Math.abs(signedArea(output)) : 0;
  const union = Math.abs(signedArea(subject)) + Math.abs(signedArea(clip)) - inter;
  return union > 0 ? inter / union : 0;
}

/** Pixel centres inside a polygon (even-odd rule), on the image grid. */
function rasterize(poly: Point[], [height, width]: [number, number]): Uint8Array {
  const grid = new Uint8Array(width * height);
  if (poly.length < 3) return grid;
  for (let y = 0; y < height; y++) {
    const cy = y + 0.5;
    const xs: number[] = [];
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      if (y1 <= cy !== y2 <= cy) xs.push(x1 + ((cy - y1) * (x2 - x1)) / (y2 - y1));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(width - 1, Math.floor(xs[k + 1]! - 0.5));
      for (let x = from; x <= to; x++) grid[y * width + x] = 1;
    }
  }
  return grid;
}

/** IoU of two polygons rasterised on the image grid; two empty polygons agree. */
export function rasterIou(a: Point[], b: Point[], shape: [number, number]): number {
  const ga = rasterize(a, shape);
  const gb = rasterize(b, shape);
  let inter = 0;
  let union = 0;
  for (let i = 0; i < ga.length; i++) {
    inter += ga[i]! & gb[i]!;
    union += ga[i]! | gb[i]!;
  }
  return union === 0 ? 1 : inter / union;
}

import { probiou } from './obb.js';

const f32 = Math.fround;

/** One row of non_max_suppression's output: [box, conf, cls, extra...] in model-input pixels. */
export interface Detection {
  /** x1, y1, x2, y2; for rotated boxes cx, cy, w, h (the angle is the last `extra` value). */
  box: [number, number, number, number];
  conf: number;
  cls: number;
  /** Mask coefficients, keypoints or angle, as the head emits them. */
  extra: Float32Array;
}

export interface NmsOptions {
  conf: number;
  iou: number;
  /** Number of class scores after the 4 box rows. */
  nc: number;
  rotated: boolean;
  maxDet?: number;
  maxNms?: number;
  /** Keep only these class ids (Ultralytics `classes`), before max_nms. */
  classes?: readonly number[] | undefined;
  /** Class-agnostic NMS (Ultralytics `agnostic_nms`): no per-class offset. */
  agnostic?: boolean | undefined;
}

const MAX_WH = 7680; // class offset that keeps boxes of different classes apart

/**
 * utils/nms.py non_max_suppression for one image of a [1, 4 + nc + extra, anchors] output:
 * best class per anchor, strict conf >, top max_nms by score, class-offset NMS, first max_det.
 */
export function nonMaxSuppression(output: Float32Array, dims: readonly number[], options: NmsOptions): Detection[] {
  const { conf, iou, nc, rotated, maxDet = 300, maxNms = 30000, classes, agnostic = false } = options;
  const channels = dims[1]!;
  const anchors = dims[2]!;
  const extra = channels - 4 - nc;

  // Best score per anchor, class by class (rows are contiguous); the first maximal class wins ties.
  const best = output.slice(4 * anchors, 5 * anchors);
  const bestClass = new Int32Array(anchors);
  for (let c = 1; c < nc; c++) {
    const row = (4 + c) * anchors;
    for (let j = 0; j < anchors; j++) {
      if (output[row + j]! > best[j]!) {
        best[j] = output[row + j]!;
        bestClass[j] = c;
      }
    }
  }

  let candidates: Detection[] = [];
  for (let j = 0; j < anchors; j++) {
    if (!(best[j]! > conf)) continue;
    if (classes && !classes.includes(bestClass[j]!)) continue;
    const [a, b, c, d] = [output[j]!, output[anchors + j]!, output[2 * anchors + j]!, output[3 * anchors + j]!];
    const values = new Float32Array(extra);
    for (let e = 0; e < extra; e++) values[e] = output[(4 + nc + e) * anchors + j]!;
    candidates.push({
      // xywh -> xyxy in float32, as torch does it
      box: rotated ? [a, b, c, d] : [f32(a - c / 2), f32(b - d / 2), f32(a + c / 2), f32(b + d / 2)],
      conf: best[j]!,
      cls: bestClass[j]!,
      extra: values,
    });
  }
  candidates.sort((p, q) => q.conf - p.conf);
  if (candidates.length > maxNms) candidates = candidates.slice(0, maxNms);

  const offset = agnostic ? 0 : MAX_WH;
  const kept = rotated ? fastNmsRotated(candidates, iou, offset) : greedyNms(candidates, iou, offset);
  return kept.slice(0, maxDet);
}

/** torchvision.ops.nms on class-offset boxes (float32 IoU), input sorted by descending score. */
function greedyNms(sorted: Detection[], threshold: number, classOffset: number): Detection[] {
  const n = sorted.length;
  const x1 = new Float32Array(n);
  const y1 = new Float32Array(n);
  const x2 = new Float32Array(n);
  const y2 = new Float32Array(n);
  const area = new Float32Array(n);
  sorted.forEach((d, i) => {
    const offset = d.cls * classOffset;
    x1[i] = d.box[0] + offset;
    y1[i] = d.box[1] + offset;
    x2[i] = d.box[2] + offset;
    y2[i] = d.box[3] + offset;
    area[i] = f32(x2[i]! - x1[i]!) * f32(y2[i]! - y1[i]!);
  });
  const suppressed = new Uint8Array(n);
  const kept: Detection[] = [];
  for (let i = 0; i < n; i++) {
    if (suppressed[i]) continue;
    kept.push(sorted[i]!);
    for (let j = i + 1; j < n; j++) {
      if (suppressed[j]) continue;
      const w = Math.max(0, f32(Math.min(x2[i]!, x2[j]!) - Math.max(x1[i]!, x1[j]!)));
      const h = Math.max(0, f32(Math.min(y2[i]!, y2[j]!) - Math.max(y1[i]!, y1[j]!)));
      const inter = f32(w * h);
      if (f32(inter / f32(f32(area[i]! + area[j]!) - inter)) > threshold) suppressed[j] = 1;
    }
  }
  return kept;
}

/**
 * TorchNMS.fast_nms with batch_probiou: box j survives iff no higher-scoring box, kept or suppressed,
 * has probiou >= threshold with it. Uses the raw (unregularized) angles.
 */
function fastNmsRotated(sorted: Detection[], threshold: number, classOffset: number): Detection[] {
  const boxes = sorted.map((d) => {
    const offset = d.cls * classOffset;
    return [f32(d.box[0] + offset), f32(d.box[1] + offset), d.box[2], d.box[3], d.extra[d.extra.length - 1]!] as const;
  });
  return sorted.filter((_, j) => {
    for (let i = 0; i < j; i++) if (probiou(boxes[i]!, boxes[j]!) >= threshold) return false;
    return true;
  });
}

import type { Detection } from './nms.js';

export interface RowOptions {
  conf: number;
  maxDet?: number;
  /** Keep only these class ids (Ultralytics `classes`). */
  classes?: readonly number[] | undefined;
}

/**
 * utils/nms.py non_max_suppression(..., end2end=True) for one image of `[1, N, 6 + extra]` rows (end-to-end heads
 * and nms=True exports): `pred[pred[:, 4] > conf][:max_det]`, then the class filter, in row order (the graph's top-k
 * or NMS already sorted them). Unlike the classic path there is no NMS, no agnostic switch, and the class filter
 * comes after max_det. Boxes stay as the rows give them: x1, y1, x2, y2, or x, y, w, h for OBB (angle last).
 */
export function rowDetections(output: Float32Array, dims: readonly number[], { conf, maxDet = 300, classes }: RowOptions): Detection[] {
  const rows = dims[1]!;
  const width = dims[2]!;
  const detections: Detection[] = [];
  for (let r = 0; r < rows && detections.length < maxDet; r++) {
    const row = output.subarray(r * width, (r + 1) * width);
    if (!(row[4]! > conf)) continue;
    detections.push({ box: [row[0]!, row[1]!, row[2]!, row[3]!], conf: row[4]!, cls: Math.trunc(row[5]!), extra: row.slice(6) });
  }
  return classes ? detections.filter((d) => classes.includes(d.cls)) : detections;
}

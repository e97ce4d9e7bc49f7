import type { FloatTensor } from '../inference-session.js';
import type { OutputLayout } from '../layout.js';
import type { ModelMetadata } from '../onnx-metadata.js';
import { roundFloat32, roundPython } from '../rounding.js';
import { findExternalContours, mergeMultiSegment } from './contours.js';
import { conventionsFor, type UltralyticsConventions } from './conventions.js';
import { rowDetections } from './end2end.js';
import { processMasks } from './masks.js';
import { nonMaxSuppression, type Detection } from './nms.js';
import { rboxCorners, regularizeRbox } from './obb.js';
import type { ClassifyResult, DetectResult, ObbResult, PoseResult, SegmentResult, UltralyticsResult } from './results.js';
import { InputMapping } from './scale.js';

export interface PostprocessInput {
  metadata: ModelMetadata;
  layout: OutputLayout;
  /** Detections (or class probabilities), batch dimension already reduced to 1. */
  predictions: FloatTensor;
  /** Segment only: the mask prototypes. */
  protos: FloatTensor | null;
  inputHeight: number;
  inputWidth: number;
  /** Original image size. */
  height: number;
  width: number;
  conf: number;
  iou: number;
  /** Ultralytics `max_det` (default 300). */
  maxDet?: number | undefined;
  /** Ultralytics `classes`: keep only these class ids. */
  classes?: readonly number[] | undefined;
  /** Ultralytics `agnostic_nms` (classic layout only: rows are already suppressed). */
  agnostic?: boolean | undefined;
}

export interface PostprocessOutput {
  results: UltralyticsResult[];
  /** Classification only: the five best classes. */
  top5?: ClassifyResult[];
}

const DECIMALS = 5;

export function postprocess(input: PostprocessInput): PostprocessOutput {
  const { metadata, layout, predictions } = input;
  if (layout.kind === 'classify') return classify(predictions.data, metadata.names);

  // Post-processed the way the Ultralytics release that exported the model does it.
  const conventions = conventionsFor(metadata.version);
  const mapping = new InputMapping(input.inputHeight, input.inputWidth, input.height, input.width, conventions.padFromRoundedSize);
  const detections = detect(input);
  const base = (d: Detection): DetectResult => ({
    name: className(metadata.names, d.cls),
    class: d.cls,
    confidence: roundPython(d.conf, DECIMALS),
    box: boxOf(mapping.box(d.box)),
  });

  switch (layout.task) {
    case 'detect':
      return { results: detections.map(base) };
    case 'pose':
      return { results: detections.map((d) => pose(base(d), d, metadata.kptShape!, mapping)) };
    case 'obb':
      return { results: detections.map((d) => obb(d, metadata.names, mapping, conventions)) };
    case 'segment':
      return { results: segment(detections, input.protos!, input, mapping, conventions, base) };
    case 'classify':
      throw new Error('unreachable: classify has its own layout');
  }
}

/** The rows Ultralytics' non_max_suppression returns, whichever layout produced them (see layout.ts). */
function detect(input: PostprocessInput): Detection[] {
  const { layout, predictions, conf, iou, maxDet, classes, agnostic } = input;
  if (layout.kind === 'end2end' || layout.kind === 'nms-embedded') {
    return rowDetections(predictions.data, predictions.dims, { conf, maxDet, classes });
  }
  return nonMaxSuppression(predictions.data, predictions.dims, {
    conf,
    iou,
    nc: layout.classes,
    rotated: layout.task === 'obb',
    maxDet,
    classes,
    agnostic,
  });
}

function className(names: string[], cls: number): string {
  return names[cls] ?? String(cls);
}

function boxOf([x1, y1, x2, y2]: readonly number[]): DetectResult['box'] {
  return {
    x1: roundPython(x1!, DECIMALS),
    y1: roundPython(y1!, DECIMALS),
    x2: roundPython(x2!, DECIMALS),
    y2: roundPython(y2!, DECIMALS),
  };
}

function pose(result: DetectResult, d: Detection, [k, dim]: [number, number], mapping: InputMapping): PoseResult {
  const x: number[] = [];
  const y: number[] = [];
  const visible: number[] = [];
  for (let i = 0; i < k; i++) {
    const [px, py] = mapping.point(d.extra[i * dim]!, d.extra[i * dim + 1]!);
    x.push(roundFloat32(px, DECIMALS));
    y.push(roundFloat32(py, DECIMALS));
    if (dim >= 3) visible.push(roundFloat32(d.extra[i * dim + 2]!, DECIMALS));
  }
  return { ...result, keypoints: dim >= 3 ? { x, y, visible } : { x, y } };
}

/**
 * OBBPredictor.construct_result: scale_boxes(xywh=True) on the centre and size, then Results' xywhr2xyxyxyxy corners.
 * 8.3 regularized the box first; 8.4.48 keeps the raw angle (YOLO26's OBB26 head emits it unbounded, without the
 * sigmoid of the YOLOv8 head) and so its own corner order.
 */
function obb(d: Detection, names: string[], mapping: InputMapping, conventions: UltralyticsConventions): ObbResult {
  const raw = [...d.box, d.extra[d.extra.length - 1]!] as const;
  const [cx, cy, w, h, angle] = conventions.regularizesRotatedBoxes ? regularizeRbox(raw) : raw;
  const [sx, sy, sw, sh] = mapping.rbox([cx, cy, w, h]);
  const corners = rboxCorners([sx, sy, sw, sh, angle]);
  const box = {} as ObbResult['box'];
  corners.forEach(([px, py], i) => {
    box[`x${i + 1}` as 'x1'] = roundPython(px, DECIMALS);
    box[`y${i + 1}` as 'y1'] = roundPython(py, DECIMALS);
  });
  return { name: className(names, d.cls), class: d.cls, confidence: roundPython(d.conf, DECIMALS), box };
}

function segment(
  detections: Detection[],
  protos: FloatTensor,
  input: PostprocessInput,
  mapping: InputMapping,
  conventions: UltralyticsConventions,
  base: (d: Detection) => DetectResult,
): SegmentResult[] {
  // The mask coefficients follow the box, score and class in both layouts: classic anchors and end-to-end rows.
  const masks = processMasks(protos.data, protos.dims, detections, input.inputHeight, input.inputWidth, conventions.cropClampsAtZero);
  const results: SegmentResult[] = [];
  detections.forEach((d, i) => {
    const mask = masks[i];
    if (!mask) return; // Ultralytics drops detections whose mask is empty
    const contours = findExternalContours(mask.data, mask.width, mask.height, mask.x, mask.y);
    const polyline = contours.length > 1 ? mergeMultiSegment(contours) : (contours[0] ?? []);
    const x: number[] = [];
    const y: number[] = [];
    for (let p = 0; p < polyline.length; p += 2) {
      const [px, py] = mapping.point(polyline[p]!, polyline[p + 1]!);
      x.push(roundFloat32(px, DECIMALS));
      y.push(roundFloat32(py, DECIMALS));
    }
    results.push({ ...base(d), segments: { x, y } });
  });
  return results;
}

function classify(probs: Float32Array, names: string[]): PostprocessOutput {
  // Stable descending order: ties keep the lower class id first (argmax picks the first maximum).
  const order = [...probs.keys()].sort((a, b) => probs[b]! - probs[a]! || a - b);
  const entry = (cls: number): ClassifyResult => ({
    name: className(names, cls),
    class: cls,
    confidence: roundPython(probs[cls]!, DECIMALS),
  });
  return { results: [entry(order[0]!)], top5: order.slice(0, 5).map(entry) };
}

/** Ultralytics `Results.summary(normalize=False, decimals=5)` entries, keys in Ultralytics' order. */

export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface RotatedBox extends Box {
  x3: number;
  y3: number;
  x4: number;
  y4: number;
}

export interface ClassifyResult {
  name: string;
  class: number;
  confidence: number;
}

export interface DetectResult extends ClassifyResult {
  box: Box;
}

export interface SegmentResult extends DetectResult {
  segments: { x: number[]; y: number[] };
}

export interface PoseResult extends DetectResult {
  /** `visible` is absent for keypoints without a visibility channel (kpt_shape [K, 2]). */
  keypoints: { x: number[]; y: number[]; visible?: number[] };
}

export interface ObbResult extends ClassifyResult {
  box: RotatedBox;
}

export type UltralyticsResult = ClassifyResult | DetectResult | SegmentResult | PoseResult | ObbResult;

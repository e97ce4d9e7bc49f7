import { roundHalfEven } from '../rounding.js';

const f32 = Math.fround;

/**
 * Maps model-input coordinates back to the original image, as ops.scale_boxes / ops.scale_coords do (float32).
 * `padFromRoundedSize` is Ultralytics 8.4's pad, from the resized size LetterBox actually used (conventions.ts).
 */
export class InputMapping {
  /** The letterbox gain, recomputed from the shapes like Ultralytics does. */
  private readonly gain: number;
  /** scale_boxes' padding: rounded with the same ±0.1 rule as LetterBox. */
  private readonly boxPadX: number;
  private readonly boxPadY: number;
  /** scale_coords' padding: not rounded. */
  private readonly coordPadX: number;
  private readonly coordPadY: number;

  constructor(
    inputHeight: number,
    inputWidth: number,
    readonly height: number,
    readonly width: number,
    padFromRoundedSize = false,
  ) {
    const gain = Math.min(inputHeight / height, inputWidth / width);
    this.gain = f32(gain);
    const resized = (size: number): number => (padFromRoundedSize ? roundHalfEven(size * gain) : size * gain);
    const padX = (inputWidth - resized(width)) / 2;
    const padY = (inputHeight - resized(height)) / 2;
    this.boxPadX = roundHalfEven(padX - 0.1);
    this.boxPadY = roundHalfEven(padY - 0.1);
    this.coordPadX = f32(padX);
    this.coordPadY = f32(padY);
  }

  /** scale_boxes on x1, y1, x2, y2, clipped to the image. */
  box([x1, y1, x2, y2]: readonly number[]): [number, number, number, number] {
    return [this.boxX(x1!, true), this.boxY(y1!, true), this.boxX(x2!, true), this.boxY(y2!, true)];
  }

  /** scale_boxes(xywh=True) on a rotated box centre and size: not clipped. */
  rbox([cx, cy, w, h]: readonly number[]): [number, number, number, number] {
    return [this.boxX(cx!, false), this.boxY(cy!, false), f32(w! / this.gain), f32(h! / this.gain)];
  }

  /** scale_coords for one point (keypoints, contours), clipped to the image. */
  point(x: number, y: number): [number, number] {
    const sx = f32(f32(x - this.coordPadX) / this.gain);
    const sy = f32(f32(y - this.coordPadY) / this.gain);
    return [Math.min(Math.max(sx, 0), this.width), Math.min(Math.max(sy, 0), this.height)];
  }

  private boxX(x: number, clip: boolean): number {
    const v = f32(f32(x - this.boxPadX) / this.gain);
    return clip ? Math.min(Math.max(v, 0), this.width) : v;
  }

  private boxY(y: number, clip: boolean): number {
    const v = f32(f32(y - this.boxPadY) / this.gain);
    return clip ? Math.min(Math.max(v, 0), this.height) : v;
  }
}

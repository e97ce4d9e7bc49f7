import { validationError } from '../../../kernel/errors.js';

export interface PredictOptions {
  imgsz: number;
  conf: number;
  iou: number;
  /** Videos: run every n-th decoded frame. */
  frameStride: number;
  /** Videos: stop after this many processed frames. */
  maxFrames: number;
}

/** The HUB Inference API's documented defaults and ranges. */
export const PREDICT_DEFAULTS: PredictOptions = { imgsz: 640, conf: 0.25, iou: 0.45, frameStride: 1, maxFrames: 300 };
export const MAX_FRAMES = 1000;

function inRange(name: string, value: number, min: number, max: number, integer = false): number {
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw validationError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`, { [name]: value });
  }
  return value;
}

export function predictOptions(input: Partial<Record<keyof PredictOptions, number | null | undefined>>): PredictOptions {
  const pick = (name: keyof PredictOptions) => input[name] ?? PREDICT_DEFAULTS[name];
  return {
    imgsz: inRange('imgsz', pick('imgsz'), 32, 1280, true),
    conf: inRange('conf', pick('conf'), 0.01, 1.0),
    iou: inRange('iou', pick('iou'), 0.0, 0.95),
    frameStride: inRange('frameStride', pick('frameStride'), 1, 1000, true),
    maxFrames: inRange('maxFrames', pick('maxFrames'), 1, MAX_FRAMES, true),
  };
}

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

/** The HUB Inference API's documented defaults and ranges (frame options are this platform's own). */
export const PREDICT_DEFAULTS: PredictOptions = { imgsz: 640, conf: 0.25, iou: 0.45, frameStride: 1, maxFrames: 300 };
export const PREDICT_RANGES: Record<keyof PredictOptions, [number, number]> = {
  imgsz: [32, 1280],
  conf: [0.01, 1.0],
  iou: [0.0, 0.95],
  frameStride: [1, 1000],
  maxFrames: [1, 1000],
};
const INTEGER_OPTIONS = new Set<keyof PredictOptions>(['imgsz', 'frameStride', 'maxFrames']);

export function predictOptions(input: Partial<Record<keyof PredictOptions, number | null | undefined>>): PredictOptions {
  const options = { ...PREDICT_DEFAULTS };
  for (const name of Object.keys(PREDICT_DEFAULTS) as Array<keyof PredictOptions>) {
    const value = input[name] ?? PREDICT_DEFAULTS[name];
    const [min, max] = PREDICT_RANGES[name];
    const integer = INTEGER_OPTIONS.has(name);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw validationError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`, { [name]: value });
    }
    options[name] = value;
  }
  return options;
}

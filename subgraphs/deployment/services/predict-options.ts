import { validationError } from '../../../kernel/errors.js';

export interface EndpointOptions {
  imgsz: number;
  conf: number;
  iou: number;
  /** Videos: run every n-th decoded frame, and at most this many frames. */
  frameStride: number;
  maxFrames: number;
}

/**
 * A dedicated endpoint's options, as the platform docs give them for endpoints (deploy/endpoints.md): conf 0.25,
 * iou 0.7 (the shared HUB route's seed default is 0.45), imgsz 640.
 */
export const ENDPOINT_DEFAULTS: EndpointOptions = { imgsz: 640, conf: 0.25, iou: 0.7, frameStride: 1, maxFrames: 300 };
const RANGES: Record<keyof EndpointOptions, [number, number]> = {
  imgsz: [32, 1280],
  conf: [0.01, 1.0],
  iou: [0.0, 0.95],
  frameStride: [1, 1000],
  maxFrames: [1, 1000],
};
const INTEGERS = new Set<keyof EndpointOptions>(['imgsz', 'frameStride', 'maxFrames']);

export function endpointOptions(input: Partial<Record<keyof EndpointOptions, number | null | undefined>>): EndpointOptions {
  const options = { ...ENDPOINT_DEFAULTS };
  for (const name of Object.keys(ENDPOINT_DEFAULTS) as Array<keyof EndpointOptions>) {
    const value = input[name] ?? ENDPOINT_DEFAULTS[name];
    const [min, max] = RANGES[name];
    const integer = INTEGERS.has(name);
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw validationError(`${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`, { [name]: value });
    }
    options[name] = value;
  }
  return options;
}

import { roundHalfEven } from '../rounding.js';
import type { Detection } from './nms.js';

const f32 = Math.fround;

/** A binary mask at model-input resolution, stored as the window that holds all its set pixels. */
export interface MaskWindow {
  data: Uint8Array;
  x: number;
  y: number;
  width: number;
  height: number;
}

interface UpsampleAxis {
  index0: Int32Array;
  index1: Int32Array;
  lambda0: Float32Array;
  lambda1: Float32Array;
}

/** F.interpolate(mode='bilinear', align_corners=False) source indices and weights along one axis (float32). */
function upsampleAxis(inSize: number, outSize: number): UpsampleAxis {
  const axis: UpsampleAxis = {
    index0: new Int32Array(outSize),
    index1: new Int32Array(outSize),
    lambda0: new Float32Array(outSize),
    lambda1: new Float32Array(outSize),
  };
  const scale = f32(inSize / outSize);
  for (let d = 0; d < outSize; d++) {
    const src = Math.max(f32(f32(scale * f32(d + 0.5)) - 0.5), 0);
    const i0 = Math.min(Math.floor(src), inSize - 1);
    const l1 = Math.min(Math.max(f32(src - i0), 0), 1);
    axis.index0[d] = i0;
    axis.index1[d] = i0 < inSize - 1 ? i0 + 1 : i0;
    axis.lambda1[d] = l1;
    axis.lambda0[d] = 1 - l1;
  }
  return axis;
}

/** Python slice bound: negative values count from the end. */
function sliceBound(v: number, size: number): number {
  return v < 0 ? Math.max(size + v, 0) : Math.min(v, size);
}

/**
 * crop_mask's kept region at prototype scale, [start, end) per axis. With fewer than 50 masks Ultralytics rounds
 * the box and zeroes masks[:y1], masks[y2:], [:, :x1], [:, x2:] with Python slices: in 8.3 a negative edge wraps
 * (x1 = -1 keeps only the last column), 8.4 clamps the box at 0 first (`clampAtZero`). With 50 or more masks it
 * keeps x1 <= col < x2 with the float box.
 */
function cropRegion(
  box: readonly number[],
  ratioX: number,
  ratioY: number,
  mw: number,
  mh: number,
  rounded: boolean,
  clampAtZero: boolean,
) {
  const atLeastZero = (v: number): number => (rounded && clampAtZero ? Math.max(v, 0) : v);
  const x1 = atLeastZero(f32(box[0]! * ratioX));
  const y1 = atLeastZero(f32(box[1]! * ratioY));
  const x2 = atLeastZero(f32(box[2]! * ratioX));
  const y2 = atLeastZero(f32(box[3]! * ratioY));
  if (rounded) {
    return {
      cols: [sliceBound(roundHalfEven(x1), mw), sliceBound(roundHalfEven(x2), mw)],
      rows: [sliceBound(roundHalfEven(y1), mh), sliceBound(roundHalfEven(y2), mh)],
    };
  }
  const clamp = (v: number, size: number): number => Math.min(Math.max(Math.ceil(v), 0), size);
  return { cols: [clamp(x1, mw), clamp(x2, mw)], rows: [clamp(y1, mh), clamp(y2, mh)] };
}

/** The contiguous range of outputs whose bilinear taps touch [start, end) of the input. */
function touchedRange(axis: UpsampleAxis, start: number, end: number): [number, number] {
  let from = 0;
  while (from < axis.index1.length && axis.index1[from]! < start) from++;
  let to = axis.index0.length;
  while (to > from && axis.index0[to - 1]! >= end) to--;
  return [from, to];
}

/**
 * ops.process_mask(protos, coeffs, boxes, (inputHeight, inputWidth), upsample=True) for every detection:
 * logits = coeffs @ protos (no sigmoid), crop at prototype scale, bilinear upsample, > 0.
 * Detections whose mask is empty get null (Ultralytics drops them). `clampCropAtZero`: see cropRegion.
 */
export function processMasks(
  protos: Float32Array,
  protoDims: readonly number[],
  detections: readonly Detection[],
  inputHeight: number,
  inputWidth: number,
  clampCropAtZero = false,
): Array<MaskWindow | null> {
  const [, channels, mh, mw] = protoDims as [number, number, number, number];
  const planeSize = mh * mw;
  const ratioX = f32(mw / inputWidth);
  const ratioY = f32(mh / inputHeight);
  const ys = upsampleAxis(mh, inputHeight);
  const xs = upsampleAxis(mw, inputWidth);
  const rounded = detections.length < 50;
  const logits = new Float64Array(planeSize);

  return detections.map((det) => {
    const { rows, cols } = cropRegion(det.box, ratioX, ratioY, mw, mh, rounded, clampCropAtZero);
    const [r0, r1] = rows as [number, number];
    const [c0, c1] = cols as [number, number];
    if (r0 >= r1 || c0 >= c1) return null;

    // Logits inside the kept region; everything outside is zero.
    logits.fill(0);
    for (let k = 0; k < channels; k++) {
      const coeff = det.extra[k]!;
      const plane = k * planeSize;
      for (let r = r0; r < r1; r++) {
        for (let c = c0, i = r * mw + c0; c < c1; c++, i++) logits[i] = logits[i]! + coeff * protos[plane + i]!;
      }
    }

    const [y0, y1] = touchedRange(ys, r0, r1);
    const [x0, x1] = touchedRange(xs, c0, c1);
    const width = x1 - x0;
    const height = y1 - y0;
    const data = new Uint8Array(width * height);
    let any = false;
    for (let y = y0; y < y1; y++) {
      const top = ys.index0[y]! * mw;
      const bottom = ys.index1[y]! * mw;
      const ly0 = ys.lambda0[y]!;
      const ly1 = ys.lambda1[y]!;
      for (let x = x0, o = (y - y0) * width; x < x1; x++, o++) {
        const a = xs.index0[x]!;
        const b = xs.index1[x]!;
        const lx0 = xs.lambda0[x]!;
        const lx1 = xs.lambda1[x]!;
        const v = ly0 * (lx0 * logits[top + a]! + lx1 * logits[top + b]!) + ly1 * (lx0 * logits[bottom + a]! + lx1 * logits[bottom + b]!);
        if (v > 0) {
          data[o] = 1;
          any = true;
        }
      }
    }
    return any ? { data, x: x0, y: y0, width, height } : null;
  });
}

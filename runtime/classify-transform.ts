import type { Pixels } from './pixels.js';
import { roundHalfEven } from './rounding.js';

/*
 * Ultralytics' classify_transforms for exported models: torchvision Resize (PIL bilinear, which is
 * antialiased), CenterCrop, ToTensor. PIL resamples in two 8-bit passes (horizontal, then vertical) with
 * 22-bit fixed-point weights; this reproduces Pillow's ImagingResample for the BILINEAR filter.
 */
const PRECISION_BITS = 22;

interface Coefficients {
  start: Int32Array;
  count: Int32Array;
  ksize: number;
  weights: Int32Array;
}

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for the triangle filter (support 1). */
function bilinearCoefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = filterScale; // the triangle filter's support is 1, widened when downscaling (antialias)
  const ksize = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize) - xmin;
    let total = 0;
    for (let x = 0; x < xmax; x++) {
      const t = Math.abs((x + xmin - center + 0.5) / filterScale);
      k[x] = t < 1 ? 1 - t : 0;
      total += k[x]!;
    }
    for (let x = 0; x < xmax; x++) {
      const w = total !== 0 ? k[x]! / total : k[x]!;
      weights[xx * ksize + x] = Math.trunc((w < 0 ? -0.5 : 0.5) + w * (1 << PRECISION_BITS));
    }
    start[xx] = xmin;
    count[xx] = xmax;
  }
  return { start, count, ksize, weights };
}

function clip8(sum: number): number {
  if (sum >= 1 << (PRECISION_BITS + 8)) return 255;
  return sum <= 0 ? 0 : sum >> PRECISION_BITS;
}

/** One resampling pass along x (step 3 = next pixel) or y (step = row length), over a window of outputs. */
function resamplePass(
  src: Uint8Array,
  srcRowLength: number,
  coeffs: Coefficients,
  horizontal: boolean,
  rows: [number, number],
  cols: [number, number],
): Uint8Array {
  const [r0, r1] = rows;
  const [c0, c1] = cols;
  const outRowLength = (c1 - c0) * 3;
  const out = new Uint8Array((r1 - r0) * outRowLength);
  const { start, count, ksize, weights } = coeffs;
  const step = horizontal ? 3 : srcRowLength;
  for (let r = r0; r < r1; r++) {
    for (let c = c0; c < c1; c++) {
      const i = horizontal ? c : r; // which output position the coefficients are for
      const base = horizontal ? r * srcRowLength + start[i]! * 3 : start[i]! * srcRowLength + c * 3;
      const wBase = i * ksize;
      let s0 = 1 << (PRECISION_BITS - 1);
      let s1 = s0;
      let s2 = s0;
      for (let k = 0, at = base; k < count[i]!; k++, at += step) {
        const w = weights[wBase + k]!;
        s0 += src[at]! * w;
        s1 += src[at + 1]! * w;
        s2 += src[at + 2]! * w;
      }
      const o = (r - r0) * outRowLength + (c - c0) * 3;
      out[o] = clip8(s0);
      out[o + 1] = clip8(s1);
      out[o + 2] = clip8(s2);
    }
  }
  return out;
}

/** The float32 NCHW RGB / 255 input of a classification model with input size imgsz [h, w]. */
export function classifyTensor(pixels: Pixels, imgsz: readonly [number, number]): Float32Array {
  const { width: w, height: h } = pixels;
  const [outH, outW] = imgsz;
  let newW: number;
  let newH: number;
  if (outH === outW) {
    // Resize(int): the short side becomes S, the long side int(S * long / short).
    const short = Math.min(w, h);
    const long = Math.max(w, h);
    const newLong = Math.trunc((outH * long) / short);
    [newW, newH] = w <= h ? [outH, newLong] : [newLong, outH];
  } else {
    [newW, newH] = [outW, outH]; // Resize((h, w)) stretches
  }
  // CenterCrop: only the cropped window of the resized image is computed.
  const top = roundHalfEven((newH - outH) / 2);
  const left = roundHalfEven((newW - outW) / 2);
  const vertical = newH !== h ? bilinearCoefficients(h, newH) : null;

  let image = pixels.data;
  let rowLength = w * 3;
  let cols: [number, number] = [left, left + outW];
  let rows: [number, number] = [top, top + outH];
  if (newW !== w) {
    // Horizontal pass first (Pillow's order), over the source rows the vertical pass will read.
    const first = vertical ? vertical.start[top]! : top;
    const last = vertical ? vertical.start[top + outH - 1]! + vertical.count[top + outH - 1]! : top + outH;
    image = resamplePass(image, rowLength, bilinearCoefficients(w, newW), true, [first, last], cols);
    rowLength = outW * 3;
    cols = [0, outW];
    rows = vertical ? rows : [0, outH];
    if (vertical) for (let i = 0; i < newH; i++) vertical.start[i] = vertical.start[i]! - first;
  }
  if (vertical) {
    image = resamplePass(image, rowLength, vertical, false, rows, cols);
  } else if (newW === w) {
    image = crop(image, rowLength, rows, cols);
  }

  const plane = outH * outW;
  const tensor = new Float32Array(3 * plane);
  const [p0, p1, p2] = pixels.order === 'rgb' ? [0, plane, 2 * plane] : [2 * plane, plane, 0];
  for (let i = 0, o = 0; o < plane; i += 3, o++) {
    tensor[p0 + o] = image[i]! / 255;
    tensor[p1 + o] = image[i + 1]! / 255;
    tensor[p2 + o] = image[i + 2]! / 255;
  }
  return tensor;
}

function crop(src: Uint8Array, rowLength: number, rows: [number, number], cols: [number, number]): Uint8Array {
  const out = new Uint8Array((rows[1] - rows[0]) * (cols[1] - cols[0]) * 3);
  const length = (cols[1] - cols[0]) * 3;
  for (let r = rows[0]; r < rows[1]; r++) {
    const from = r * rowLength + cols[0] * 3;
    out.set(src.subarray(from, from + length), (r - rows[0]) * length);
  }
  return out;
}

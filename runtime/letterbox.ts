import { InvalidImageError } from './errors.js';
import type { Pixels } from './pixels.js';
import { roundHalfEven } from './rounding.js';

/** Where the image lands in the model input, as Ultralytics' LetterBox computes it. */
export interface LetterboxGeometry {
  srcWidth: number;
  srcHeight: number;
  /** Size of the resized image before padding. */
  resizedWidth: number;
  resizedHeight: number;
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** Size of the model input (resized + padding). */
  width: number;
  height: number;
}

/**
 * LetterBox(new_shape, auto, stride, scaleup=True, center=True) from ultralytics/data/augment.py.
 * `auto` pads only up to a multiple of `stride` (dynamic models); otherwise to exactly `target`.
 */
export function letterboxGeometry(
  srcHeight: number,
  srcWidth: number,
  target: readonly [number, number],
  auto: boolean,
  stride: number,
): LetterboxGeometry {
  const [targetH, targetW] = target;
  const r = Math.min(targetH / srcHeight, targetW / srcWidth);
  const resizedWidth = roundHalfEven(srcWidth * r);
  const resizedHeight = roundHalfEven(srcHeight * r);
  if (resizedWidth === 0 || resizedHeight === 0) {
    // cv2.resize refuses an empty size, so Ultralytics fails on such images too.
    throw new InvalidImageError(`a ${srcWidth}x${srcHeight} image is too thin to letterbox to ${targetW}x${targetH}`);
  }
  let dw = targetW - resizedWidth;
  let dh = targetH - resizedHeight;
  if (auto) {
    dw = ((dw % stride) + stride) % stride; // np.mod: same sign as the divisor
    dh = ((dh % stride) + stride) % stride;
  }
  dw /= 2;
  dh /= 2;
  // The ±0.1 puts the odd pixel at the bottom/right.
  const top = roundHalfEven(dh - 0.1);
  const bottom = roundHalfEven(dh + 0.1);
  const left = roundHalfEven(dw - 0.1);
  const right = roundHalfEven(dw + 0.1);
  return {
    srcWidth,
    srcHeight,
    resizedWidth,
    resizedHeight,
    top,
    bottom,
    left,
    right,
    width: resizedWidth + left + right,
    height: resizedHeight + top + bottom,
  };
}

/*
 * cv2.resize(INTER_LINEAR) on 8-bit images, bit for bit (OpenCV 4.x resizeGeneric_ with HResizeLinear and the
 * 8-bit VResizeLinear specialisation): source coordinate (d + 0.5) * scale - 0.5 computed in double and stored
 * as float, weights rounded to 11-bit fixed point, a horizontal pass into ints, then a vertical pass that drops
 * low bits before multiplying (in its SIMD and scalar code alike).
 */
const COEF_SCALE = 2048;

interface AxisTable {
  index0: Int32Array;
  index1: Int32Array;
  weight0: Int32Array;
  weight1: Int32Array;
}

function linearAxis(srcSize: number, dstSize: number, isX: boolean): AxisTable {
  const scale = 1 / (dstSize / srcSize); // cv2 stores inv_scale = dst/src and inverts it
  const table: AxisTable = {
    index0: new Int32Array(dstSize),
    index1: new Int32Array(dstSize),
    weight0: new Int32Array(dstSize),
    weight1: new Int32Array(dstSize),
  };
  for (let d = 0; d < dstSize; d++) {
    let f = Math.fround((d + 0.5) * scale - 0.5);
    let s = Math.floor(f);
    f = Math.fround(f - s);
    // Columns outside the image snap to the edge pixel with weight 0; rows keep their fraction and get clamped.
    if (isX && (s < 0 || s >= srcSize - 1)) {
      s = s < 0 ? 0 : srcSize - 1;
      f = 0;
    }
    table.index0[d] = Math.min(Math.max(s, 0), srcSize - 1);
    table.index1[d] = Math.min(Math.max(s + 1, 0), srcSize - 1);
    table.weight0[d] = roundHalfEven(Math.fround(1 - f) * COEF_SCALE);
    table.weight1[d] = roundHalfEven(f * COEF_SCALE);
  }
  return table;
}

/**
 * Produces a cv2 INTER_LINEAR resize of packed 3-channel 8-bit pixels row by row: `select(y)` picks output
 * row y, then `sample(i)` gives its i-th byte (pixel i / 3, channel i % 3).
 */
class LinearResizer {
  private readonly ys: AxisTable;
  private readonly xs: AxisTable;
  private readonly srcRowLength: number;
  // Horizontal passes of the two most recent source rows, already shifted right by 4 as the vertical pass wants.
  private readonly rows: [Int32Array, Int32Array];
  private readonly rowIds = [-1, -1];
  private top: Int32Array;
  private bottom: Int32Array;
  private beta0 = 0;
  private beta1 = 0;

  constructor(
    private readonly src: Uint8Array,
    srcWidth: number,
    srcHeight: number,
    dstWidth: number,
    dstHeight: number,
  ) {
    this.xs = linearAxis(srcWidth, dstWidth, true);
    this.ys = linearAxis(srcHeight, dstHeight, false);
    this.srcRowLength = srcWidth * 3;
    this.rows = [new Int32Array(dstWidth * 3), new Int32Array(dstWidth * 3)];
    [this.top, this.bottom] = this.rows;
  }

  /** The horizontal pass of source row `row`, computed into the slot not holding `keep` unless already there. */
  private horizontal(row: number, keep: number): Int32Array {
    if (this.rowIds[0] === row) return this.rows[0];
    if (this.rowIds[1] === row) return this.rows[1];
    const slot = this.rowIds[0] === keep ? 1 : 0;
    this.rowIds[slot] = row;
    const out = this.rows[slot];
    const { src } = this;
    const { index0, index1, weight0, weight1 } = this.xs;
    const base = row * this.srcRowLength;
    for (let d = 0, o = 0; o < out.length; d++, o += 3) {
      const a = base + index0[d]! * 3;
      const b = base + index1[d]! * 3;
      const w0 = weight0[d]!;
      const w1 = weight1[d]!;
      out[o] = (src[a]! * w0 + src[b]! * w1) >> 4;
      out[o + 1] = (src[a + 1]! * w0 + src[b + 1]! * w1) >> 4;
      out[o + 2] = (src[a + 2]! * w0 + src[b + 2]! * w1) >> 4;
    }
    return out;
  }

  select(y: number): void {
    const first = this.ys.index0[y]!;
    this.top = this.horizontal(first, -1);
    this.bottom = this.horizontal(this.ys.index1[y]!, first);
    this.beta0 = this.ys.weight0[y]!;
    this.beta1 = this.ys.weight1[y]!;
  }

  /** Keeps the high 16 bits of each product, then rounds off 2 more bits. */
  sample(i: number): number {
    return (((this.top[i]! * this.beta0) >> 16) + ((this.bottom[i]! * this.beta1) >> 16) + 2) >> 2;
  }
}

/** cv2.resize(src, (dstWidth, dstHeight), interpolation=INTER_LINEAR) for packed 3-channel 8-bit pixels. */
export function resizeLinear(src: Uint8Array, srcWidth: number, srcHeight: number, dstWidth: number, dstHeight: number): Uint8Array {
  const out = new Uint8Array(dstWidth * dstHeight * 3);
  if (dstWidth === srcWidth && dstHeight === srcHeight) {
    out.set(src.subarray(0, out.length));
    return out;
  }
  const resizer = new LinearResizer(src, srcWidth, srcHeight, dstWidth, dstHeight);
  for (let y = 0, o = 0; y < dstHeight; y++) {
    resizer.select(y);
    for (let i = 0; i < dstWidth * 3; i++, o++) out[o] = resizer.sample(i);
  }
  return out;
}

const TO_UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);
const PAD = 114;

/**
 * Letterboxes `pixels` straight into the model input: a float32 NCHW tensor, RGB planes, values / 255, pad 114.
 * Resize, padding, channel order, transpose and scaling happen in one pass over the output.
 */
export function letterboxTensor(pixels: Pixels, geometry: LetterboxGeometry, out?: Float32Array): Float32Array {
  const { width, height, resizedWidth, resizedHeight, top, left } = geometry;
  const plane = width * height;
  const tensor = out ?? new Float32Array(3 * plane);
  tensor.subarray(0, 3 * plane).fill(TO_UNIT[PAD]!);

  const src = pixels.data;
  const resizer =
    resizedWidth !== pixels.width || resizedHeight !== pixels.height
      ? new LinearResizer(src, pixels.width, pixels.height, resizedWidth, resizedHeight)
      : null;
  // Plane offsets of the pixel's 1st, 2nd and 3rd sample.
  const [p0, p1, p2] = pixels.order === 'rgb' ? [0, plane, 2 * plane] : [2 * plane, plane, 0];
  const rowLength = resizedWidth * 3;
  for (let y = 0; y < resizedHeight; y++) {
    let o = (y + top) * width + left;
    if (resizer) {
      resizer.select(y);
      for (let i = 0; i < rowLength; i += 3, o++) {
        tensor[p0 + o] = TO_UNIT[resizer.sample(i)]!;
        tensor[p1 + o] = TO_UNIT[resizer.sample(i + 1)]!;
        tensor[p2 + o] = TO_UNIT[resizer.sample(i + 2)]!;
      }
    } else {
      for (let i = y * rowLength, end = i + rowLength; i < end; i += 3, o++) {
        tensor[p0 + o] = TO_UNIT[src[i]!]!;
        tensor[p1 + o] = TO_UNIT[src[i + 1]!]!;
        tensor[p2 + o] = TO_UNIT[src[i + 2]!]!;
      }
    }
  }
  return tensor;
}

import sharp from 'sharp';
import { decodeBmp, isBmp } from './bmp.js';
import { InvalidImageError } from './errors.js';
import type { ChannelOrder, Pixels } from './pixels.js';

export interface DecodeOptions {
  /** Channel order of the result (default 'rgb'; cv2 would give 'bgr'). */
  order?: ChannelOrder | undefined;
  /** Refuse images with more pixels than this (decompression bombs). */
  limitInputPixels?: number | undefined;
}

export const DEFAULT_LIMIT_INPUT_PIXELS = 100_000_000;

// Ultralytics' IMG_FORMATS that libvips reads (heif covers AVIF/HEIC); BMP is decoded by hand.
const FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff', 'heif']);
// cv2.imdecode applies EXIF orientation for JPEG and PNG (eXIf); TIFF is read with IMREAD_UNCHANGED, which does not.
const ORIENTED_FORMATS = new Set(['jpeg', 'png', 'heif']);

/**
 * Decodes an encoded image to 8-bit 3-channel pixels the way cv2.imdecode(IMREAD_COLOR) does:
 * EXIF orientation applied, grayscale replicated, alpha dropped without compositing, 16-bit as v >> 8,
 * embedded ICC profiles ignored.
 */
export async function decodeImage(input: Uint8Array, options: DecodeOptions = {}): Promise<Pixels> {
  const order = options.order ?? 'rgb';
  const limitInputPixels = options.limitInputPixels ?? DEFAULT_LIMIT_INPUT_PIXELS;
  if (input.length === 0) throw new InvalidImageError('empty image');
  if (isBmp(input)) {
    const { data, width, height } = decodeBmp(input, limitInputPixels);
    if (order === 'bgr') swapRedBlue(data);
    return { data, width, height, order };
  }

  // 'error' makes truncated and corrupt files fail instead of decoding to grey.
  const sharpOptions = { failOn: 'error', limitInputPixels, sequentialRead: true, ignoreIcc: true } as const;
  try {
    const meta = await sharp(input, sharpOptions).metadata();
    if (!meta.format || !FORMATS.has(meta.format)) {
      throw new InvalidImageError(`unsupported image format ${meta.format ?? 'unknown'}`);
    }
    const sixteenBit = meta.depth === 'ushort';
    const gray = meta.space === 'b-w' || meta.space === 'grey16';
    // Ask libvips for the stored samples (no colour conversion, no rescaling); channels are fixed up below.
    const space = gray ? (sixteenBit ? 'grey16' : 'b-w') : meta.space === 'cmyk' ? 'srgb' : sixteenBit ? 'rgb16' : 'srgb';
    const ushort = sixteenBit && space !== 'srgb';
    const { data, info } = await sharp(input, { ...sharpOptions, autoOrient: ORIENTED_FORMATS.has(meta.format) })
      .toColourspace(space)
      .raw({ depth: ushort ? 'ushort' : 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const samples = ushort
      ? new Uint16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength))
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return {
      data: toThreeChannels(samples, info.channels, info.width * info.height, order),
      width: info.width,
      height: info.height,
      order,
    };
  } catch (err) {
    if (err instanceof InvalidImageError) throw err;
    throw new InvalidImageError(`cannot decode image: ${(err as Error).message}`);
  }
}

/** Interleaved 1-4 channel samples (8 or 16 bit) to packed 8-bit RGB/BGR: gray replicated, alpha dropped, 16-bit >> 8. */
function toThreeChannels(samples: Uint8Array | Uint16Array, channels: number, count: number, order: ChannelOrder): Uint8Array {
  if (channels === 3 && samples instanceof Uint8Array) {
    if (order === 'bgr') swapRedBlue(samples);
    return samples;
  }
  const shift = samples instanceof Uint16Array ? 8 : 0;
  const colour = channels >= 3;
  const [first, last] = order === 'rgb' ? [0, 2] : [2, 0];
  const out = new Uint8Array(count * 3);
  for (let i = 0, s = 0, o = 0; i < count; i++, s += channels, o += 3) {
    const v0 = samples[s]! >> shift;
    out[o + first] = v0;
    out[o + 1] = colour ? samples[s + 1]! >> shift : v0;
    out[o + last] = colour ? samples[s + 2]! >> shift : v0;
  }
  return out;
}

function swapRedBlue(data: Uint8Array): void {
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i]!;
    data[i] = data[i + 2]!;
    data[i + 2] = r;
  }
}

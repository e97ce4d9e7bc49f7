import { InvalidImageError } from './errors.js';

/*
 * libvips (and so sharp) cannot read BMP, which Ultralytics accepts (cv2.imdecode). This decodes the
 * uncompressed variants: 1/4/8-bit palettes, 16-bit (5-5-5 or bit fields), 24-bit and 32-bit (alpha dropped).
 */

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d; // "BM"
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

function bad(why: string): never {
  throw new InvalidImageError(`corrupt or unsupported BMP: ${why}`);
}

/** Expands a channel selected by `mask` to 8 bits the way cv2 does for 16-bit BMPs: left-aligned, low bits zero. */
function channelReader(mask: number): (v: number) => number {
  if (mask === 0) return () => 0;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1) bits++;
  return bits >= 8 ? (v) => ((v & mask) >>> (shift + bits - 8)) & 0xff : (v) => (((v & mask) >>> shift) << (8 - bits)) & 0xff;
}

/** Decodes a BMP into packed RGB. */
export function decodeBmp(bytes: Uint8Array, limitInputPixels: number): { data: Uint8Array; width: number; height: number } {
  if (bytes.length < 26) bad('truncated header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  let width: number;
  let rawHeight: number;
  let bpp: number;
  let compression = BI_RGB;
  let paletteEntrySize = 4;
  if (headerSize === 12) {
    width = view.getUint16(18, true);
    rawHeight = view.getInt16(20, true);
    bpp = view.getUint16(24, true);
    paletteEntrySize = 3;
  } else {
    if (headerSize < 40 || bytes.length < 14 + 40) bad('unknown header');
    width = view.getInt32(18, true);
    rawHeight = view.getInt32(22, true);
    bpp = view.getUint16(28, true);
    compression = view.getUint32(30, true);
  }
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (width <= 0 || height <= 0) bad('empty image');
  if (width * height > limitInputPixels) throw new InvalidImageError(`image too large: ${width}x${height} pixels`);

  let masks: [number, number, number];
  if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
    // The masks follow a 40-byte header, or are part of the V2+ headers at the same offset.
    if (bytes.length < 14 + 40 + 12) bad('truncated bit fields');
    masks = [view.getUint32(54, true), view.getUint32(58, true), view.getUint32(62, true)];
  } else if (compression === BI_RGB) {
    masks = bpp === 16 ? [0x7c00, 0x03e0, 0x001f] : [0xff0000, 0x00ff00, 0x0000ff];
  } else {
    return bad(`compression ${compression} is not supported`);
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) bad(`${bpp} bits per pixel`);

  let palette: Uint8Array | null = null;
  if (bpp <= 8) {
    const paletteStart = 14 + headerSize;
    const declared = headerSize >= 40 ? view.getUint32(46, true) : 0;
    const count = Math.min(declared || 1 << bpp, Math.floor((dataOffset - paletteStart) / paletteEntrySize));
    if (count <= 0) bad('missing palette');
    palette = new Uint8Array(256 * 3); // entries past the palette read as black
    for (let i = 0; i < count; i++) {
      const at = paletteStart + i * paletteEntrySize;
      palette[i * 3] = bytes[at + 2]!;
      palette[i * 3 + 1] = bytes[at + 1]!;
      palette[i * 3 + 2] = bytes[at]!;
    }
  }

  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * height > bytes.length) bad('truncated pixel data');
  const [readR, readG, readB] = masks.map(channelReader) as [(v: number) => number, (v: number) => number, (v: number) => number];
  const out = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    let o = y * width * 3;
    for (let x = 0; x < width; x++, o += 3) {
      if (palette) {
        const bit = x * bpp;
        const index = (bytes[row + (bit >> 3)]! >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        out[o] = palette[index * 3]!;
        out[o + 1] = palette[index * 3 + 1]!;
        out[o + 2] = palette[index * 3 + 2]!;
      } else if (bpp === 24 || (bpp === 32 && compression === BI_RGB)) {
        const at = row + x * (bpp >> 3);
        out[o] = bytes[at + 2]!;
        out[o + 1] = bytes[at + 1]!;
        out[o + 2] = bytes[at]!;
      } else {
        const v = bpp === 16 ? view.getUint16(row + x * 2, true) : view.getUint32(row + x * 4, true);
        out[o] = readR(v);
        out[o + 1] = readG(v);
        out[o + 2] = readB(v);
      }
    }
  }
  return { data: out, width, height };
}

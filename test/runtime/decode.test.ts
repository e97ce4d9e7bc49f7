import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../runtime/decode.js';
import { InvalidImageError } from '../../runtime/errors.js';

const W = 6;
const H = 4;
/** A 6x4 RGB test pattern. */
const PATTERN = Uint8Array.from({ length: W * H * 3 }, (_, i) => (i * 37) % 256);
const pattern = () => sharp(PATTERN, { raw: { width: W, height: H, channels: 3 } });

/** A BMP file: 40-byte info header, optional palette/bit masks, rows padded to 4 bytes. */
function bmp(options: {
  bpp: number;
  width: number;
  height: number;
  rows: number[][];
  palette?: number[][];
  masks?: number[];
}): Uint8Array {
  const { bpp, width, height, rows, palette = [], masks } = options;
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  const extra = palette.length * 4 + (masks ? 12 : 0);
  const offset = 14 + 40 + extra;
  const bytes = new Uint8Array(offset + stride * Math.abs(height));
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]);
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, offset, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, bpp, true);
  view.setUint32(30, masks ? 3 : 0, true);
  view.setUint32(46, palette.length, true);
  masks?.forEach((m, i) => view.setUint32(54 + i * 4, m, true));
  palette.forEach(([r, g, b], i) => bytes.set([b!, g!, r!, 0], 54 + i * 4));
  rows.forEach((row, i) => bytes.set(row, offset + i * stride)); // rows in file order
  return bytes;
}

describe('decodeImage', () => {
  let jpegRotated: Buffer;
  beforeAll(async () => {
    jpegRotated = await pattern().withMetadata({ orientation: 6 }).jpeg({ quality: 100 }).toBuffer();
  });

  it('decodes to packed 8-bit RGB, or BGR on request', async () => {
    const png = await pattern().png().toBuffer();
    const rgb = await decodeImage(png);
    expect(rgb).toMatchObject({ width: W, height: H, order: 'rgb' });
    expect(Array.from(rgb.data)).toEqual(Array.from(PATTERN));
    const bgr = await decodeImage(png, { order: 'bgr' });
    expect(Array.from(bgr.data.subarray(0, 3))).toEqual([PATTERN[2], PATTERN[1], PATTERN[0]]);
  });

  it('applies EXIF orientation to JPEG and PNG, as cv2.imdecode does', async () => {
    expect(await decodeImage(jpegRotated)).toMatchObject({ width: H, height: W });
    const png = await pattern().withMetadata({ orientation: 6 }).png().toBuffer();
    const rotated = await decodeImage(png);
    expect(rotated).toMatchObject({ width: H, height: W });
    // orientation 6 = rotate 90° clockwise: the top-left pixel comes from the bottom-left.
    expect(Array.from(rotated.data.subarray(0, 3))).toEqual(Array.from(PATTERN.subarray((H - 1) * W * 3, (H - 1) * W * 3 + 3)));
  });

  it('ignores orientation for WebP (cv2) and TIFF (Ultralytics reads TIFF with IMREAD_UNCHANGED)', async () => {
    const webp = await pattern().withMetadata({ orientation: 6 }).webp({ lossless: true }).toBuffer();
    const tiff = await pattern().withMetadata({ orientation: 6 }).tiff({ compression: 'lzw' }).toBuffer();
    for (const image of [webp, tiff]) {
      const decoded = await decodeImage(image);
      expect(decoded).toMatchObject({ width: W, height: H });
      expect(Array.from(decoded.data)).toEqual(Array.from(PATTERN));
    }
  });

  it('replicates grayscale and drops alpha without compositing', async () => {
    const gray = await sharp(Uint8Array.from([0, 50, 100, 150, 200, 250]), { raw: { width: 3, height: 2, channels: 1 } })
      .png()
      .toBuffer();
    expect(Array.from((await decodeImage(gray)).data.subarray(0, 9))).toEqual([0, 0, 0, 50, 50, 50, 100, 100, 100]);
    const rgba = await sharp(Uint8Array.from([200, 100, 50, 0, 10, 20, 30, 255]), { raw: { width: 2, height: 1, channels: 4 } })
      .png()
      .toBuffer();
    expect(Array.from((await decodeImage(rgba)).data)).toEqual([200, 100, 50, 10, 20, 30]);
  });

  it('takes the high byte of 16-bit samples (v >> 8), not a rounded rescale', async () => {
    const samples = Uint16Array.from([0x01ff, 0x80ff, 0xff00, 0x7f80, 0x0080, 0xfffe]);
    const png = await sharp(samples, { raw: { width: 2, height: 1, channels: 3 } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect(Array.from((await decodeImage(png)).data)).toEqual([0x01, 0x80, 0xff, 0x7f, 0x00, 0xff]);
    const gray16 = await sharp(Uint16Array.from([0x12ff, 0xab01]), { raw: { width: 2, height: 1, channels: 1 } })
      .toColourspace('grey16')
      .png()
      .toBuffer();
    expect(Array.from((await decodeImage(gray16)).data)).toEqual([0x12, 0x12, 0x12, 0xab, 0xab, 0xab]);
  });

  describe('BMP (decoded by hand: libvips has no BMP loader)', () => {
    it('reads bottom-up 24-bit rows with padding', async () => {
      const file = bmp({
        bpp: 24,
        width: 2,
        height: 2,
        rows: [
          [1, 2, 3, 4, 5, 6],
          [7, 8, 9, 10, 11, 12],
        ],
      });
      const { data, width, height } = await decodeImage(file);
      expect([width, height]).toEqual([2, 2]);
      // first file row is the bottom image row; samples are stored B, G, R
      expect(Array.from(data)).toEqual([9, 8, 7, 12, 11, 10, 3, 2, 1, 6, 5, 4]);
    });

    it('reads top-down 32-bit pixels, dropping the fourth byte', async () => {
      const file = bmp({
        bpp: 32,
        width: 1,
        height: -2,
        rows: [
          [1, 2, 3, 0],
          [4, 5, 6, 9],
        ],
      });
      expect(Array.from((await decodeImage(file)).data)).toEqual([3, 2, 1, 6, 5, 4]);
    });

    it('reads palettes (8-bit and 1-bit)', async () => {
      const palette = [
        [10, 20, 30],
        [40, 50, 60],
      ];
      const eight = bmp({ bpp: 8, width: 3, height: 1, rows: [[1, 0, 1]], palette });
      expect(Array.from((await decodeImage(eight)).data)).toEqual([40, 50, 60, 10, 20, 30, 40, 50, 60]);
      const one = bmp({ bpp: 1, width: 3, height: 1, rows: [[0b10100000]], palette });
      expect(Array.from((await decodeImage(one)).data)).toEqual([40, 50, 60, 10, 20, 30, 40, 50, 60]);
    });

    it('reads 16-bit 5-6-5 bit fields like cv2 (low bits zero)', async () => {
      const file = bmp({ bpp: 16, width: 1, height: 1, rows: [[0xff, 0xff]], masks: [0xf800, 0x07e0, 0x001f] });
      expect(Array.from((await decodeImage(file)).data)).toEqual([0xf8, 0xfc, 0xf8]);
    });

    it('rejects truncated and compressed BMPs', async () => {
      const file = bmp({ bpp: 24, width: 2, height: 2, rows: [] });
      await expect(decodeImage(file.subarray(0, file.length - 4))).rejects.toThrow(InvalidImageError);
      const rle = bmp({ bpp: 8, width: 1, height: 1, rows: [[0]], palette: [[0, 0, 0]] });
      new DataView(rle.buffer).setUint32(30, 1, true);
      await expect(decodeImage(rle)).rejects.toThrow(/compression/);
    });
  });

  describe('rejects what is not a supported, complete image', () => {
    it.each([
      ['an empty buffer', () => Buffer.alloc(0)],
      ['text', () => Buffer.from('just some text, not an image')],
      ['a truncated JPEG', () => jpegRotated.subarray(0, Math.floor(jpegRotated.length / 2))],
      ['a JPEG header only', () => jpegRotated.subarray(0, 100)],
    ])('%s', async (_, input) => {
      await expect(decodeImage(input())).rejects.toThrow(InvalidImageError);
    });

    it('a truncated PNG', async () => {
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#123456' } })
        .composite([{ input: Buffer.from(PATTERN), raw: { width: W, height: H, channels: 3 }, tile: true }])
        .png({ compressionLevel: 0 })
        .toBuffer();
      await expect(decodeImage(png.subarray(0, png.length - 200))).rejects.toThrow(InvalidImageError);
    });

    it('formats Ultralytics does not accept (GIF)', async () => {
      const gif = await pattern().gif().toBuffer();
      await expect(decodeImage(gif)).rejects.toThrow(/unsupported image format gif/);
    });

    it('images above the pixel limit', async () => {
      const png = await pattern().png().toBuffer();
      await expect(decodeImage(png, { limitInputPixels: 10 })).rejects.toThrow(InvalidImageError);
    });
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { validationError } from '../../../../kernel/errors.js';
import type { FileStore } from '../../../../kernel/file-store.js';
import { LIMITS } from '../../../../kernel/limits.js';
import { decodeBmp, isBmp } from '../../../../runtime/index.js';

const FORMATS = new Set(['jpeg', 'png', 'webp', 'tiff']);

/** Checks that a stored file really is an image and measures it (as displayed, EXIF orientation applied). */
export function imageSize(store: FileStore, key: string, where: string): Promise<{ width: number; height: number }> {
  const notImage = () => validationError(`${where} is not a readable image (JPEG, PNG, WebP, TIFF or BMP)`, { file: where });
  return store.withLocalFile(key, async (file) => {
    if (path.extname(file).toLowerCase() === '.bmp') {
      const bytes = await readFile(file);
      if (!isBmp(bytes)) throw notImage();
      try {
        const { width, height } = decodeBmp(bytes, LIMITS.imagePixels);
        return { width, height };
      } catch {
        throw notImage();
      }
    }
    let metadata: sharp.Metadata;
    try {
      metadata = await sharp(file, { limitInputPixels: LIMITS.imagePixels }).metadata();
    } catch {
      throw notImage();
    }
    if (!metadata.format || !FORMATS.has(metadata.format) || !metadata.width || !metadata.height) throw notImage();
    const { width, height } = metadata.autoOrient ?? metadata;
    return { width: width!, height: height! };
  });
}

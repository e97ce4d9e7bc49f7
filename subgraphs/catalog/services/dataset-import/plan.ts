import type { Readable } from 'node:stream';
import type { Annotations } from '../../entities/dataset-image.js';

/** One image an upload brings: where it goes, its labels, and how to read its bytes. */
export interface ImportedImage {
  split: string;
  /** Path below the split, as the user named it (`0001.jpg`, `sub/0001.jpg`). */
  fileName: string;
  annotations: Annotations;
  /** The size the archive declares for it (zip), known before any byte is read; null when only reading tells (URLs). */
  declaredBytes: number | null;
  open(signal?: AbortSignal): Promise<Readable>;
}

/** What an upload holds, checked for the dataset's task before any image is stored. */
export interface ImportPlan {
  classNames: string[];
  kptShape: [number, number] | null;
  images: ImportedImage[];
}

/** Image types Ultralytics trains on that the platform can check. */
export const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp', '.bmp', '.tif', '.tiff', '.mpo']);

export const SPLIT = /^[A-Za-z0-9_-]{1,64}$/;

/** A relative path with no empty, `.` or `..` segment (nothing may point outside the dataset) and no control character. */
export function isSafeRelativePath(value: string): boolean {
  if (value.length === 0 || value.length > 500 || value.startsWith('/') || value.includes('\\')) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return value.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

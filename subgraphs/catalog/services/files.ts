import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileTooLargeError, type FileStore, type StoredFile } from '../../../kernel/file-store.js';
import { AppError, validationError } from '../../../kernel/errors.js';
import { imageSource, type ImageSource } from './dataset-import/image-source.js';

/** Model download links live an hour; export links a week, long enough for a training run to fetch every image. */
export const DOWNLOAD_TTL_MS = 60 * 60 * 1000;
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SignedLink {
  url: string;
  expiresAt: Date;
}

/**
 * The file store as the catalog uses it: signed download links (`baseUrl` is the platform's address as the client
 * reached it, or nothing for a path relative to it) and where NDJSON image URLs are read from.
 */
export class CatalogFiles {
  readonly images: ImageSource;

  constructor(readonly store: FileStore) {
    this.images = imageSource(store);
  }

  link(key: string, baseUrl: string | null, ttlMs: number, now = Date.now()): SignedLink {
    const expiresAt = new Date(now + ttlMs);
    return { url: this.store.signedUrl(key, { expiresAt, baseUrl }), expiresAt };
  }

  /** The first `length` bytes of a stored file (fewer if it is shorter). */
  async head(key: string, length: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.store.open(key, { start: 0, end: length - 1 })) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).subarray(0, length);
  }
}

/** `https://host[:port][/prefix]` without a trailing slash; anything else is refused. */
export function checkBaseUrl(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validationError('baseUrl must be an absolute http(s) URL', { baseUrl: value.slice(0, 200) });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw validationError('baseUrl must be an absolute http(s) URL', { baseUrl: value.slice(0, 200) });
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** A file name safe to use as the last segment of a store key, keeping the extension. */
export function safeFileName(name: string, fallback: string): string {
  const base = path.posix.basename(name.replace(/\\/g, '/'));
  const cleaned = base
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(-120);
  return cleaned || fallback;
}

/** Stores an upload; a too-large or interrupted upload is the caller's error and leaves nothing behind. */
export async function storeUpload(store: FileStore, key: string, source: Readable, maxBytes: number): Promise<StoredFile> {
  try {
    return await store.put(key, source, { maxBytes });
  } catch (error) {
    if (error instanceof AppError) throw error; // refused on the way (the account's storage ran out)
    if (error instanceof FileTooLargeError) throw validationError(`The file is larger than the limit of ${maxBytes} bytes`, { maxBytes });
    if ((error as NodeJS.ErrnoException).syscall) throw error; // the disk, not the upload
    throw validationError(`The upload did not complete: ${(error as Error).message}`);
  }
}

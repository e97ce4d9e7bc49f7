import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FileTooLargeError, signedFilePath, writeStreamToFile, type FileStore, type StoredFile } from '../../../kernel/file-store.js';
import { validationError } from '../../../kernel/errors.js';
import { imageSource, type ImageSource } from './dataset-import/image-source.js';

/** Upload size limits per kind of file (bytes). */
export const MAX_MODEL_BYTES = 2 * 1024 ** 3;
export const MAX_DATASET_BYTES = 5 * 1024 ** 3;
export const MAX_IMAGE_BYTES = 100 * 1024 ** 2;

/** Model download links live an hour; export links a week, long enough for a training run to fetch every image. */
export const DOWNLOAD_TTL_MS = 60 * 60 * 1000;
export const EXPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SignedLink {
  url: string;
  expiresAt: Date;
}

/**
 * The file store and signed download links. Links are signed with the gateway secret (the gateway serves and checks
 * them); `baseUrl` is the platform's address as the client reached it, or nothing for a path relative to it.
 */
export class CatalogFiles {
  /** Where NDJSON image URLs are read from. */
  readonly images: ImageSource;

  constructor(
    readonly store: FileStore,
    private readonly secret: string,
  ) {
    this.images = imageSource(store, secret);
  }

  link(key: string, baseUrl: string | null, ttlMs: number, now = Date.now()): SignedLink {
    const expiresAt = new Date(now + ttlMs);
    return { url: `${baseUrl ?? ''}${signedFilePath(key, this.secret, expiresAt)}`, expiresAt };
  }
}

/** `https://host[:port][/prefix]` without a trailing slash; anything else is refused. */
export function checkBaseUrl(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw validationError('baseUrl must be an absolute http(s) URL', { baseUrl: value });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw validationError('baseUrl must be an absolute http(s) URL', { baseUrl: value });
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Runs `work` on a local copy of a stored file: the file itself on a local store, a temporary download otherwise. */
export async function withLocalFile<T>(store: FileStore, key: string, work: (path: string) => Promise<T>): Promise<T> {
  const local = store.localPath(key);
  if (local) return work(local);
  const directory = await mkdtemp(path.join(tmpdir(), 'catalog-'));
  try {
    const copy = path.join(directory, path.posix.basename(key));
    await writeStreamToFile(store.open(key), copy, Number.MAX_SAFE_INTEGER);
    return await work(copy);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/** The first `length` bytes of a stored file (fewer if it is shorter). */
export async function readHead(store: FileStore, key: string, length: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = store.open(key);
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total >= length) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, length);
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
    if (error instanceof FileTooLargeError) throw validationError(`The file is larger than the limit of ${maxBytes} bytes`, { maxBytes });
    if ((error as NodeJS.ErrnoException).syscall) throw error; // the disk, not the upload
    throw validationError(`The upload did not complete: ${(error as Error).message}`);
  }
}

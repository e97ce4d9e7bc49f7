import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Config } from './config.js';

/** What a finished upload wrote. */
export interface StoredFile {
  size: number;
  sha256: string;
}

/**
 * Where uploaded datasets and model files live. Keys are relative paths (`accounts/<id>/models/<id>/best.onnx`);
 * callers never see where the bytes are, so an object store can replace the local disk without touching them.
 */
export interface FileStore {
  /** Streams `source` to `key`; the file appears whole or not at all (too large, aborted, failed: nothing left). */
  put(key: string, source: Readable, options: { maxBytes: number }): Promise<StoredFile>;
  open(key: string): Readable;
  /** The file on local disk, when the store is local (readers that need random access use it). */
  localPath(key: string): string | undefined;
  size(key: string): Promise<number | undefined>;
  exists(key: string): Promise<boolean>;
  /** Deletes a file; deleting a missing file is not an error. */
  delete(key: string): Promise<void>;
}

export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
  }
}

// Keys become paths on disk and in URLs: plain segments only, never `..` or absolute.
const KEY_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export function isValidKey(key: string): boolean {
  const segments = key.split('/');
  return segments.length > 0 && segments.every((segment) => KEY_SEGMENT.test(segment) && segment.length <= 255);
}

function checkKey(key: string): void {
  if (!isValidKey(key)) throw new Error(`Invalid file key "${key}"`);
}

/**
 * Streams `source` into `target` through a temporary name, renamed on success; counts and hashes on the way and
 * stops as soon as `maxBytes` is exceeded. Any failure removes the partial file.
 */
export async function writeStreamToFile(source: Readable, target: string, maxBytes: number): Promise<StoredFile> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`;
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(new FileTooLargeError(maxBytes));
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(temporary, { flags: 'wx' }));
    await rename(temporary, target);
  } catch (error) {
    source.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  return { size, sha256: hash.digest('hex') };
}

/** The embedded store: files under `${DATA_DIR}/files`. */
export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  put(key: string, source: Readable, options: { maxBytes: number }): Promise<StoredFile> {
    checkKey(key);
    return writeStreamToFile(source, this.pathOf(key), options.maxBytes);
  }

  open(key: string): Readable {
    checkKey(key);
    return createReadStream(this.pathOf(key));
  }

  localPath(key: string): string {
    checkKey(key);
    return this.pathOf(key);
  }

  async size(key: string): Promise<number | undefined> {
    checkKey(key);
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? info.size : undefined;
    } catch {
      return undefined;
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }
}

/** The platform's file store; every process of one install must see the same one (shared disk in the split layout). */
export function openFileStore(config: Pick<Config, 'dataDir'>): FileStore {
  return new LocalFileStore(path.join(config.dataDir, 'files'));
}

/** Where the gateway serves stored files: `GET /files/<key>?expires=&signature=`. */
export const FILES_ROUTE = '/files';

function fileSignature(key: string, expires: number, secret: string): string {
  // A purpose prefix keeps these signatures apart from the gateway's signed callers.
  return createHmac('sha256', secret).update(`file:${key}:${expires}`).digest('base64url');
}

/**
 * A download path for `key` valid until `expiresAt`, signed with the gateway secret: anyone holding it may download
 * the file (that is what Ultralytics and browsers need), nobody can forge another one.
 */
export function signedFilePath(key: string, secret: string, expiresAt: Date): string {
  checkKey(key);
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const encoded = key.split('/').map(encodeURIComponent).join('/');
  return `${FILES_ROUTE}/${encoded}?expires=${expires}&signature=${fileSignature(key, expires, secret)}`;
}

export function verifyFileSignature(key: string, expires: unknown, signature: unknown, secret: string, now = Date.now()): boolean {
  if (typeof expires !== 'string' || typeof signature !== 'string' || !/^\d+$/.test(expires)) return false;
  if (Number(expires) * 1000 <= now || !isValidKey(key)) return false;
  const expected = Buffer.from(fileSignature(key, Number(expires), secret));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

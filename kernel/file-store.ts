import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
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
 * Where uploaded datasets, model files and exports live. Keys are relative paths laid out per account
 * (`accounts/<id>/…`, see `file-keys.ts`), so an account's files can be listed and erased together. Callers never see
 * where the bytes are: the store streams them, signs download links to them, and lends a local copy to code that
 * needs a path (onnxruntime, the trainer), so an object store can replace the local disk without touching callers.
 */
export interface FileStore {
  /** Streams `source` to `key`; the file appears whole or not at all (too large, aborted, failed: nothing left). */
  put(key: string, source: Readable, options: { maxBytes: number }): Promise<StoredFile>;
  /** Reads a file, or the byte range [start, end] of it (inclusive, as HTTP ranges). */
  open(key: string, range?: { start?: number; end?: number }): Readable;
  size(key: string): Promise<number | undefined>;
  exists(key: string): Promise<boolean>;
  /** Deletes a file; deleting a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every file under the folder `prefix` (ending in `/`); returns how many there were. */
  deletePrefix(prefix: string): Promise<number>;
  /** Every file under the folder `prefix`, with its size. */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
  /** Runs `work` with the file on local disk: the file itself on a local store, a copy removed afterwards otherwise. */
  withLocalFile<T>(key: string, work: (path: string) => Promise<T>): Promise<T>;
  /**
   * A download URL valid until `expiresAt` (relative to the platform unless `baseUrl` is given): anyone holding it
   * may download the file (that is what Ultralytics and browsers need), nobody can forge another one. With
   * `method: 'PUT'` it is an upload URL for the key instead (a signature of its own: a download link never uploads).
   */
  signedUrl(key: string, options: { expiresAt: Date; baseUrl?: string | null; method?: SignedMethod }): string;
  /** Whether `expires` and `signature` (from a signed URL's query) are valid for `key` and `method` now. */
  verifySignature(key: string, expires: unknown, signature: unknown, now?: number, method?: SignedMethod): boolean;
}

/** What a signed URL lets its holder do with the file: download it, or upload it (once the owner's rules allow). */
export type SignedMethod = 'GET' | 'PUT';

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
  // The source may fail (a corrupt zip entry, a client gone) while the folder is made, before pipeline() listens:
  // an 'error' event with no listener would end the process. pipeline() still sees the error (the stream is errored).
  const early = () => undefined;
  source.on('error', early);
  try {
    await mkdir(path.dirname(target), { recursive: true });
  } catch (error) {
    source.destroy();
    throw error;
  } finally {
    source.off('error', early);
  }
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
  constructor(
    private readonly root: string,
    /** Signs download links (the gateway secret: the gateway serves and checks them); a bare worker has none. */
    private readonly secret: string | undefined,
  ) {}

  put(key: string, source: Readable, options: { maxBytes: number }): Promise<StoredFile> {
    checkKey(key);
    return writeStreamToFile(source, this.pathOf(key), options.maxBytes);
  }

  open(key: string, range: { start?: number; end?: number } = {}): Readable {
    checkKey(key);
    return createReadStream(this.pathOf(key), range);
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

  async deletePrefix(prefix: string): Promise<number> {
    const folder = this.folderOf(prefix);
    let count = 0;
    for await (const _file of this.list(prefix)) count++;
    await rm(folder, { recursive: true, force: true });
    return count;
  }

  async *list(prefix: string): AsyncIterable<{ key: string; size: number }> {
    const folder = this.folderOf(prefix);
    let entries: string[];
    try {
      entries = await readdir(folder, { recursive: true });
    } catch {
      return;
    }
    for (const entry of entries.sort()) {
      if (entry.endsWith('.partial')) continue; // an upload under way
      const info = await stat(path.join(folder, entry)).catch(() => undefined);
      if (info?.isFile()) yield { key: `${prefix}${entry.split(path.sep).join('/')}`, size: info.size };
    }
  }

  async withLocalFile<T>(key: string, work: (path: string) => Promise<T>): Promise<T> {
    checkKey(key);
    return work(this.pathOf(key));
  }

  signedUrl(key: string, options: { expiresAt: Date; baseUrl?: string | null; method?: SignedMethod }): string {
    checkKey(key);
    if (!this.secret) throw new Error('This file store signs no links (no gateway secret)');
    const expires = Math.floor(options.expiresAt.getTime() / 1000);
    const encoded = key.split('/').map(encodeURIComponent).join('/');
    const signature = fileSignature(key, expires, this.secret, options.method);
    return `${options.baseUrl ?? ''}${FILES_ROUTE}/${encoded}?expires=${expires}&signature=${signature}`;
  }

  verifySignature(key: string, expires: unknown, signature: unknown, now = Date.now(), method: SignedMethod = 'GET'): boolean {
    if (typeof expires !== 'string' || typeof signature !== 'string' || !/^\d{1,12}$/.test(expires)) return false;
    if (!this.secret || Number(expires) * 1000 <= now || !isValidKey(key)) return false;
    const expected = Buffer.from(fileSignature(key, Number(expires), this.secret, method));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...key.split('/'));
  }

  private folderOf(prefix: string): string {
    if (!prefix.endsWith('/') || !isValidKey(prefix.slice(0, -1))) throw new Error(`Invalid folder key "${prefix}"`);
    return this.pathOf(prefix.slice(0, -1));
  }
}

/** The platform's file store; every process of one install must see the same one (shared disk in the split layout). */
export function openFileStore(config: Pick<Config, 'dataDir'>, secret?: string): FileStore {
  return new LocalFileStore(path.join(config.dataDir, 'files'), secret);
}

/** Where the gateway serves stored files: `GET /files/<key>?expires=&signature=`. */
export const FILES_ROUTE = '/files';

function fileSignature(key: string, expires: number, secret: string, method: SignedMethod = 'GET'): string {
  // A purpose prefix keeps these signatures apart from the gateway's signed callers, and uploads apart from downloads.
  const purpose = method === 'PUT' ? 'file-put' : 'file';
  return createHmac('sha256', secret).update(`${purpose}:${key}:${expires}`).digest('base64url');
}

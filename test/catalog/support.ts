import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { print, type DocumentNode } from 'graphql';
import type { TestPlatform } from '../support/platform.js';

/** A zip archive with stored (uncompressed) entries: enough to build test datasets without a zip library. */
export function zip(entries: Record<string, Buffer | string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** One entry of `rawZip`: its bytes as stored in the archive, and what its headers claim (which may lie). */
export interface RawEntry {
  name: string;
  /** Bytes as they sit in the archive (deflated ones for method 8). */
  stored: Buffer;
  method: 0 | 8;
  /** What the headers declare; honest by default. */
  uncompressedSize: number;
  crc: number;
}

/** An honest deflated entry. */
export function deflated(name: string, content: Buffer | string): RawEntry {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { name, stored: deflateRawSync(data), method: 8, uncompressedSize: data.length, crc: crc32(data) };
}

/** A zip from raw entries, written exactly as given: lying sizes and corrupt deflate streams included. */
export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const fileName = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.stored.length, 18);
    local.writeUInt32LE(entry.uncompressedSize >>> 0, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.stored.length, 20);
    central.writeUInt32LE(entry.uncompressedSize >>> 0, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, entry.stored);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + entry.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function jpeg(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .toBuffer();
}

/** A small detect dataset in YOLO layout: 3 train + 2 val images, classes a and b. */
export async function detectZip(overrides: Record<string, Buffer | string> = {}): Promise<Buffer> {
  const image = await jpeg();
  return zip({
    'data.yaml': 'train: images/train\nval: images/val\nnames:\n  0: a\n  1: b\n',
    'images/train/1.jpg': image,
    'images/train/2.jpg': image,
    'images/train/3.jpg': image,
    'images/val/4.jpg': image,
    'images/val/5.jpg': image,
    'labels/train/1.txt': '0 0.5 0.5 0.2 0.2\n1 0.3 0.3 0.1 0.1\n',
    'labels/train/2.txt': '1 0.5 0.5 0.2 0.2\n',
    'labels/val/4.txt': '0 0.4 0.4 0.2 0.2\n',
    ...overrides,
  });
}

/** A multipart POST as curl -F sends it. */
export async function postForm(
  target: { url: string },
  key: string,
  route: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer },
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  const response = await fetch(`${target.url}${route}`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
  return { status: response.status, body: await response.json() };
}

/** A GraphQL multipart request (the spec's `operations`, `map`, file) through the gateway. */
export async function graphqlUpload(
  target: { url: string },
  key: string,
  document: DocumentNode,
  variables: Record<string, unknown>,
  file: { variable: string; name: string; bytes: Buffer },
): Promise<{ status: number; data: any; errors: any[] | undefined }> {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: print(document), variables: { ...variables, [file.variable]: null } }));
  form.append('map', JSON.stringify({ 0: [`variables.${file.variable}`] }));
  form.append('0', new Blob([new Uint8Array(file.bytes)]), file.name);
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'apollo-require-preflight': 'true' },
    body: form,
  });
  const body = (await response.json()) as { data?: unknown; errors?: any[] };
  return { status: response.status, data: body.data, errors: body.errors };
}

/** Every file in the platform's file store and its temporary upload folders: "no trace" means this did not grow. */
export async function storedFiles(platform: TestPlatform): Promise<string[]> {
  const found: string[] = [];
  for (const folder of ['files', 'tmp']) {
    const root = path.join(platform.config.dataDir, folder);
    if (!existsSync(root)) continue;
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) found.push(path.join(entry.parentPath, entry.name));
    }
  }
  return found.sort();
}

/** Counts SQL statements on the catalog's tables while `work` runs (the ORM's query logger sees every one). */
export async function countCatalogQueries(platform: TestPlatform, work: () => Promise<unknown>): Promise<number> {
  const db = (
    platform.platform.subgraphs.events as unknown as {
      db: { orm: { config: { getLogger(): { logQuery(context: { query: string }): void } } } };
    }
  ).db;
  const logger = db.orm.config.getLogger();
  const original = logger.logQuery;
  let count = 0;
  logger.logQuery = function (context) {
    if (context.query.includes('catalog')) count++;
    return original.call(this, context);
  };
  try {
    await work();
  } finally {
    logger.logQuery = original;
  }
  return count;
}

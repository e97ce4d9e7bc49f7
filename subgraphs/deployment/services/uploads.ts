import type { Readable } from 'node:stream';
import { validationError } from '../../../kernel/errors.js';

/** The shape graphql-upload-minimal gives an `Upload` argument. */
export interface FileUpload {
  filename: string;
  mimetype: string;
  createReadStream(): Readable;
}

/** Reads an upload into memory (decoders want the whole file), refusing anything over `maxBytes`. */
export async function readUpload(upload: Promise<FileUpload> | FileUpload, maxBytes: number): Promise<Buffer> {
  const file = await upload;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.createReadStream()) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw validationError(`The file is larger than ${maxBytes / 1024 ** 2} MB`, { maxBytes });
    chunks.push(chunk as Buffer);
  }
  if (size === 0) throw validationError('The file is empty');
  return Buffer.concat(chunks, size);
}

/** Video containers by their magic bytes: MP4/MOV (`ftyp`), AVI (`RIFF…AVI `), WebM/MKV (EBML). */
export function isVideo(bytes: Buffer): boolean {
  if (bytes.length < 12) return false;
  if (bytes.toString('latin1', 4, 8) === 'ftyp') return true;
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'AVI ') return true;
  return bytes.readUInt32BE(0) === 0x1a45dfa3;
}

import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import busboy from 'busboy';
import type { Request, RequestHandler } from 'express';
import { Upload, type FileUpload } from 'graphql-upload-minimal';
import { FileTooLargeError, writeStreamToFile } from '../kernel/file-store.js';
import { validationError } from '../kernel/errors.js';
import { sendError } from './envelope.js';

const FILE_FIELD = 'file';
const uploads = new WeakMap<Request, Upload>();
/** Files sent under another field name than `file`: not read, but named when the file is missing. */
const misplaced = new WeakMap<Request, string>();

export function isMultipart(req: Request): boolean {
  return req.is('multipart/form-data') === 'multipart/form-data';
}

/** The `file` of a multipart request, as graphql-upload-minimal hands uploads to the gateway. */
export function uploadOf(req: Request): Upload | undefined {
  return uploads.get(req);
}

/** Whether the request sent a file at all (maybe under the wrong field name). */
export function sentAFile(req: Request): boolean {
  return uploads.has(req) || misplaced.has(req);
}

/** The `file` of the request, or VALIDATION_ERROR saying what is missing, and where a misplaced file went. */
export function requireUpload(req: Request, what: string): Upload {
  const upload = uploads.get(req);
  if (upload) return upload;
  const field = misplaced.get(req);
  if (field !== undefined) {
    throw validationError(`Send the ${what} in the multipart field "file" (it came as "${field.slice(0, 50)}")`, {
      field: field.slice(0, 50),
    });
  }
  throw validationError(`Send the ${what} as multipart/form-data in a field named "file"`);
}

/**
 * Parses `multipart/form-data`: text fields become `req.body`, the `file` part is spooled to a temporary file (never
 * held in memory) so fields may come before or after it, and is offered as an `Upload` the operation streams on.
 * Too large, malformed or cut-off bodies answer VALIDATION_ERROR; the temporary file goes when the response does.
 */
export function multipart(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    if (!isMultipart(req)) return next();
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: maxBytes, files: 1, fields: 100, fieldSize: 1024 ** 2 } });
    } catch {
      return sendError(res, 'VALIDATION_ERROR', 'The multipart body is malformed');
    }
    const fields: Record<string, string> = {};
    let directory: Promise<string> | undefined;
    let spooled: Promise<FileUpload> | undefined;
    let failed = false;
    const cleanup = () => void directory?.then((dir) => rm(dir, { recursive: true, force: true }));
    res.on('close', cleanup);
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      sendError(res, 'VALIDATION_ERROR', message);
    };

    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== FILE_FIELD && !misplaced.has(req)) misplaced.set(req, name);
      if (name !== FILE_FIELD || spooled) return void stream.resume();
      let truncated = false;
      stream.on('limit', () => (truncated = true));
      // A cut-off body errors this stream before the spooling below attaches; the parser reports it as well.
      stream.on('error', () => undefined);
      directory = mkdtemp(path.join(tmpdir(), 'rest-upload-'));
      spooled = directory.then(async (dir) => {
        const file = path.join(dir, 'upload');
        await writeStreamToFile(stream, file, maxBytes);
        if (truncated) throw new FileTooLargeError(maxBytes);
        return {
          filename: info.filename ?? '',
          fieldName: name,
          mimetype: info.mimeType,
          encoding: info.encoding,
          createReadStream: () => createReadStream(file),
        };
      });
      spooled.catch(() => stream.resume());
    });
    parser.on('error', () => fail('The multipart body is malformed or was cut off'));
    parser.on('close', async () => {
      try {
        const file = await spooled;
        if (failed) return;
        req.body = fields;
        if (file) {
          const upload = new Upload() as Upload & { resolve(file: FileUpload): void };
          upload.resolve(file);
          uploads.set(req, upload);
        }
        next();
      } catch (error) {
        fail(error instanceof FileTooLargeError ? `The file is larger than the limit of ${maxBytes} bytes` : 'The upload did not complete');
      }
    });
    req.on('aborted', () => fail('The upload was cut off'));
    req.pipe(parser);
  };
}

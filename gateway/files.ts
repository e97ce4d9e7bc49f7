import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { Router } from 'express';
import { FILES_ROUTE, type FileStore } from '../kernel/file-store.js';
import { sendError } from '../rest-compat/envelope.js';

/**
 * `GET /files/<key>?expires=&signature=`: downloads of stored files by signed, expiring URL, with no API key, so that
 * Ultralytics (dataset NDJSON image URLs) and browsers can fetch them as they are.
 */
export function files(deps: { store: FileStore }): Router {
  const router = Router();
  router.get(`${FILES_ROUTE}/*key`, async (req, res, next) => {
    try {
      const key = (req.params as { key: string[] }).key.join('/');
      if (!deps.store.verifySignature(key, req.query.expires, req.query.signature)) {
        return sendError(res, 'FORBIDDEN', 'The download link is invalid or has expired');
      }
      const size = await deps.store.size(key);
      if (size === undefined) return sendError(res, 'NOT_FOUND', 'The file no longer exists');
      res.set({
        'content-length': String(size),
        'content-type': contentType(key),
        'content-disposition': `attachment; filename="${path.posix.basename(key).replace(/"/g, '')}"`,
        'cache-control': 'private, max-age=300',
      });
      await pipeline(deps.store.open(key), res);
    } catch (error) {
      if (res.headersSent) return void res.destroy(error as Error);
      next(error);
    }
  });
  return router;
}

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.ndjson': 'application/x-ndjson',
  '.onnx': 'application/octet-stream',
  '.pt': 'application/octet-stream',
};

function contentType(key: string): string {
  return TYPES[path.posix.extname(key).toLowerCase()] ?? 'application/octet-stream';
}

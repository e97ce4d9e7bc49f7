import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { sendError } from './envelope.js';
import type { Execute } from './route.js';
import { apiKeyRoutes } from './routes/api-keys.js';

/** The Platform REST API (`/api/...`), every route mapped onto a GraphQL operation sent through the gateway. */
export function restCompat({ execute }: { execute: Execute }): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.use(apiKeyRoutes(execute));
  router.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', 'No such route'));
  router.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.parse.failed') return sendError(res, 'VALIDATION_ERROR', 'The body is not valid JSON');
    if (error.type === 'entity.too.large') return sendError(res, 'VALIDATION_ERROR', 'The body is too large');
    next(error);
  });
  return router;
}

import { Router } from 'express';
import { StorageDocument } from '../generated/graphql.js';
import { route, type Execute } from '../route.js';

/** GET /api/storage: bytes used, the plan's limit, and the percentage. */
export function storageRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/storage',
    route(
      execute,
      StorageDocument,
      () => ({}),
      (data) => ({ data: data.storage }),
    ),
  );
  return router;
}

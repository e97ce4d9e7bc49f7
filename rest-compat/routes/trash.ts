import { Router, type Request } from 'express';
import { validationError } from '../../kernel/errors.js';
import { DeleteFromTrashDocument, EmptyTrashDocument, ListTrashDocument, RestoreFromTrashDocument } from '../generated/graphql.js';
import { body, optionalString, paging } from '../params.js';
import { route, type Execute } from '../route.js';

/** The item a request names: `{itemId, type}` as the seed writes it, or `{id, type}` as the platform docs do. */
function itemOf(req: Request): { type: string; id: string } {
  const input = { ...(req.query as Record<string, unknown>), ...body(req) };
  const id = optionalString(input.itemId, 'itemId') ?? optionalString(input.id, 'id');
  const type = optionalString(input.type, 'type');
  if (!id || !type) throw validationError('Name the item with itemId (or id) and type (project, dataset or model)');
  return { id, type };
}

/**
 * GET /api/trash (`type`, paging), POST /api/trash (restore), DELETE /api/trash (one item for good),
 * POST /api/trash/empty (everything for good; DELETE is accepted too).
 */
export function trashRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/trash',
    route(
      execute,
      ListTrashDocument,
      (req) => ({ ...paging(req), type: optionalString(req.query.type, 'type') }),
      (data) => ({ data: data.trash.items, meta: data.trash.meta }),
    ),
  );
  router.post(
    '/trash',
    route(execute, RestoreFromTrashDocument, itemOf, (data) => ({ data: { ...data.restoreFromTrash, restored: true } })),
  );
  router.delete(
    '/trash',
    route(execute, DeleteFromTrashDocument, itemOf, (data) => ({ data: { ...data.deleteFromTrash, deleted: true } })),
  );
  const empty = route(
    execute,
    EmptyTrashDocument,
    () => ({}),
    (data) => ({ data: { deleted: data.emptyTrash } }),
  );
  router.post('/trash/empty', empty);
  router.delete('/trash/empty', empty);
  return router;
}

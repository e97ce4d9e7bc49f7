import { Router } from 'express';
import { sendError } from '../envelope.js';
import { GetGdprJobDocument, RequestAccountDeletionDocument, RequestGdprExportDocument } from '../generated/graphql.js';
import { body, optionalString } from '../params.js';
import { route, type Execute } from '../route.js';
import { baseUrlOf } from './models.js';

/**
 * POST /api/gdpr `{"action": "export"}` or `{"action": "delete", "confirmationWord": "DELETE"}` (202 with the job);
 * GET /api/gdpr (`jobId`, else the latest): the job's status, and a signed download URL once an export is ready.
 */
export function gdprRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/gdpr',
    route(
      execute,
      GetGdprJobDocument,
      (req) => ({ jobId: optionalString(req.query.jobId, 'jobId'), baseUrl: baseUrlOf(req) }),
      (data) => ({ data: data.gdprJob }),
    ),
  );
  const exportJob = route(
    execute,
    RequestGdprExportDocument,
    () => ({}),
    (data) => ({ data: data.requestGdprExport, status: 202 }),
  );
  const deletion = route(
    execute,
    RequestAccountDeletionDocument,
    (req) => ({ confirmationWord: optionalString(body(req).confirmationWord, 'confirmationWord') ?? '' }),
    (data) => ({ data: data.requestAccountDeletion, status: 202 }),
  );
  router.post('/gdpr', (req, res, next) => {
    const action = typeof req.body === 'object' && req.body !== null ? (req.body as { action?: unknown }).action : undefined;
    if (action === 'export') return exportJob(req, res, next);
    if (action === 'delete') return deletion(req, res, next);
    sendError(res, 'VALIDATION_ERROR', 'action must be "export" or "delete"', {
      action: typeof action === 'string' ? action.slice(0, 50) : action,
    });
  });
  return router;
}

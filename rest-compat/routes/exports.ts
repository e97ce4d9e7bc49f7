import { Router, type Request } from 'express';
import { validationError } from '../../kernel/errors.js';
import {
  CancelExportDocument,
  CreateExportDocument,
  GetExportDocument,
  ListExportsDocument,
  type ExportFieldsFragment,
} from '../generated/graphql.js';
import { body, optionalJsonInteger, optionalString, paging } from '../params.js';
import { route, type Execute } from '../route.js';
import { baseUrlOf } from './models.js';

/** The export as REST clients read it: the signed link flattened to `downloadUrl` and `expiresAt`. */
function exportJson({ download, ...exported }: ExportFieldsFragment) {
  return { ...exported, downloadUrl: download?.url ?? null, expiresAt: download?.expiresAt ?? null };
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw validationError(`${name} must be true or false`, { [name]: value });
  return value;
}

/** Export arguments at the top level or in `args` (the docs' form), `imgsz` or `imageSize`. */
function exportArgs(input: Record<string, unknown>) {
  const nested = input.args;
  if (nested !== undefined && (typeof nested !== 'object' || nested === null || Array.isArray(nested))) {
    throw validationError('args must be an object');
  }
  const args = { ...((nested as Record<string, unknown> | undefined) ?? {}), ...input };
  const imgsz = args.imgsz ?? args.imageSize;
  return {
    imageSize: optionalJsonInteger(imgsz, 'imgsz'),
    half: optionalBoolean(args.half, 'half'),
    dynamic: optionalBoolean(args.dynamic, 'dynamic'),
  };
}

/** GET/POST /api/exports, GET /api/exports/{id}, DELETE /api/exports/{id} (cancel; deletes a finished one). */
export function exportRoutes(execute: Execute): Router {
  const router = Router();
  const withBase = (req: Request) => ({ id: String(req.params.exportId), baseUrl: baseUrlOf(req) });
  router.get(
    '/exports',
    route(
      execute,
      ListExportsDocument,
      (req) => ({
        ...paging(req),
        modelId: optionalString(req.query.modelId, 'modelId'),
        status: optionalString(req.query.status, 'status'),
        baseUrl: baseUrlOf(req),
      }),
      (data) => ({ data: data.exports.items.map(exportJson), meta: data.exports.meta }),
    ),
  );
  router.post(
    '/exports',
    route(
      execute,
      CreateExportDocument,
      (req) => {
        const input = body(req);
        return {
          input: {
            modelId: optionalString(input.modelId, 'modelId') ?? '',
            format: optionalString(input.format, 'format') ?? '',
            ...exportArgs(input),
          },
          baseUrl: baseUrlOf(req),
        };
      },
      // The docs' clients read `exportId` at the top of the answer; the envelope's `data` has the export.
      (data) => ({ body: { success: true, exportId: data.createExport.id, data: exportJson(data.createExport) }, status: 201 }),
    ),
  );
  router.get(
    '/exports/:exportId',
    route(execute, GetExportDocument, withBase, (data) => ({ data: exportJson(data.export) })),
  );
  router.delete(
    '/exports/:exportId',
    route(execute, CancelExportDocument, withBase, (data) => ({
      data: { ...exportJson(data.cancelExport.export), deleted: data.cancelExport.deleted },
    })),
  );
  return router;
}

import { Router } from 'express';
import {
  CreateDatasetDocument,
  DeleteDatasetDocument,
  ExportDatasetDocument,
  GetDatasetDocument,
  ListDatasetsDocument,
  UploadDatasetDocument,
} from '../generated/graphql.js';
import type { Config } from '../../kernel/config.js';
import { largestDatasetUpload } from '../../kernel/limits.js';
import { multipart, requireUpload } from '../multipart.js';
import { body, optionalString, paging } from '../params.js';
import { route, type Execute } from '../route.js';
import { baseUrlOf } from './models.js';

/**
 * GET/POST /api/datasets, GET/DELETE /api/datasets/{datasetId}, POST /api/datasets/{datasetId}/upload (multipart
 * `file`: zip in YOLO layout or NDJSON), POST /api/datasets/{datasetId}/export (signed NDJSON download URL).
 */
export function datasetRoutes(execute: Execute, config: Config): Router {
  const router = Router();
  router.get(
    '/datasets',
    route(
      execute,
      ListDatasetsDocument,
      (req) => ({ ...paging(req), task: optionalString(req.query.task, 'task') }),
      (data) => ({ data: data.datasets.items, meta: data.datasets.meta }),
    ),
  );
  router.get(
    '/datasets/:datasetId',
    route(
      execute,
      GetDatasetDocument,
      (req) => ({ id: String(req.params.datasetId) }),
      (data) => ({ data: data.dataset }),
    ),
  );
  router.post(
    '/datasets',
    route(
      execute,
      CreateDatasetDocument,
      (req) => {
        const input = body(req);
        return {
          input: {
            name: optionalString(input.name, 'name') ?? '',
            task: optionalString(input.task, 'task') ?? '',
            description: optionalString(input.description, 'description'),
          },
        };
      },
      (data) => ({ data: data.createDataset, status: 201 }),
    ),
  );
  router.delete(
    '/datasets/:datasetId',
    route(
      execute,
      DeleteDatasetDocument,
      (req) => ({ id: String(req.params.datasetId) }),
      (data) => ({ data: { id: data.deleteDataset.id, deleted: true } }),
    ),
  );
  router.post(
    '/datasets/:datasetId/upload',
    multipart(largestDatasetUpload(config)),
    route(
      execute,
      UploadDatasetDocument,
      (req) => ({ id: String(req.params.datasetId), file: requireUpload(req, 'dataset (a zip or an NDJSON file)') }),
      (data) => ({ data: data.uploadDataset }),
    ),
  );
  router.post(
    '/datasets/:datasetId/export',
    route(
      execute,
      ExportDatasetDocument,
      (req) => ({ id: String(req.params.datasetId), baseUrl: baseUrlOf(req) }),
      (data) => ({ data: { ...data.exportDataset, format: 'ndjson' } }),
    ),
  );
  return router;
}

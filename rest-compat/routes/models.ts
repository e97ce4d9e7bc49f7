import { Router, type Request } from 'express';
import {
  CreateModelDocument,
  DeleteModelDocument,
  GetModelDocument,
  ListModelsDocument,
  ModelDownloadsDocument,
  UploadModelDocument,
} from '../generated/graphql.js';
import { LIMITS } from '../../kernel/limits.js';
import { multipart, requireUpload, sentAFile } from '../multipart.js';
import { body, optionalString, paging } from '../params.js';
import { route, type Execute } from '../route.js';

/** The platform's address as this client reached it: signed download links start with it. */
export const baseUrlOf = (req: Request) => `${req.protocol}://${req.get('host')}`;

/**
 * GET/POST /api/models, GET/DELETE /api/models/{modelId}, GET /api/models/{modelId}/files.
 * POST as JSON creates a model to train; as multipart with a `file` it uploads weights.
 */
export function modelRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/models',
    route(
      execute,
      ListModelsDocument,
      (req) => ({
        ...paging(req),
        projectId: optionalString(req.query.projectId, 'projectId'),
        task: optionalString(req.query.task, 'task'),
      }),
      (data) => ({ data: data.models.items, meta: data.models.meta }),
    ),
  );
  router.get(
    '/models/:modelId',
    route(
      execute,
      GetModelDocument,
      (req) => ({ id: String(req.params.modelId) }),
      (data) => ({ data: data.model }),
    ),
  );

  const create = route(
    execute,
    CreateModelDocument,
    (req) => {
      const input = body(req);
      return {
        input: {
          projectId: optionalString(input.projectId, 'projectId') ?? '',
          name: optionalString(input.name, 'name') ?? '',
          task: optionalString(input.task, 'task') ?? '',
          architecture: optionalString(input.architecture, 'architecture'),
          datasetId: optionalString(input.datasetId, 'datasetId'),
        },
      };
    },
    (data) => ({ data: data.createModel, status: 201 }),
  );
  const upload = route(
    execute,
    UploadModelDocument,
    (req) => {
      const fields = body(req);
      return {
        file: requireUpload(req, 'model file (.onnx or .pt)'),
        projectId: optionalString(fields.projectId, 'projectId') ?? '',
        name: optionalString(fields.name, 'name') ?? '',
      };
    },
    (data) => ({ data: data.uploadModel, status: 201 }),
  );
  // A file (even under another field name) means an upload, whose errors then say what is wrong with it.
  router.post('/models', multipart(LIMITS.modelBytes), (req, res, next) => (sentAFile(req) ? upload : create)(req, res, next));

  router.delete(
    '/models/:modelId',
    route(
      execute,
      DeleteModelDocument,
      (req) => ({ id: String(req.params.modelId) }),
      (data) => ({ data: { id: data.deleteModel.id, deleted: true } }),
    ),
  );
  router.get(
    '/models/:modelId/files',
    route(
      execute,
      ModelDownloadsDocument,
      (req) => ({ id: String(req.params.modelId), baseUrl: baseUrlOf(req) }),
      (data) => ({
        data: {
          url: data.modelDownloads[0]?.url ?? null,
          expiresAt: data.modelDownloads[0]?.expiresAt ?? null,
          files: data.modelDownloads,
        },
      }),
    ),
  );
  return router;
}

import { Router, type Request, type RequestHandler } from 'express';
import { validationError } from '../../kernel/errors.js';
import { LIMITS } from '../../kernel/limits.js';
import { PredictDocument, type PredictMutationVariables } from '../generated/graphql.js';
import { multipart, requireUpload } from '../multipart.js';
import { optionalInteger, optionalNumber } from '../params.js';
import { hubResponse, modelIdFrom, platformPredictions } from '../predictions.js';
import { route, type Execute } from '../route.js';

const field = (req: Request, name: string): unknown => (req.body as Record<string, unknown> | undefined)?.[name];

function predictVariables(req: Request, modelId: string): PredictMutationVariables {
  const file = requireUpload(req, 'image or video');
  return {
    modelId,
    file,
    imgsz: optionalInteger(field(req, 'imgsz'), 'imgsz'),
    conf: optionalNumber(field(req, 'conf'), 'conf'),
    iou: optionalNumber(field(req, 'iou'), 'iou'),
    frameStride: optionalInteger(field(req, 'frameStride'), 'frameStride'),
    maxFrames: optionalInteger(field(req, 'maxFrames'), 'maxFrames'),
  };
}

/**
 * The HUB Inference API: `POST /` (and `/predict`) with multipart `model`, `file`, `imgsz`, `conf`, `iou`.
 * `limit` runs first (the shared inference limit): a refused call does not upload its file.
 */
export function hubPredictRoutes(execute: Execute, limit: RequestHandler): Router {
  const router = Router();
  router.post(
    ['/', '/predict'],
    limit,
    multipart(LIMITS.predictVideoBytes),
    route(
      execute,
      PredictDocument,
      (req) => {
        const model = (req.body as Record<string, unknown> | undefined)?.model;
        if (typeof model !== 'string' || !model.trim()) throw validationError('The field "model" (a model id or URL) is required');
        return predictVariables(req, modelIdFrom(model));
      },
      (data) => ({ body: hubResponse(data.predict) }),
    ),
  );
  return router;
}

/** The Platform API's `POST /api/models/{modelId}/predict` (shared inference too: `limit` first). */
export function platformPredictRoutes(execute: Execute, limit: RequestHandler): Router {
  const router = Router();
  router.post(
    '/models/:modelId/predict',
    limit,
    multipart(LIMITS.predictVideoBytes),
    route(
      execute,
      PredictDocument,
      (req) => predictVariables(req, String(req.params.modelId)),
      (data) => ({ body: { success: true, predictions: platformPredictions(data.predict) } }),
    ),
  );
  return router;
}

import { Router, type Request } from 'express';
import { validationError } from '../../kernel/errors.js';
import { PredictDocument, type PredictMutationVariables } from '../generated/graphql.js';
import { multipart, uploadOf } from '../multipart.js';
import { hubResponse, modelIdFrom, platformPredictions } from '../predictions.js';
import { route, type Execute } from '../route.js';

/** Videos are the largest thing predict takes. */
const MAX_PREDICT_BYTES = 500 * 1024 ** 2;

function numberField(req: Request, name: string): number | undefined {
  const raw = (req.body as Record<string, unknown> | undefined)?.[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isFinite(value)) throw validationError(`${name} must be a number`, { [name]: raw });
  return value;
}

function predictVariables(req: Request, modelId: string): PredictMutationVariables {
  const file = uploadOf(req);
  if (!file) throw validationError('A multipart field "file" with an image or video is required');
  return {
    modelId,
    file,
    imgsz: numberField(req, 'imgsz'),
    conf: numberField(req, 'conf'),
    iou: numberField(req, 'iou'),
    frameStride: numberField(req, 'frameStride'),
    maxFrames: numberField(req, 'maxFrames'),
  };
}

/** The HUB Inference API: `POST /` (and `/predict`) with multipart `model`, `file`, `imgsz`, `conf`, `iou`. */
export function hubPredictRoutes(execute: Execute): Router {
  const router = Router();
  router.post(
    ['/', '/predict'],
    multipart(MAX_PREDICT_BYTES),
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

/** The Platform API's `POST /api/models/{modelId}/predict`. */
export function platformPredictRoutes(execute: Execute): Router {
  const router = Router();
  router.post(
    '/models/:modelId/predict',
    multipart(MAX_PREDICT_BYTES),
    route(
      execute,
      PredictDocument,
      (req) => predictVariables(req, String(req.params.modelId)),
      (data) => ({ body: { success: true, predictions: platformPredictions(data.predict) } }),
    ),
  );
  return router;
}

import { Router, type Request, type Response } from 'express';
import type { Caller } from '../../kernel/auth.js';
import { AppError, isErrorCode, validationError } from '../../kernel/errors.js';
import { sendError } from '../envelope.js';
import { PredictDocument, type PredictMutation, type PredictMutationVariables } from '../generated/graphql.js';
import { multipart, uploadOf } from '../multipart.js';
import { hubResponse, modelIdFrom, platformPredictions } from '../predictions.js';
import type { Execute } from '../route.js';

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

/** Runs the Predict operation and hands its data to `reply`, or answers the error envelope. */
async function runPredict(
  execute: Execute,
  req: Request,
  res: Response,
  modelId: () => string,
  reply: (prediction: PredictMutation['predict']) => unknown,
): Promise<void> {
  try {
    const result = await execute(PredictDocument, predictVariables(req, modelId()), res.locals.caller as Caller);
    const error = result.errors?.[0];
    if (error) {
      const code = error.extensions?.code;
      return isErrorCode(code) ? sendError(res, code, error.message, error.extensions?.details) : sendError(res, 'INTERNAL_ERROR', 'Internal server error');
    }
    res.json(reply((result.data as PredictMutation).predict));
  } catch (error) {
    if (error instanceof AppError) return sendError(res, error.code, error.message, error.extensions.details);
    console.error('[rest-compat] predict failed:', error);
    sendError(res, 'INTERNAL_ERROR', 'Internal server error');
  }
}

/** The HUB Inference API: `POST /` (and `/predict`) with multipart `model`, `file`, `imgsz`, `conf`, `iou`. */
export function hubPredictRoutes(execute: Execute): Router {
  const router = Router();
  router.post(['/', '/predict'], multipart(MAX_PREDICT_BYTES), (req, res) =>
    runPredict(
      execute,
      req,
      res,
      () => {
        const model = (req.body as Record<string, unknown> | undefined)?.model;
        if (typeof model !== 'string' || !model.trim()) throw validationError('The field "model" (a model id or URL) is required');
        return modelIdFrom(model);
      },
      hubResponse,
    ),
  );
  return router;
}

/** The Platform API's `POST /api/models/{modelId}/predict`. */
export function platformPredictRoutes(execute: Execute): Router {
  const router = Router();
  router.post('/models/:modelId/predict', multipart(MAX_PREDICT_BYTES), (req, res) =>
    runPredict(execute, req, res, () => String(req.params.modelId), (prediction) => ({
      success: true,
      predictions: platformPredictions(prediction),
    })),
  );
  return router;
}

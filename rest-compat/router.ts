import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Config } from '../kernel/config.js';
import { LIMITS } from '../kernel/limits.js';
import { sendError } from './envelope.js';
import type { Execute } from './route.js';
import { activityRoutes } from './routes/activity.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { billingRoutes, billingWebhookRoutes } from './routes/billing.js';
import { datasetRoutes } from './routes/datasets.js';
import { gdprRoutes } from './routes/gdpr.js';
import { deploymentRoutes, endpointRoutes } from './routes/deployments.js';
import { exportRoutes } from './routes/exports.js';
import { modelRoutes } from './routes/models.js';
import { hubPredictRoutes, platformPredictRoutes } from './routes/predict.js';
import { projectRoutes } from './routes/projects.js';
import { storageRoutes } from './routes/storage.js';
import { trainingRoutes } from './routes/training.js';
import { trashRoutes } from './routes/trash.js';
import { webhookEndpointRoutes } from './routes/webhook-endpoints.js';
import { sendWebhookError, settingsRoutes, signedUploadRoute, webhookRoutes } from './routes/webhooks.js';

/** What the Ultralytics client calls (`/api/webhooks/...`), answered as it expects; and the PUT of signed upload URLs. */
export { sendWebhookError, signedUploadRoute, webhookRoutes };

/** What the routes of shared inference (HUB and Platform predict) run before reading the upload: its rate limit. */
export interface SharedInference {
  sharedInference: RequestHandler;
}

/** The HUB Inference API (`POST /`, `POST /predict`), mapped onto the same Predict operation. */
export function hubPredict({ execute, sharedInference }: { execute: Execute } & SharedInference): Router {
  return hubPredictRoutes(execute, sharedInference);
}

/** Dedicated deployment endpoints (`/endpoints/{deploymentId}/predict`, `…/health`), mapped onto the deployment's operations. */
export function deploymentEndpoints({ execute }: { execute: Execute }): Router {
  return endpointRoutes(execute);
}

/** `POST /api/billing/webhook`: Stripe's signed webhook, mounted before the edge (it has no API key). */
export function billingWebhook({ execute }: { execute: Execute }): Router {
  return billingWebhookRoutes(execute);
}

/** The Platform REST API (`/api/...`), every route mapped onto a GraphQL operation sent through the gateway. */
export function restCompat({ execute, config, sharedInference }: { execute: Execute; config: Config } & SharedInference): Router {
  const router = Router();
  router.use(express.json({ limit: LIMITS.restJsonBytes }));
  router.use(activityRoutes(execute));
  router.use(apiKeyRoutes(execute));
  router.use(billingRoutes(execute));
  router.use(datasetRoutes(execute, config));
  router.use(gdprRoutes(execute));
  router.use(deploymentRoutes(execute));
  router.use(exportRoutes(execute));
  router.use(projectRoutes(execute));
  router.use(platformPredictRoutes(execute, sharedInference));
  router.use(modelRoutes(execute));
  router.use(storageRoutes(execute));
  router.use(trainingRoutes(execute));
  router.use(trashRoutes(execute));
  router.use(webhookEndpointRoutes(execute));
  router.use(settingsRoutes(execute));
  router.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', 'No such route'));
  router.use((error: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (error.type === 'entity.parse.failed') return sendError(res, 'VALIDATION_ERROR', 'The body is not valid JSON');
    if (error.type === 'entity.too.large') {
      return sendError(res, 'VALIDATION_ERROR', `The body is larger than ${LIMITS.restJsonBytes} bytes`, {
        maxBytes: LIMITS.restJsonBytes,
      });
    }
    next(error);
  });
  return router;
}

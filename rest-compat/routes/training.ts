import { Router } from 'express';
import {
  CancelTrainingDocument,
  GetTrainingDocument,
  GpuAvailabilityDocument,
  StartTrainingDocument,
  type TrainingEpochFieldsFragment,
  type TrainingFieldsFragment,
} from '../generated/graphql.js';
import { body, optionalJsonInteger, optionalString } from '../params.js';
import { route, type Execute } from '../route.js';

const record = (values: Array<{ name: string; value: number }>) => Object.fromEntries(values.map(({ name, value }) => [name, value]));

/** Losses and metrics as JSON objects keyed by their results.csv names, as REST clients read them. */
function epochJson(epoch: TrainingEpochFieldsFragment) {
  return { ...epoch, losses: record(epoch.losses), valLosses: record(epoch.valLosses), metrics: record(epoch.metrics) };
}

function trainingJson(training: TrainingFieldsFragment) {
  return {
    ...training,
    metrics: training.metrics && epochJson(training.metrics),
    history: training.history.map(epochJson),
    results: training.results && { ...training.results, metrics: record(training.results.metrics) },
  };
}

/** POST /api/training/start, GET /api/training/gpu-availability, GET and DELETE /api/models/{modelId}/training. */
export function trainingRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/training/gpu-availability',
    route(
      execute,
      GpuAvailabilityDocument,
      () => ({}),
      (data) => ({ data: data.gpuAvailability }),
    ),
  );
  router.post(
    '/training/start',
    route(
      execute,
      StartTrainingDocument,
      (req) => {
        const input = body(req);
        return {
          input: {
            modelId: optionalString(input.modelId, 'modelId') ?? '',
            datasetId: optionalString(input.datasetId, 'datasetId') ?? '',
            epochs: optionalJsonInteger(input.epochs, 'epochs'),
            imageSize: optionalJsonInteger(input.imageSize, 'imageSize'),
            gpuType: optionalString(input.gpuType, 'gpuType'),
          },
        };
      },
      (data) => ({ data: trainingJson(data.startTraining), status: 201 }),
    ),
  );
  router.get(
    '/models/:modelId/training',
    route(
      execute,
      GetTrainingDocument,
      (req) => ({ modelId: String(req.params.modelId) }),
      (data) => ({ data: trainingJson(data.training) }),
    ),
  );
  router.delete(
    '/models/:modelId/training',
    route(
      execute,
      CancelTrainingDocument,
      (req) => ({ modelId: String(req.params.modelId) }),
      (data) => ({ data: trainingJson(data.cancelTraining) }),
    ),
  );
  return router;
}

import type { EpochRecord } from '../entities/training-job.js';

/**
 * Domain events of training. `requested` asks the catalog for a dataset snapshot, which answers `dataset-ready` or
 * `dataset-failed`; workers publish the rest; the catalog attaches the weights on `completed`.
 */
export const TRAINING_EVENTS = {
  requested: 'training.requested',
  datasetReady: 'training.dataset-ready',
  datasetFailed: 'training.dataset-failed',
  started: 'training.started',
  epoch: 'training.epoch',
  requeued: 'training.requeued',
  completed: 'training.completed',
  failed: 'training.failed',
  cancelled: 'training.cancelled',
} as const;

/** What every event about one job carries; the subscription filters and builds its message from it. */
export interface JobEventPayload {
  jobId: string;
  modelId: string;
  status: string;
  epoch: number;
  epochs: number;
  [key: string]: unknown;
}

export interface EpochEventPayload extends JobEventPayload {
  record: EpochRecord;
}

export interface StoredWeights {
  format: 'pt' | 'onnx';
  name: string;
  key: string;
  size: number;
  sha256: string;
}

export interface CompletedPayload extends JobEventPayload {
  datasetId: string;
  weightsKey: string;
  onnxKey: string;
  files: StoredWeights[];
  gpuType: string;
  gpuSeconds: number;
  costMicroUsd: number;
}

/** The catalog's events the read models follow (payloads as the catalog publishes them). */
export const CATALOG_EVENTS = {
  modelCreated: 'model.created',
  modelReady: 'model.ready',
  modelDeleted: 'model.deleted',
  datasetCreated: 'dataset.created',
  datasetUpdated: 'dataset.updated',
  datasetDeleted: 'dataset.deleted',
  datasetRestored: 'dataset.restored',
} as const;

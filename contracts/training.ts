import { z } from 'zod';
import { defineEvent, type PublicView } from '../kernel/event-contract.js';

/**
 * Events of training. `requested` asks the catalog (which owns datasets) for a dataset snapshot; it answers
 * `dataset-ready` or `dataset-failed`. Workers publish the run's progress; the catalog attaches the weights on
 * `completed`.
 */

const numbers = z.record(z.string(), z.number());
const metric = z.number().nullable();

/** One finished epoch as the trainer's results.csv reported it. */
export const EpochRecordSchema = z.object({
  epoch: z.number().int(),
  /** Cumulative training seconds (results.csv `time`). */
  seconds: z.number(),
  /** `train/*` losses by name (`box_loss`, `cls_loss`, ...). */
  losses: numbers,
  /** `val/*` losses by name. */
  valLosses: numbers,
  /** The task's headline metrics: (B) boxes for detect/obb, (M) masks for segment, (P) poses for pose. */
  precision: metric,
  recall: metric,
  mAP50: metric,
  mAP50_95: metric,
  /** classify only. */
  top1: metric,
  top5: metric,
  /** Every `metrics/*` column as written. */
  metrics: numbers,
  secondsLeft: z.number().nullable(),
});
export type EpochRecord = z.output<typeof EpochRecordSchema>;

/** One stored weights file of a trained model. */
export const StoredWeightsSchema = z.object({
  format: z.enum(['pt', 'onnx']),
  name: z.string(),
  /** File store key (internal: never shown outside the platform). */
  key: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type StoredWeights = z.output<typeof StoredWeightsSchema>;

/**
 * The `gpuType` of runs reported by the user's own machine: the platform ran nothing, so their `gpuSeconds` and
 * `costMicroUsd` are 0 and nothing is to be charged for them.
 */
export const EXTERNAL_GPU_TYPE = 'external';

/** What every event about one job carries; progress subscriptions build their messages from it. */
const job = z.object({
  jobId: z.string(),
  modelId: z.string(),
  status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled']),
  epoch: z.number().int(),
  epochs: z.number().int(),
});
export type JobFacts = z.output<typeof job>;

const jobView =
  (summary: (p: JobFacts) => string, data: (p: any) => Record<string, unknown> = () => ({})) =>
  (p: JobFacts): PublicView => ({
    // Training is addressed by its model, as the REST routes do (/api/models/{modelId}/training).
    resource: { type: 'training', id: p.modelId },
    summary: summary(p),
    data: { trainingId: p.jobId, modelId: p.modelId, status: p.status, epoch: p.epoch, epochs: p.epochs, ...data(p) },
  });

export const TrainingRequested = defineEvent({
  type: 'training.requested',
  payload: job.extend({
    datasetId: z.string(),
    /** What billing reserves while the job runs; optional: jobs queued before billing existed carry none. */
    gpuType: z.string().optional(),
    hourlyPriceMicroUsd: z.number().int().nonnegative().optional(),
    estimatedCostMicroUsd: z.number().int().nonnegative().optional(),
  }),
  public: jobView(
    (p) => `Training of ${p.epochs} epochs queued`,
    (p) => ({ datasetId: p.datasetId }),
  ),
});

/** The catalog's answer to `requested`: the dataset as it was, written for the job (internal). */
export const TrainingDatasetReady = defineEvent({
  type: 'training.dataset-ready',
  payload: z.object({ jobId: z.string(), snapshotKey: z.string() }),
  public: null,
});

export const TrainingDatasetFailed = defineEvent({
  type: 'training.dataset-failed',
  payload: z.object({ jobId: z.string(), reason: z.string() }),
  public: null,
});

/**
 * A run on the user's own machine registered (the Ultralytics client's `training_started`): the catalog made its
 * model (and project) and tells training to keep the run's record, as for a run of its own (internal).
 */
export const TrainingReported = defineEvent({
  type: 'training.reported',
  payload: z.object({
    modelId: z.string(),
    /** The platform dataset it trains on (`data=ul://<username>/datasets/<slug>`), else null. */
    datasetId: z.string().nullable(),
    task: z.string(),
    architecture: z.string().nullable(),
    epochs: z.number().int(),
    imageSize: z.number().int().nullable(),
    /** Where it runs, as the client says (`cpu`, `cuda:0`, ...). */
    device: z.string().nullable(),
  }),
  public: null,
});

export const TrainingStarted = defineEvent({
  type: 'training.started',
  payload: job.extend({ attempt: z.number().int(), gpuType: z.string() }),
  public: jobView(
    (p) => `Training started (${p.epochs} epochs)`,
    (p) => ({ gpuType: p.gpuType, attempt: p.attempt }),
  ),
});

export const TrainingEpoch = defineEvent({
  type: 'training.epoch',
  payload: job.extend({ record: EpochRecordSchema }),
  public: jobView(
    (p) => `Training epoch ${p.epoch}/${p.epochs} finished`,
    (p) => ({ metrics: p.record }),
  ),
});

export const TrainingRequeued = defineEvent({
  type: 'training.requeued',
  payload: job.extend({ reason: z.string() }),
  public: jobView(
    () => `Training queued again`,
    (p) => ({ reason: p.reason }),
  ),
});

export const TrainingCompleted = defineEvent({
  type: 'training.completed',
  payload: job.extend({
    /** null for a run on the user's own machine on data the platform does not hold. */
    datasetId: z.string().nullable(),
    files: z.array(StoredWeightsSchema),
    gpuType: z.string(),
    gpuSeconds: z.number(),
    costMicroUsd: z.number().int(),
  }),
  public: jobView(
    (p) => `Training completed after ${p.epochs} epochs`,
    (p) => ({ gpuType: p.gpuType, gpuSeconds: p.gpuSeconds, costMicroUsd: p.costMicroUsd }),
  ),
});

export const TrainingFailed = defineEvent({
  type: 'training.failed',
  payload: job.extend({ reason: z.string() }),
  public: jobView(
    () => `Training failed`,
    (p) => ({ error: p.reason }),
  ),
});

export const TrainingCancelled = defineEvent({
  type: 'training.cancelled',
  payload: job,
  public: jobView(() => 'Training cancelled'),
});

/** Every event about a job's progress, in the order a run can produce them. */
export const TRAINING_PROGRESS = [
  TrainingRequested,
  TrainingStarted,
  TrainingEpoch,
  TrainingRequeued,
  TrainingCompleted,
  TrainingFailed,
  TrainingCancelled,
] as const;

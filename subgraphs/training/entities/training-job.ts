import { defineEntity, p } from '@mikro-orm/core';
import type { EpochRecord } from '../../../contracts/index.js';

export type { EpochRecord } from '../../../contracts/index.js';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_STATUSES: JobStatus[] = ['queued', 'running'];

/** `platform`: queued here and run by a worker; `reported`: run on the user's own machine, reported by its Ultralytics client. */
export type JobSource = 'platform' | 'reported';

/** What a reported run's client said at its end (`training_complete`). */
export interface ReportedResults {
  /** Final validation metrics by Ultralytics' names (`metrics/mAP50-95(B)`, `fitness`, ...). */
  metrics: Record<string, number>;
  /** 0-based, as the client counts epochs. */
  bestEpoch: number | null;
  bestFitness: number | null;
  classNames: string[] | null;
  /** Curves (pr/f1/precision/recall) and the confusion matrix as the client sends them; dropped when too large. */
  plots: Array<Record<string, unknown>>;
  /** The upload the client named as its weights (`gcsPath` of the upload URL), and their size. */
  modelPath: string | null;
  modelSize: number | null;
}

/**
 * A training job: queued until the catalog has written its dataset snapshot and a worker serving its GPU type claims
 * it; the claim is a lease the worker renews by heartbeat, so a dead worker's job is taken back.
 */
const TrainingJobSchema = defineEntity({
  name: 'TrainingJob',
  tableName: 'training.jobs',
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    modelId: p.text().index(),
    /** null for a reported run on data the platform does not hold. */
    datasetId: p.text().nullable(),
    task: p.text(),
    /** What the trainer starts from: `<architecture>.yaml` (from scratch) unless `.pt` weights are given. */
    architecture: p.text().nullable(),
    baseWeightsKey: p.text().nullable(),
    epochs: p.integer(),
    imageSize: p.integer(),
    gpuType: p.text(),
    hourlyPriceMicroUsd: p.bigint('number'),
    status: p.text().$type<JobStatus>().index(),
    /** File store key of the dataset snapshot; null until the catalog wrote it (workers only claim jobs that have one). */
    snapshotKey: p.text().nullable(),
    attempts: p.integer(),
    workerId: p.text().nullable(),
    leaseExpiresAt: p.datetime().nullable(),
    epoch: p.integer(),
    history: p.json<EpochRecord[]>(),
    error: p.text().nullable(),
    /** GPU seconds of the run that counts: from its trainer's start (0 if it never started); a requeued run starts over. */
    gpuSeconds: p.double(),
    costMicroUsd: p.bigint('number'),
    /** What billing holds while the job may run (services/estimate.ts). */
    estimatedCostMicroUsd: p.bigint('number'),
    /** When billing placed the reservation: workers only claim jobs that have one. */
    reservedAt: p.datetime().nullable(),
    source: p.text().$type<JobSource>().default('platform'),
    /** Reported runs: where the client ran (`cpu`, `cuda:0`, ...), and what it reported at the end. */
    device: p.text().nullable(),
    results: p.json<ReportedResults>().nullable(),
    createdAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});

export class TrainingJob extends TrainingJobSchema.class {}
TrainingJobSchema.setClass(TrainingJob);
export { TrainingJobSchema };

import { defineEntity, p } from '@mikro-orm/core';
import type { EpochRecord } from '../../../contracts/index.js';

export type { EpochRecord } from '../../../contracts/index.js';

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_STATUSES: JobStatus[] = ['queued', 'running'];

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
    datasetId: p.text(),
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
    createdAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});

export class TrainingJob extends TrainingJobSchema.class {}
TrainingJobSchema.setClass(TrainingJob);
export { TrainingJobSchema };

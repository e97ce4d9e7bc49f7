import {
  DatasetCreated,
  DatasetDeleted,
  DatasetPurged,
  DatasetRestored,
  DatasetUpdated,
  ModelCreated,
  ModelDeleted,
  ModelPurged,
  ModelReady,
  ModelRestored,
  ModelWeightsAttached,
  TrainingDatasetFailed,
  TrainingDatasetReady,
  TrainingFailed,
} from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Consumer, EventBus } from '../../../kernel/events.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { RunLogChunk } from '../entities/run-log.js';
import { TrainableDataset, TrainableModel } from '../entities/trainable.js';
import { TrainingJob } from '../entities/training-job.js';
import { jobPayload } from './job-payload.js';
import type { TrainingJobs } from './jobs.js';

export const READ_MODELS_CONSUMER = 'training.read-models';

/**
 * Keeps the training subgraph's views of models and datasets in step with the catalog, and the jobs in step with the
 * catalog's answers about dataset snapshots. A durable consumer: each handler runs inside its delivery transaction.
 */
export function consumeCatalogEvents(deps: { events: EventBus; files: FileStore; clock: Clock; jobs: TrainingJobs }): Consumer {
  const { events, clock } = deps;
  return events
    .consumer(READ_MODELS_CONSUMER)
    .on(ModelCreated, async ({ payload, accountId }, em) => {
      await em.upsert(TrainableModel, {
        modelId: payload.modelId,
        accountId: accountId!,
        task: payload.task,
        architecture: payload.architecture,
        weightsKey: payload.weightsKey,
        deleted: false,
        updatedAt: clock.now(),
      });
    })
    .on(ModelReady, async ({ payload }, em) => {
      await em.nativeUpdate(TrainableModel, { modelId: payload.modelId }, { task: payload.task, updatedAt: clock.now() });
    })
    .on(ModelWeightsAttached, async ({ payload }, em) => {
      // Uploaded .pt weights (a run on the user's machine): the platform's next run of the model starts from them.
      await em.nativeUpdate(TrainableModel, { modelId: payload.modelId }, { weightsKey: payload.weightsKey, updatedAt: clock.now() });
    })
    .on(ModelRestored, async ({ payload }, em) => {
      await em.nativeUpdate(TrainableModel, { modelId: payload.modelId }, { deleted: false, updatedAt: clock.now() });
    })
    .on(ModelDeleted, async ({ payload, accountId }, em) => {
      await em.nativeUpdate(TrainableModel, { modelId: payload.modelId }, { deleted: true, updatedAt: clock.now() });
      // A model in the trash does not go on training: its queued or running job is cancelled (the worker stops it).
      await deps.jobs.cancelIn(em, accountId!, payload.modelId, 'the model was deleted');
    })
    .on(ModelPurged, async ({ payload, accountId }, em) => {
      // Its runs go with it: their dataset snapshots first (a retry finds them gone), then the rows.
      const jobs = await em.find(TrainingJob, { modelId: payload.modelId, accountId: accountId! }, { fields: ['id'] });
      for (const job of jobs) await deps.files.deletePrefix(fileKeys.trainingJob(accountId!, job.id));
      if (jobs.length > 0) await em.nativeDelete(RunLogChunk, { jobId: { $in: jobs.map((job) => job.id) } }); // reported runs' logs
      await em.nativeDelete(TrainingJob, { modelId: payload.modelId });
      await em.nativeDelete(TrainableModel, { modelId: payload.modelId });
    })
    .on([DatasetCreated, DatasetUpdated], async ({ payload, accountId }, em) => {
      await em.upsert(TrainableDataset, {
        datasetId: payload.datasetId,
        accountId: accountId!,
        task: payload.task,
        imageCount: payload.imageCount,
        classNames: payload.classNames,
        deleted: false,
        updatedAt: clock.now(),
      });
    })
    .on([DatasetDeleted, DatasetRestored], async (event, em) => {
      const deleted = event.type === DatasetDeleted.type;
      await em.nativeUpdate(TrainableDataset, { datasetId: event.payload.datasetId }, { deleted, updatedAt: clock.now() });
    })
    .on(DatasetPurged, async ({ payload }, em) => {
      await em.nativeDelete(TrainableDataset, { datasetId: payload.datasetId });
    })
    .on(TrainingDatasetReady, async ({ payload }, em) => {
      await em.nativeUpdate(
        TrainingJob,
        { id: payload.jobId, status: 'queued' },
        { snapshotKey: payload.snapshotKey, updatedAt: clock.now() },
      );
    })
    .on(TrainingDatasetFailed, async ({ payload }, em) => {
      const job = await em.findOne(TrainingJob, { id: payload.jobId, status: 'queued' });
      if (!job) return;
      const reason = `The dataset could not be prepared: ${payload.reason}`;
      Object.assign(job, { status: 'failed', error: reason, finishedAt: clock.now(), updatedAt: clock.now() });
      await em.flush();
      await events.publish(em, TrainingFailed, job.accountId, { ...jobPayload(job), reason });
    });
}

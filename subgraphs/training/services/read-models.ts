import type { EntityManager } from '../../../kernel/database.js';
import type { DomainEvent, EventBus } from '../../../kernel/events.js';
import { TrainableDataset, TrainableModel } from '../entities/trainable.js';
import { TrainingJob } from '../entities/training-job.js';
import { jobPayload } from './job-payload.js';
import { CATALOG_EVENTS, TRAINING_EVENTS } from './training-events.js';

/**
 * Keeps the training subgraph's views of models and datasets in step with the catalog, and the jobs in step with the
 * catalog's answers about dataset snapshots. Runs as a durable consumer, inside its delivery transaction.
 */
export function readModelConsumer(events: EventBus) {
  return async (event: DomainEvent, em: EntityManager): Promise<void> => {
    if (!event.accountId) return;
    const payload = event.payload;
    switch (event.type) {
      case CATALOG_EVENTS.modelCreated:
        await em.upsert(TrainableModel, {
          modelId: payload.modelId as string,
          accountId: event.accountId,
          task: (payload.task as string | null | undefined) ?? null,
          architecture: (payload.architecture as string | null | undefined) ?? null,
          weightsKey: (payload.weightsKey as string | null | undefined) ?? null,
          deleted: false,
          updatedAt: new Date(),
        });
        return;
      case CATALOG_EVENTS.modelReady:
        // Restoring a model from the trash announces it ready again; training produces ready models too.
        await em.nativeUpdate(
          TrainableModel,
          { modelId: payload.modelId as string },
          { task: payload.task as string, deleted: false, updatedAt: new Date() },
        );
        return;
      case CATALOG_EVENTS.modelDeleted:
        await em.nativeUpdate(TrainableModel, { modelId: payload.modelId as string }, { deleted: true, updatedAt: new Date() });
        return;
      case CATALOG_EVENTS.datasetCreated:
      case CATALOG_EVENTS.datasetUpdated:
        await em.upsert(TrainableDataset, {
          datasetId: payload.datasetId as string,
          accountId: event.accountId,
          task: payload.task as string,
          imageCount: (payload.imageCount as number | undefined) ?? 0,
          classNames: (payload.classNames as string[] | undefined) ?? [],
          deleted: false,
          updatedAt: new Date(),
        });
        return;
      case CATALOG_EVENTS.datasetDeleted:
      case CATALOG_EVENTS.datasetRestored:
        await em.nativeUpdate(
          TrainableDataset,
          { datasetId: payload.datasetId as string },
          { deleted: event.type === CATALOG_EVENTS.datasetDeleted, updatedAt: new Date() },
        );
        return;
      case TRAINING_EVENTS.datasetReady:
        await em.nativeUpdate(
          TrainingJob,
          { id: payload.jobId as string, status: 'queued' },
          { snapshotKey: payload.snapshotKey as string, updatedAt: new Date() },
        );
        return;
      case TRAINING_EVENTS.datasetFailed: {
        const job = await em.findOne(TrainingJob, { id: payload.jobId as string, status: 'queued' });
        if (!job) return;
        Object.assign(job, {
          status: 'failed',
          error: `The dataset could not be prepared: ${payload.reason as string}`,
          finishedAt: new Date(),
          updatedAt: new Date(),
        });
        await em.flush();
        await events.publish(em, TRAINING_EVENTS.failed, job.accountId, { ...jobPayload(job), reason: job.error });
        return;
      }
    }
  };
}

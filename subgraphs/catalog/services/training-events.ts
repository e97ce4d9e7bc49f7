import type { EntityManager } from '../../../kernel/database.js';
import type { DomainEvent } from '../../../kernel/events.js';
import type { SubgraphRuntime } from '../../../kernel/subgraph.js';
import { InvalidModelError, readOnnxMetadataFromFile } from '../../../runtime/index.js';
import { Dataset } from '../entities/dataset.js';
import { Model, type ModelFile } from '../entities/model.js';
import { withLocalFile } from './files.js';
import { MODEL_EVENTS, readyPayload } from './model-events.js';
import { isTask } from './tasks.js';
import { writeTrainingSnapshot } from './training-snapshot.js';
import { LIVE } from './trash.js';

/** The training subgraph's events the catalog answers (payloads as it publishes them). */
export const TRAINING_EVENTS = {
  requested: 'training.requested',
  datasetReady: 'training.dataset-ready',
  datasetFailed: 'training.dataset-failed',
  completed: 'training.completed',
} as const;

interface CompletedPayload {
  jobId: string;
  modelId: string;
  datasetId: string;
  files: ModelFile[];
}

/**
 * The catalog's part in training: a dataset snapshot for each requested job, and the trained weights attached to the
 * model (made servable) when a job completes. Runs as a durable consumer, inside its delivery transaction.
 */
export function trainingConsumer(runtime: SubgraphRuntime) {
  return async (event: DomainEvent, em: EntityManager): Promise<void> => {
    if (!event.accountId) return;
    if (event.type === TRAINING_EVENTS.requested)
      return snapshot(runtime, em, event.accountId, event.payload as { jobId: string; datasetId: string });
    if (event.type === TRAINING_EVENTS.completed)
      return attachWeights(runtime, em, event.accountId, event.payload as unknown as CompletedPayload);
  };
}

async function snapshot(runtime: SubgraphRuntime, em: EntityManager, accountId: string, request: { jobId: string; datasetId: string }) {
  const dataset = await em.findOne(Dataset, { id: request.datasetId, accountId, ...LIVE });
  if (!dataset) {
    await runtime.events.publish(em, TRAINING_EVENTS.datasetFailed, accountId, {
      jobId: request.jobId,
      reason: 'the dataset no longer exists',
    });
    return;
  }
  const snapshotKey = await writeTrainingSnapshot(em, runtime.files, dataset, request.jobId);
  await runtime.events.publish(em, TRAINING_EVENTS.datasetReady, accountId, { jobId: request.jobId, snapshotKey });
}

/** The trained `best.pt` and its ONNX export become the model's files; task, names and facts come from the export. */
async function attachWeights(runtime: SubgraphRuntime, em: EntityManager, accountId: string, completed: CompletedPayload) {
  const model = await em.findOne(Model, { id: completed.modelId, accountId });
  const onnx = completed.files.find((file) => file.format === 'onnx');
  if (!model || !onnx) return;
  // Workers check the export before completing a job; a bad one here must not block the consumer behind it.
  const metadata = await withLocalFile(runtime.files, onnx.key, readOnnxMetadataFromFile).catch((error: unknown) => {
    if (error instanceof InvalidModelError) return undefined;
    throw error;
  });
  if (!metadata) {
    console.error(`[catalog] training ${completed.jobId}: the ONNX export has no Ultralytics metadata; model ${model.id} unchanged`);
    return;
  }
  const replaced = model.files.filter((file) => !completed.files.some((kept) => kept.key === file.key));
  const { imgsz, stride, kptShape, dynamic, end2end, channels } = metadata;
  Object.assign(model, {
    task: isTask(metadata.task) ? metadata.task : model.task,
    classNames: metadata.names,
    facts: { imgsz, stride, kptShape, dynamic, end2end, channels },
    files: completed.files,
    datasetId: completed.datasetId,
    status: 'ready',
    sizeBytes: completed.files.reduce((sum, file) => sum + file.size, 0),
    updatedAt: new Date(),
  });
  await em.flush();
  const ready = readyPayload(model);
  if (ready && !model.deletedAt) await runtime.events.publish(em, MODEL_EVENTS.ready, accountId, ready);
  runtime.db.onCommit(em, () => {
    for (const file of replaced) void runtime.files.delete(file.key);
  });
}

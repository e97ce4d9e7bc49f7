import { ModelReady, TrainingCompleted, TrainingDatasetFailed, TrainingDatasetReady, TrainingRequested } from '../../../contracts/index.js';
import type { EntityManager } from '../../../kernel/database.js';
import type { EventOf } from '../../../kernel/event-contract.js';
import type { SubgraphRuntime } from '../../../kernel/subgraph.js';
import { INCLUDING_TRASH } from '../../../kernel/trash.js';
import { InvalidModelError, readOnnxMetadataFromFile } from '../../../runtime/index.js';
import { Dataset } from '../entities/dataset.js';
import { Model } from '../entities/model.js';
import { readyPayload } from './model-events.js';
import { isTask } from './tasks.js';
import { writeTrainingSnapshot } from './training-snapshot.js';

/**
 * The catalog's part in training: a dataset snapshot for each requested job, and the trained weights attached to the
 * model (made servable) when a job completes. A durable consumer: it runs inside its delivery transaction.
 */
export function consumeTrainingEvents(runtime: SubgraphRuntime): void {
  runtime.events
    .consumer('catalog.training')
    .on(TrainingRequested, (event, em) => snapshot(runtime, em, event))
    .on(TrainingCompleted, (event, em) => attachWeights(runtime, em, event));
}

async function snapshot(runtime: SubgraphRuntime, em: EntityManager, event: EventOf<typeof TrainingRequested>): Promise<void> {
  const { jobId, datasetId } = event.payload;
  const accountId = event.accountId!;
  const dataset = await em.findOne(Dataset, { id: datasetId, accountId });
  if (!dataset) {
    await runtime.events.publish(em, TrainingDatasetFailed, accountId, { jobId, reason: 'the dataset no longer exists' });
    return;
  }
  const snapshotKey = await writeTrainingSnapshot(em, runtime.files, dataset, jobId);
  await runtime.events.publish(em, TrainingDatasetReady, accountId, { jobId, snapshotKey });
}

/** The trained `best.pt` and its ONNX export become the model's files; task, names and facts come from the export. */
async function attachWeights(runtime: SubgraphRuntime, em: EntityManager, event: EventOf<typeof TrainingCompleted>): Promise<void> {
  const completed = event.payload;
  const model = await em.findOne(Model, { id: completed.modelId, accountId: event.accountId! }, INCLUDING_TRASH);
  const onnx = completed.files.find((file) => file.format === 'onnx');
  if (!model || !onnx) return;
  // Workers check the export before completing a job; a bad one here must not block the consumer behind it.
  const metadata = await runtime.files.withLocalFile(onnx.key, readOnnxMetadataFromFile).catch((error: unknown) => {
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
    updatedAt: runtime.clock.now(),
  });
  await em.flush();
  const ready = readyPayload(model);
  if (ready && !model.deletedAt) await runtime.events.publish(em, ModelReady, event.accountId!, ready);
  runtime.db.onCommit(em, () => {
    for (const file of replaced) void runtime.files.delete(file.key);
  });
}

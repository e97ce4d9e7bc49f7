import { ExportStored, ModelReady } from '../../../contracts/index.js';
import type { EntityManager } from '../../../kernel/database.js';
import type { EventOf } from '../../../kernel/event-contract.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import type { SubgraphRuntime } from '../../../kernel/subgraph.js';
import { INCLUDING_TRASH } from '../../../kernel/trash.js';
import { InvalidModelError, inspectModelFile } from '../../../runtime/index.js';
import { Model } from '../entities/model.js';
import { readyPayload } from './model-events.js';
import { isTask } from './tasks.js';

/**
 * An `onnx` export of a model's `.pt` weights becomes the model's ONNX file: copied into the model's own files (the
 * export stays the deployment subgraph's, deletable on its own), checked as the runtime will serve it, and published
 * as `model.ready`, so the model predicts and deploys at once. A durable consumer, inside its delivery transaction.
 */
export function consumeExports(runtime: SubgraphRuntime): void {
  runtime.events.consumer('catalog.exports').on(ExportStored, (event, em) => attachExport(runtime, em, event));
}

async function attachExport(runtime: SubgraphRuntime, em: EntityManager, event: EventOf<typeof ExportStored>): Promise<void> {
  const exported = event.payload;
  if (exported.format !== 'onnx') return;
  const accountId = event.accountId!;
  const model = await em.findOne(Model, { id: exported.modelId, accountId }, INCLUDING_TRASH);
  if (!model) return;
  // A file the runtime cannot serve is no reason to block the consumer: it stays a download of the export only.
  const description = await runtime.files.withLocalFile(exported.fileKey, inspectModelFile).catch((error: unknown) => {
    if (error instanceof InvalidModelError || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  });
  if (!description || !isTask(description.metadata.task)) {
    console.error(`[catalog] export ${exported.exportId}: not a servable Ultralytics ONNX file; model ${model.id} unchanged`);
    return;
  }
  const weights = model.files.find((file) => file.format === 'pt');
  const name = `${(weights?.name ?? 'model.pt').replace(/\.pt$/i, '')}.onnx`;
  const key = fileKeys.modelFile(accountId, model.id, name);
  const stored = await runtime.files.put(key, runtime.files.open(exported.fileKey), { maxBytes: exported.sizeBytes });
  const replaced = model.files.filter((file) => file.format === 'onnx' && file.key !== key);
  const { metadata } = description;
  const { imgsz, stride, kptShape, dynamic, end2end, channels } = metadata;
  const files = [
    ...model.files.filter((file) => file.format !== 'onnx'),
    { format: 'onnx' as const, name, key, size: stored.size, sha256: stored.sha256 },
  ];
  Object.assign(model, {
    task: metadata.task,
    classNames: metadata.names,
    facts: { imgsz, stride, kptShape, dynamic, end2end, channels },
    files,
    status: 'ready',
    sizeBytes: files.reduce((sum, file) => sum + file.size, 0),
    updatedAt: runtime.clock.now(),
  });
  await em.flush();
  const ready = readyPayload(model);
  if (ready && !model.deletedAt) await runtime.events.publish(em, ModelReady, accountId, ready);
  runtime.db.onCommit(em, () => {
    for (const file of replaced) void runtime.files.delete(file.key);
  });
}

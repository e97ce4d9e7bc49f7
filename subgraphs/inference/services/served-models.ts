import type { EntityManager } from '../../../kernel/database.js';
import type { DomainEvent } from '../../../kernel/events.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import { ServedModel } from '../entities/served-model.js';

/** The catalog's model events this subgraph follows (payloads as the catalog publishes them). */
export const MODEL_EVENTS = { created: 'model.created', ready: 'model.ready', deleted: 'model.deleted' } as const;

interface ReadyPayload {
  modelId: string;
  task: string;
  names: string[];
  imgsz: [number, number];
  fileKey: string;
}

/** Keeps `served_models` in step with the catalog; runs as a durable consumer, inside its delivery transaction. */
export async function applyModelEvent(event: DomainEvent, em: EntityManager): Promise<void> {
  const modelId = event.payload.modelId as string;
  if (!event.accountId || !modelId) return;
  if (event.type === MODEL_EVENTS.deleted) {
    await em.nativeDelete(ServedModel, { modelId });
    return;
  }
  if (event.type !== MODEL_EVENTS.created && event.type !== MODEL_EVENTS.ready) return;
  const existing = await em.findOne(ServedModel, { modelId });
  const model =
    existing ??
    em.create(ServedModel, {
      modelId,
      accountId: event.accountId,
      fileKey: null,
      task: null,
      names: [],
      imageSize: [],
      updatedAt: new Date(),
    });
  if (event.type === MODEL_EVENTS.ready) {
    const ready = event.payload as unknown as ReadyPayload;
    Object.assign(model, { fileKey: ready.fileKey, task: ready.task, names: ready.names, imageSize: ready.imgsz });
  }
  model.updatedAt = new Date();
  await em.flush();
}

/** The caller's model, ready to serve: another account's or an unknown id is not found; no ONNX yet is bad input. */
export async function servableModel(em: EntityManager, accountId: string, modelId: string): Promise<ServedModel & { fileKey: string }> {
  const model = await em.findOne(ServedModel, { modelId, accountId });
  if (!model) throw notFound('Model', modelId);
  if (!model.fileKey) {
    throw validationError('This model has no ONNX file to serve: upload an Ultralytics ONNX export or export it to ONNX first', {
      modelId,
    });
  }
  return model as ServedModel & { fileKey: string };
}

import { ModelCreated, ModelDeleted, ModelPurged, ModelReady, ModelRestored } from '../../../contracts/index.js';
import type { EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { ServedModel } from '../entities/served-model.js';

const CONSUMER = 'inference.served-models';
/** How long a predict waits for the registry to catch up with a model uploaded a moment ago. */
const CATCH_UP_MS = 15_000;

/**
 * The inference subgraph's registry of servable models, kept in step with the catalog's model events by a durable
 * consumer (inside its delivery transaction).
 */
export class ServedModels {
  constructor(private readonly events: EventBus) {}

  consume(): void {
    this.events
      .consumer(CONSUMER)
      .on([ModelCreated, ModelRestored], async (event, em) => {
        const { modelId } = event.payload;
        if (!(await em.findOne(ServedModel, { modelId }))) {
          em.create(ServedModel, {
            modelId,
            accountId: event.accountId!,
            fileKey: null,
            task: null,
            names: [],
            imageSize: [],
            updatedAt: new Date(),
          });
          await em.flush();
        }
      })
      .on(ModelReady, async (event, em) => {
        const { modelId, fileKey, task, names, imgsz } = event.payload;
        await em.upsert(ServedModel, {
          modelId,
          accountId: event.accountId!,
          fileKey,
          task,
          names,
          imageSize: imgsz,
          updatedAt: new Date(),
        });
      })
      .on([ModelDeleted, ModelPurged], async (event, em) => {
        await em.nativeDelete(ServedModel, { modelId: event.payload.modelId });
      });
  }

  /**
   * The caller's model, ready to serve: another account's or an unknown id is not found; no ONNX yet is bad input.
   * A model uploaded a moment ago may not have reached this registry yet: an unknown id (or one without its file yet)
   * waits for the consumer to catch up once (in any process) before it is refused, so predict right after an upload
   * answers, even on a busy machine (the 5 s it waited before could run out under load).
   */
  async servable(em: EntityManager, accountId: string, modelId: string): Promise<ServedModel & { fileKey: string }> {
    let model = await em.findOne(ServedModel, { modelId, accountId });
    // Not known yet, or known without its file (its ModelReady may be in the consumer's next batch): wait for the
    // consumer once, long enough for a loaded machine, before answering NOT_FOUND or "no ONNX file".
    if ((!model || !model.fileKey) && (await this.events.catchUp(CONSUMER, CATCH_UP_MS))) {
      model = await em.findOne(ServedModel, { modelId, accountId }, { refresh: true });
    }
    if (!model) throw notFound('Model', modelId);
    if (!model.fileKey) {
      throw validationError('This model has no ONNX file to serve: upload an Ultralytics ONNX export or export it to ONNX first', {
        modelId,
      });
    }
    return model as ServedModel & { fileKey: string };
  }
}

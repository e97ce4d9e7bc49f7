import {
  ModelCreated,
  ModelDeleted,
  ModelPurged,
  ModelReady,
  ModelRestored,
  ModelWeightsAttached,
  TrainingCompleted,
} from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { EventBus } from '../../../kernel/events.js';
import { DeployableModel } from '../entities/deployable-model.js';
import type { Deployments } from './deployments.js';
import type { Exports } from './exports.js';

export const READ_MODELS_CONSUMER = 'deployment.read-models';

/**
 * Keeps the deployment subgraph's view of models in step with the catalog (and training, which stores trained `.pt`
 * weights): what can be exported and served. A model going to the trash stops its deployments and cancels its
 * exports; purged, they go with it (its files, exports included, are erased by the catalog with the model's folder).
 */
export function consumeModelEvents(deps: { events: EventBus; clock: Clock; deployments: Deployments; exports: Exports }): void {
  const { events, clock } = deps;
  events
    .consumer(READ_MODELS_CONSUMER)
    .on(ModelCreated, async ({ payload, accountId }, em) => {
      await em.upsert(DeployableModel, {
        modelId: payload.modelId,
        accountId: accountId!,
        name: payload.name,
        task: payload.task,
        weightsKey: payload.weightsKey,
        onnxKey: null,
        deleted: false,
        updatedAt: clock.now(),
      });
    })
    .on(ModelReady, async ({ payload, accountId }, em) => {
      const known = await em.findOne(DeployableModel, { modelId: payload.modelId });
      if (known) Object.assign(known, { task: payload.task, onnxKey: payload.fileKey, updatedAt: clock.now() });
      else {
        em.create(DeployableModel, {
          modelId: payload.modelId,
          accountId: accountId!,
          name: payload.name,
          task: payload.task,
          weightsKey: null,
          onnxKey: payload.fileKey,
          deleted: false,
          updatedAt: clock.now(),
        });
      }
      await em.flush();
    })
    .on(TrainingCompleted, async ({ payload }, em) => {
      const weights = payload.files.find((file) => file.format === 'pt');
      if (weights)
        await em.nativeUpdate(DeployableModel, { modelId: payload.modelId }, { weightsKey: weights.key, updatedAt: clock.now() });
    })
    // Weights a run reported from elsewhere (the Ultralytics client's signed upload of best.pt) are exportable too.
    .on(ModelWeightsAttached, async ({ payload }, em) => {
      await em.nativeUpdate(DeployableModel, { modelId: payload.modelId }, { weightsKey: payload.weightsKey, updatedAt: clock.now() });
    })
    .on(ModelRestored, async ({ payload }, em) => {
      await em.nativeUpdate(DeployableModel, { modelId: payload.modelId }, { deleted: false, updatedAt: clock.now() });
    })
    .on(ModelDeleted, async ({ payload, accountId }, em) => {
      await em.nativeUpdate(DeployableModel, { modelId: payload.modelId }, { deleted: true, updatedAt: clock.now() });
      await deps.deployments.stopAllOf(em, accountId!, payload.modelId, 'its model was moved to the trash');
      await deps.exports.cancelAllOf(em, accountId!, payload.modelId, 'its model was moved to the trash');
    })
    .on(ModelPurged, async ({ payload, accountId }, em) => {
      await deps.deployments.deleteAllOf(em, accountId!, payload.modelId);
      await deps.exports.deleteAllOf(em, accountId!, payload.modelId);
      await em.nativeDelete(DeployableModel, { modelId: payload.modelId });
    });
}

import { defineEntity, p } from '@mikro-orm/core';

/**
 * The deployment subgraph's own view of a catalog model, kept from `model.*` and `training.completed` events: what
 * can be exported (`.pt` weights) and what can be served (an ONNX file).
 */
const DeployableModelSchema = defineEntity({
  name: 'DeployableModel',
  tableName: 'deployment.models',
  properties: {
    modelId: p.text().primary(),
    accountId: p.text().index(),
    name: p.text(),
    task: p.text().nullable(),
    /** File store key of the model's `.pt` weights (uploaded or trained). */
    weightsKey: p.text().nullable(),
    /** File store key of its servable ONNX file. */
    onnxKey: p.text().nullable(),
    deleted: p.boolean(),
    updatedAt: p.datetime(),
  },
});

export class DeployableModel extends DeployableModelSchema.class {}
DeployableModelSchema.setClass(DeployableModel);
export { DeployableModelSchema };

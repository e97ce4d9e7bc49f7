import { defineEntity, p } from '@mikro-orm/core';

/**
 * The inference subgraph's own view of a model, built from the catalog's `model.*` events:
 * which account owns it and, once it has an ONNX file, how to serve it.
 */
const ServedModelSchema = defineEntity({
  name: 'ServedModel',
  tableName: 'inference.served_models',
  properties: {
    modelId: p.text().primary(),
    accountId: p.text().index(),
    /** null until an ONNX file exists (a `.pt` upload or a model still to be trained). */
    fileKey: p.text().nullable(),
    task: p.text().nullable(),
    names: p.json().$type<string[]>(),
    imageSize: p.json().$type<number[]>(),
    updatedAt: p.datetime(),
  },
});

export class ServedModel extends ServedModelSchema.class {}
ServedModelSchema.setClass(ServedModel);
export { ServedModelSchema };

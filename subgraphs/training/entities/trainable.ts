import { defineEntity, p } from '@mikro-orm/core';

/** The training subgraph's own view of a catalog model, built from `model.*` events: what training can start from. */
const TrainableModelSchema = defineEntity({
  name: 'TrainableModel',
  tableName: 'training.models',
  properties: {
    modelId: p.text().primary(),
    accountId: p.text().index(),
    /** null for `.pt` uploads: the dataset decides. */
    task: p.text().nullable(),
    architecture: p.text().nullable(),
    /** File store key of uploaded `.pt` weights. */
    weightsKey: p.text().nullable(),
    deleted: p.boolean(),
    updatedAt: p.datetime(),
  },
});

export class TrainableModel extends TrainableModelSchema.class {}
TrainableModelSchema.setClass(TrainableModel);

/** The training subgraph's own view of a catalog dataset, built from `dataset.*` events. */
const TrainableDatasetSchema = defineEntity({
  name: 'TrainableDataset',
  tableName: 'training.datasets',
  properties: {
    datasetId: p.text().primary(),
    accountId: p.text().index(),
    task: p.text(),
    imageCount: p.integer(),
    classNames: p.json<string[]>(),
    deleted: p.boolean(),
    updatedAt: p.datetime(),
  },
});

export class TrainableDataset extends TrainableDatasetSchema.class {}
TrainableDatasetSchema.setClass(TrainableDataset);
export { TrainableDatasetSchema, TrainableModelSchema };

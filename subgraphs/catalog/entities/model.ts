import { defineEntity, p } from '@mikro-orm/core';
import { liveOnly, trashColumns, trashIndexes } from '../../../kernel/trash.js';

export type ModelFormat = 'onnx' | 'pt';

/** One stored weights file of a model. */
export interface ModelFile {
  format: ModelFormat;
  name: string;
  key: string;
  size: number;
  sha256: string;
}

/** What an Ultralytics ONNX export says about itself (metadata_props). */
export interface ModelFacts {
  imgsz: [number, number];
  stride: number;
  kptShape: [number, number] | null;
  dynamic: boolean;
  end2end: boolean;
  channels: number;
}

/** `pending`: created to be trained, no weights yet; `ready`: weights stored. */
export type ModelStatus = 'pending' | 'ready';

const ModelSchema = defineEntity({
  name: 'Model',
  tableName: 'catalog.models',
  filters: liveOnly,
  indexes: trashIndexes('catalog.models', 'project_id'),
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    projectId: p.text().index(),
    datasetId: p.text().nullable(),
    name: p.text(),
    /** Unique among the project's live models: `ul://user/project/<slug>`. */
    slug: p.text(),
    /** Unknown for `.pt` uploads until an export reads it. */
    task: p.text().nullable(),
    architecture: p.text().nullable(),
    classNames: p.json<string[]>(),
    facts: p.json<ModelFacts>().nullable(),
    files: p.json<ModelFile[]>(),
    status: p.text().$type<ModelStatus>(),
    sizeBytes: p.bigint('number'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    ...trashColumns(),
  },
});

export class Model extends ModelSchema.class {}
ModelSchema.setClass(Model);
export { ModelSchema };

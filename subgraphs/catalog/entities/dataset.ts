import { defineEntity, p } from '@mikro-orm/core';
import { liveOnly, trashColumns, trashIndexes } from '../../../kernel/trash.js';
import type { Task } from '../services/tasks.js';

const DatasetSchema = defineEntity({
  name: 'Dataset',
  tableName: 'catalog.datasets',
  filters: liveOnly,
  indexes: trashIndexes('catalog.datasets', 'account_id'),
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    name: p.text(),
    slug: p.text(),
    description: p.text().nullable(),
    task: p.text().$type<Task>(),
    /** Index = class id; fixed by the first upload. */
    classNames: p.json<string[]>(),
    kptShape: p.json<[number, number]>().nullable(),
    /** Images per split, e.g. `{"train": 24, "val": 6}`. */
    splits: p.json<Record<string, number>>(),
    imageCount: p.integer(),
    sizeBytes: p.bigint('number'),
    visibility: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    ...trashColumns(),
  },
});

export class Dataset extends DatasetSchema.class {}
DatasetSchema.setClass(Dataset);
export { DatasetSchema };

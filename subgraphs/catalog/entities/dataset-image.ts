import { defineEntity, p } from '@mikro-orm/core';

/** Label rows keyed as in Ultralytics NDJSON: `boxes`, `segments`, `keypoints`, `obb` or `classification`. */
export type Annotations = Partial<Record<'boxes' | 'segments' | 'keypoints' | 'obb' | 'classification', number[][] | number[]>>;

/** One image of a dataset, its file and its labels. */
const DatasetImageSchema = defineEntity({
  name: 'DatasetImage',
  tableName: 'catalog.dataset_images',
  uniques: [{ name: 'dataset_images_file_unique', properties: ['datasetId', 'split', 'fileName'] }],
  properties: {
    id: p.text().primary(),
    datasetId: p.text().index(),
    split: p.text(),
    fileName: p.text(),
    fileKey: p.text(),
    width: p.integer(),
    height: p.integer(),
    sizeBytes: p.bigint('number'),
    annotations: p.json<Annotations>(),
    createdAt: p.datetime(),
  },
});

export class DatasetImage extends DatasetImageSchema.class {}
DatasetImageSchema.setClass(DatasetImage);
export { DatasetImageSchema };

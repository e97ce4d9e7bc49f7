import { defineEntity, p } from '@mikro-orm/core';
import { jobColumns } from '../../../kernel/job-queue.js';

/** An export of a model's `.pt` weights to another format: a job on the kernel's durable queue (`jobColumns`). */
const ExportJobSchema = defineEntity({
  name: 'ExportJob',
  tableName: 'deployment.exports',
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    modelId: p.text().index(),
    /** The model's name when the export was asked for: the download is named after it. */
    modelName: p.text(),
    /** As the seed names it (`tensorrt`, `graphdef`, ...). */
    format: p.text(),
    imageSize: p.integer(),
    half: p.boolean(),
    dynamic: p.boolean(),
    /** The `.pt` weights exported (file store key). */
    weightsKey: p.text(),
    hourlyPriceMicroUsd: p.bigint('number'),
    /** The stored result, once completed. */
    fileKey: p.text().nullable(),
    fileName: p.text().nullable(),
    sizeBytes: p.bigint('number').nullable(),
    sha256: p.text().nullable(),
    createdAt: p.datetime(),
    ...jobColumns(),
  },
});

export class ExportJob extends ExportJobSchema.class {}
ExportJobSchema.setClass(ExportJob);
export { ExportJobSchema };

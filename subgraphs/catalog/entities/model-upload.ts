import { defineEntity, p } from '@mikro-orm/core';
import type { Plan } from '../../../kernel/config.js';

/**
 * A signed, single-use upload URL handed out for a model's weights (`POST /api/webhooks/models/upload`): the PUT to
 * it claims the row, streams the bytes into the store and attaches them to the model; afterwards it answers no more.
 */
const ModelUploadSchema = defineEntity({
  name: 'ModelUpload',
  tableName: 'catalog.model_uploads',
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    modelId: p.text().index(),
    /** The plan when the URL was asked for: the PUT carries no API key, storage is checked against this. */
    plan: p.text().$type<Plan>(),
    fileName: p.text(),
    fileKey: p.text().unique(),
    expiresAt: p.datetime(),
    /** Set while a PUT is streaming (a stale claim, from a PUT that died, may be taken over). */
    claimedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    size: p.bigint('number').nullable(),
    sha256: p.text().nullable(),
    createdAt: p.datetime(),
  },
});

export class ModelUpload extends ModelUploadSchema.class {}
ModelUploadSchema.setClass(ModelUpload);
export { ModelUploadSchema };

import { defineEntity, p } from '@mikro-orm/core';

export type GdprAction = 'export' | 'erase';
export type GdprStatus = 'running' | 'ready' | 'failed';

/** A GDPR request of an account: which subgraphs have answered, and for an export, its archive. */
const GdprJobSchema = defineEntity({
  name: 'GdprJob',
  tableName: 'account.gdpr_jobs',
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    action: p.text().$type<GdprAction>(),
    status: p.text().$type<GdprStatus>(),
    /** Subgraphs that have exported their records or erased their rows. */
    parts: p.json<string[]>(),
    sizeBytes: p.bigint('number').nullable(),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
  },
});

export class GdprJob extends GdprJobSchema.class {}
GdprJobSchema.setClass(GdprJob);
export { GdprJobSchema };

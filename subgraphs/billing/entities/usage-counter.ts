import { defineEntity, p } from '@mikro-orm/core';

export const USAGE_METRICS = ['apiRequests', 'predictions'] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

/** Requests and predictions of one account in one billing period, added up by the gateways in batches. */
const UsageCounterSchema = defineEntity({
  name: 'UsageCounter',
  tableName: 'billing.usage_counters',
  properties: {
    accountId: p.text().primary(),
    /** `YYYY-MM` (UTC). */
    period: p.text().primary(),
    metric: p.text().$type<UsageMetric>().primary(),
    count: p.bigint('number'),
  },
});

export class UsageCounter extends UsageCounterSchema.class {}
UsageCounterSchema.setClass(UsageCounter);
export { UsageCounterSchema };

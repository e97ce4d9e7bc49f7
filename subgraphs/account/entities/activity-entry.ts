import { defineEntity, p } from '@mikro-orm/core';

/** One entry of an account's activity feed: the public projection of one of its events, and what the user did with it. */
const ActivityEntrySchema = defineEntity({
  name: 'ActivityEntry',
  tableName: 'account.activity',
  indexes: [{ name: 'activity_feed_index', properties: ['accountId', 'occurredAt'] }],
  properties: {
    /** `event_<outbox id>`: the same event always makes the same entry. */
    id: p.text().primary(),
    accountId: p.text(),
    eventType: p.text(),
    resourceType: p.text(),
    resourceId: p.text(),
    resourceName: p.text().nullable(),
    action: p.text(),
    summary: p.text(),
    data: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
    seenAt: p.datetime().nullable(),
    archivedAt: p.datetime().nullable(),
  },
});

export class ActivityEntry extends ActivityEntrySchema.class {}
ActivityEntrySchema.setClass(ActivityEntry);
export { ActivityEntrySchema };

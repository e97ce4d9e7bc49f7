import { defineEntity, p } from '@mikro-orm/core';

/** A URL of the account's that receives signed deliveries of the events it chose. */
const WebhookEndpointSchema = defineEntity({
  name: 'WebhookEndpoint',
  tableName: 'account.webhook_endpoints',
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    url: p.text(),
    description: p.text().nullable(),
    events: p.array().$type<string[]>(),
    /** The signing secret, sealed with the platform secret (shown to the user once, at creation). */
    sealedSecret: p.text(),
    active: p.boolean(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export class WebhookEndpoint extends WebhookEndpointSchema.class {}
WebhookEndpointSchema.setClass(WebhookEndpoint);

export type DeliveryStatus = 'pending' | 'sending' | 'retrying' | 'succeeded' | 'failed';

/** One event to one endpoint: retried with backoff until it succeeds or runs out of attempts. */
const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'account.webhook_deliveries',
  uniques: [{ name: 'webhook_deliveries_once', properties: ['endpointId', 'eventId'] }],
  indexes: [{ name: 'webhook_deliveries_due', properties: ['status', 'nextAttemptAt'] }],
  properties: {
    id: p.text().primary(),
    endpointId: p.text().index(),
    accountId: p.text(),
    eventId: p.text(),
    eventType: p.text(),
    /** The JSON body sent, exactly (the signature covers it). */
    body: p.text(),
    status: p.text().$type<DeliveryStatus>(),
    attempts: p.integer(),
    nextAttemptAt: p.datetime().nullable(),
    /** While `sending`: when the attempt is given up as lost (its process died). */
    leaseUntil: p.datetime().nullable(),
    lastStatusCode: p.integer().nullable(),
    lastError: p.text().nullable(),
    createdAt: p.datetime(),
    deliveredAt: p.datetime().nullable(),
  },
});
export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);

/** One try of a delivery, as logged: its answer (or error) and how long the receiver took. */
const WebhookAttemptSchema = defineEntity({
  name: 'WebhookAttempt',
  tableName: 'account.webhook_attempts',
  properties: {
    id: p.text().primary(),
    deliveryId: p.text().index(),
    attempt: p.integer(),
    statusCode: p.integer().nullable(),
    error: p.text().nullable(),
    latencyMs: p.integer(),
    at: p.datetime(),
  },
});
export class WebhookAttempt extends WebhookAttemptSchema.class {}
WebhookAttemptSchema.setClass(WebhookAttempt);

export { WebhookAttemptSchema, WebhookDeliverySchema, WebhookEndpointSchema };

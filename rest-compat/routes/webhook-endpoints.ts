import { Router, type Request } from 'express';
import { validationError } from '../../kernel/errors.js';
import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  ListWebhookDeliveriesDocument,
  ListWebhookEndpointsDocument,
  RedeliverWebhookDocument,
  TestWebhookEndpointDocument,
  UpdateWebhookEndpointDocument,
} from '../generated/graphql.js';
import { body, optionalString, optionalStringList, paging } from '../params.js';
import { route, type Execute } from '../route.js';

function endpointInput(req: Request) {
  const input = body(req);
  if (input.active !== undefined && input.active !== null && typeof input.active !== 'boolean')
    throw validationError('active must be true or false');
  return {
    url: optionalString(input.url, 'url'),
    events: optionalStringList(input.events, 'events'),
    description: optionalString(input.description, 'description'),
    active: input.active as boolean | undefined,
  };
}

/**
 * Webhook endpoints (enterprise plan): GET/POST /api/webhook-endpoints, PATCH/DELETE /api/webhook-endpoints/{id},
 * POST …/{id}/test, GET …/{id}/deliveries, POST /api/webhook-deliveries/{id}/redeliver. (`/api/webhooks/…` is the
 * path group the `ultralytics` package reports training to.)
 */
export function webhookEndpointRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/webhook-endpoints',
    route(execute, ListWebhookEndpointsDocument, paging, (data) => ({
      data: data.webhookEndpoints.items,
      meta: data.webhookEndpoints.meta,
    })),
  );
  router.post(
    '/webhook-endpoints',
    route(
      execute,
      CreateWebhookEndpointDocument,
      (req) => ({ input: endpointInput(req) }),
      (data) => ({ data: { ...data.createWebhookEndpoint.endpoint, secret: data.createWebhookEndpoint.secret }, status: 201 }),
    ),
  );
  router.patch(
    '/webhook-endpoints/:id',
    route(
      execute,
      UpdateWebhookEndpointDocument,
      (req) => ({ id: String(req.params.id), input: endpointInput(req) }),
      (data) => ({ data: data.updateWebhookEndpoint }),
    ),
  );
  router.delete(
    '/webhook-endpoints/:id',
    route(
      execute,
      DeleteWebhookEndpointDocument,
      (req) => ({ id: String(req.params.id) }),
      (data) => ({ data: { id: data.deleteWebhookEndpoint.id, deleted: true } }),
    ),
  );
  router.post(
    '/webhook-endpoints/:id/test',
    route(
      execute,
      TestWebhookEndpointDocument,
      (req) => ({ id: String(req.params.id) }),
      (data) => ({ data: data.testWebhookEndpoint, status: 202 }),
    ),
  );
  router.get(
    '/webhook-endpoints/:id/deliveries',
    route(
      execute,
      ListWebhookDeliveriesDocument,
      (req) => ({ endpointId: String(req.params.id), ...paging(req) }),
      (data) => ({ data: data.webhookDeliveries.items, meta: data.webhookDeliveries.meta }),
    ),
  );
  router.post(
    '/webhook-deliveries/:id/redeliver',
    route(
      execute,
      RedeliverWebhookDocument,
      (req) => ({ deliveryId: String(req.params.id) }),
      (data) => ({ data: data.redeliverWebhook, status: 202 }),
    ),
  );
  return router;
}

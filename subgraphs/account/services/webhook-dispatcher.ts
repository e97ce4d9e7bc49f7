import { createHmac } from 'node:crypto';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EVENT_CONTRACTS } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Config } from '../../../kernel/config.js';
import type { Database } from '../../../kernel/database.js';
import { notFound } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { checkOutboundUrl, guardedLookup } from '../../../kernel/outbound.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../entities/webhook.js';
import { entryOf, PUBLIC_CONTRACTS } from './activity.js';
import type { Webhooks } from './webhooks.js';

/** Deliveries sent at once by one process; each endpoint has at most one in flight, so a slow one holds only its own. */
const MAX_IN_FLIGHT = 16;
/** Safety net for deliveries due later (retries) and for wake-ups from other processes. */
const POLL_MS = 1000;
const MAX_BACKOFF_MS = 60 * 60 * 1000;
/** What is kept of a receiver's answer: enough to debug, never a memory risk. */
const MAX_ERROR_CHARS = 500;

/** The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs. */
export const SIGNATURE_HEADER = 'ultralytics-signature';

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

type Outcome = { statusCode: number | null; error: string | null; latencyMs: number };

/**
 * Sends the account's events to its webhook endpoints: a durable consumer records one delivery per event and
 * endpoint (exactly once: unique on both), and a loop in every process sends what is due, signed, with a timeout,
 * retrying failures with exponential backoff for a bounded number of attempts and logging each one. Sending never
 * happens on a request's path: a receiver that hangs delays nothing but its own deliveries.
 */
export class WebhookDispatcher {
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly sends = new Set<Promise<void>>();
  private readonly requests = new Set<ClientRequest>();

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'webhooks'>,
    private readonly webhooks: Webhooks,
  ) {}

  start(): () => Promise<void> {
    this.events.consumer('account.webhooks').on(PUBLIC_CONTRACTS, async (event, em) => {
      if (!event.accountId) return;
      const endpoints = await em.find(WebhookEndpoint, { accountId: event.accountId, active: true });
      const wanted = endpoints.filter((endpoint) => endpoint.events.includes(event.type));
      if (wanted.length === 0) return;
      const view = entryOf(event, EVENT_CONTRACTS.get(event.type)!);
      const body = JSON.stringify({
        id: view.id,
        type: event.type,
        createdAt: event.occurredAt,
        resource: { type: view.resourceType, id: view.resourceId, name: view.resourceName },
        summary: view.summary,
        data: view.data,
      });
      for (const endpoint of wanted) {
        await em.upsert(WebhookDelivery, this.newDelivery(endpoint, view.id, event.type, body), { onConflictAction: 'ignore' });
      }
      this.db.onCommit(em, () => this.wake());
    });
    const tick = () => {
      this.wake();
      if (!this.stopped) this.timer = setTimeout(tick, POLL_MS).unref();
    };
    tick();
    return async () => {
      this.stopped = true;
      clearTimeout(this.timer);
      await this.pumping;
      // A delivery cut short by a stop is logged as failed for now and retried by the next process.
      for (const request of this.requests) request.destroy(new Error('The platform is stopping'));
      await Promise.all(this.sends);
    };
  }

  /** Queues a `webhook.test` delivery to one endpoint. */
  async sendTest(accountId: string, endpointId: string): Promise<WebhookDelivery> {
    const delivery = await this.db.transaction(async (em) => {
      const endpoint = await this.webhooks.get(em, accountId, endpointId);
      const id = `test_${newId('event').slice(6)}`;
      const body = JSON.stringify({
        id,
        type: 'webhook.test',
        createdAt: this.clock.now().toISOString(),
        resource: { type: 'webhook', id: endpoint.id, name: endpoint.description },
        summary: 'A test delivery',
        data: { endpointId: endpoint.id },
      });
      const created = em.create(WebhookDelivery, this.newDelivery(endpoint, id, 'webhook.test', body));
      await em.flush();
      return created;
    });
    this.wake();
    return delivery;
  }

  /** Sends a logged delivery again, as a fresh series of attempts. */
  async redeliver(accountId: string, deliveryId: string): Promise<WebhookDelivery> {
    const delivery = await this.db.transaction(async (em) => {
      const found = await em.findOne(WebhookDelivery, { id: deliveryId, accountId });
      if (!found) throw notFound('Webhook delivery', deliveryId);
      if (found.status !== 'sending')
        Object.assign(found, { status: 'pending', attempts: 0, nextAttemptAt: this.clock.now(), leaseUntil: null });
      await em.flush();
      return found;
    });
    this.wake();
    return delivery;
  }

  private newDelivery(endpoint: WebhookEndpoint, eventId: string, eventType: string, body: string) {
    const now = this.clock.now();
    return {
      id: newId('delivery'),
      endpointId: endpoint.id,
      accountId: endpoint.accountId,
      eventId,
      eventType,
      body,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      leaseUntil: null,
      lastStatusCode: null,
      lastError: null,
      createdAt: now,
      deliveredAt: null,
    };
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = this.pump()
      .catch((error: unknown) => console.error('[webhooks] claiming deliveries failed, will retry:', error))
      .finally(() => {
        this.pumping = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Claims due deliveries (one per endpoint not already sending) and sends each without waiting for it. */
  private async pump(): Promise<void> {
    const room = MAX_IN_FLIGHT - this.inFlight;
    if (room <= 0) return;
    const leaseMs = this.config.webhooks.timeoutMs * 2 + 1000;
    const claimed = await this.db.transaction(async (em) => {
      const due = await em.execute<{ id: string }[]>(
        `select distinct on (endpoint_id) id from account.webhook_deliveries d
          where ((status in ('pending', 'retrying') and next_attempt_at <= now()) or (status = 'sending' and lease_until < now()))
            and not exists (select 1 from account.webhook_deliveries busy
              where busy.endpoint_id = d.endpoint_id and busy.status = 'sending' and busy.lease_until >= now())
          order by endpoint_id, created_at limit ?`,
        [room],
      );
      if (due.length === 0) return [];
      // The status is checked again under the row lock: a delivery another process claimed meanwhile is skipped.
      return em.execute<Array<{ id: string }>>(
        `update account.webhook_deliveries set status = 'sending', attempts = attempts + 1,
            lease_until = now() + ?::int * interval '1 millisecond'
          where id in (${due.map(() => '?').join(', ')})
            and ((status in ('pending', 'retrying') and next_attempt_at <= now()) or (status = 'sending' and lease_until < now()))
          returning id`,
        [leaseMs, ...due.map((row) => row.id)],
      );
    });
    for (const { id } of claimed) {
      this.inFlight++;
      const sending: Promise<void> = this.send(id)
        .catch((error: unknown) => console.error(`[webhooks] delivery ${id} failed to record:`, error))
        .finally(() => {
          this.inFlight--;
          this.sends.delete(sending);
          this.wake();
        });
      this.sends.add(sending);
    }
  }

  private async send(deliveryId: string): Promise<void> {
    const em = this.db.em();
    const delivery = await em.findOneOrFail(WebhookDelivery, deliveryId);
    const endpoint = await em.findOne(WebhookEndpoint, { id: delivery.endpointId });
    const outcome: Outcome = endpoint?.active
      ? await this.post(endpoint, delivery)
      : { statusCode: null, error: endpoint ? 'The endpoint is disabled' : 'The endpoint was removed', latencyMs: 0 };
    await this.record(delivery, outcome, !endpoint?.active);
  }

  private post(endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<Outcome> {
    const started = performance.now();
    const done = (statusCode: number | null, error: string | null): Outcome => ({
      statusCode,
      error: error?.slice(0, MAX_ERROR_CHARS) ?? null,
      latencyMs: Math.round(performance.now() - started),
    });
    return new Promise<Outcome>((resolve) => {
      let url: URL;
      try {
        url = new URL(endpoint.url);
        checkOutboundUrl(url, this.webhooks.allow);
      } catch {
        return resolve(done(null, 'The address is not reachable from the platform'));
      }
      const timestamp = Math.floor(this.clock.now().getTime() / 1000);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method: 'POST',
        lookup: guardedLookup(this.webhooks.allow),
        timeout: this.config.webhooks.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(delivery.body),
          'user-agent': 'vision-platform-webhooks/1',
          [SIGNATURE_HEADER]: signPayload(this.webhooks.secretOf(endpoint), timestamp, delivery.body),
          'ultralytics-event': delivery.eventType,
          'ultralytics-delivery': delivery.id,
        },
      });
      // Redirects are answers like any other: never followed (they could point inside the network).
      req.on('response', (response: IncomingMessage) => {
        response.resume();
        response.on('end', () =>
          resolve(done(response.statusCode ?? null, ok(response.statusCode) ? null : `HTTP ${response.statusCode}`)),
        );
        response.on('error', (error) => resolve(done(response.statusCode ?? null, error.message)));
      });
      this.requests.add(req);
      req.on('close', () => this.requests.delete(req));
      req.on('timeout', () => req.destroy(new Error(`No answer within ${this.config.webhooks.timeoutMs} ms`)));
      req.on('error', (error) => resolve(done(null, error.message)));
      req.end(delivery.body);
    });
  }

  private async record(delivery: WebhookDelivery, outcome: Outcome, gone: boolean): Promise<void> {
    const now = this.clock.now();
    const succeeded = ok(outcome.statusCode);
    const exhausted = gone || delivery.attempts >= this.config.webhooks.maxAttempts;
    const backoff = Math.min(this.config.webhooks.retryBaseMs * 2 ** Math.max(0, delivery.attempts - 1), MAX_BACKOFF_MS);
    await this.db.transaction(async (em) => {
      em.create(WebhookAttempt, {
        id: newId('attempt'),
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        statusCode: outcome.statusCode,
        error: outcome.error,
        latencyMs: outcome.latencyMs,
        at: now,
      });
      await em.nativeUpdate(
        WebhookDelivery,
        { id: delivery.id, status: 'sending' },
        {
          status: succeeded ? 'succeeded' : exhausted ? 'failed' : 'retrying',
          nextAttemptAt: succeeded || exhausted ? null : new Date(now.getTime() + backoff),
          leaseUntil: null,
          lastStatusCode: outcome.statusCode,
          lastError: outcome.error,
          deliveredAt: succeeded ? now : null,
        },
      );
    });
  }
}

const ok = (status: number | null | undefined) => status !== null && status !== undefined && status >= 200 && status < 300;

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { AccountCaller } from '../../../kernel/auth.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Config } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { forbidden, notFound, validationError } from '../../../kernel/errors.js';
import { newId } from '../../../kernel/ids.js';
import { planEntitlements } from '../../../kernel/limits.js';
import { checkOutboundUrl, isReachable, parseAllowList, type OutboundAllowList } from '../../../kernel/outbound.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../entities/webhook.js';
import { PUBLIC_CONTRACTS } from './activity.js';

/** The events an endpoint may subscribe to: every public event, and the test event. */
export const WEBHOOK_EVENTS = new Set([...PUBLIC_CONTRACTS.map((contract) => contract.type), 'webhook.test']);
const MAX_ENDPOINTS = 20;
const MAX_URL = 2048;

export interface EndpointInput {
  url?: string | null;
  events?: string[] | null;
  description?: string | null;
  active?: boolean | null;
}

/**
 * Webhook endpoints (enterprise plan): registration, the signing secret (sealed at rest, shown once), and the
 * delivery log. Targets on private or loopback addresses are refused unless the operator allows them.
 */
export class Webhooks {
  readonly allow: OutboundAllowList;
  private readonly key: Buffer;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'enterprise' | 'webhooks'>,
    secret: string,
  ) {
    this.allow = parseAllowList(config.webhooks.allowedHosts);
    this.key = Buffer.from(hkdfSync('sha256', secret, 'vision-platform', 'webhook-secrets', 32));
  }

  async create(caller: AccountCaller, input: EndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    this.checkPlan(caller);
    const url = await this.checkUrl(input.url);
    const events = checkEvents(input.events);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    return this.db.transaction(async (em) => {
      if ((await em.count(WebhookEndpoint, { accountId: caller.accountId })) >= MAX_ENDPOINTS) {
        throw validationError(`An account may have at most ${MAX_ENDPOINTS} webhook endpoints`);
      }
      const now = this.clock.now();
      const endpoint = em.create(WebhookEndpoint, {
        id: newId('webhook'),
        accountId: caller.accountId,
        url,
        description: checkDescription(input.description),
        events,
        sealedSecret: this.seal(secret),
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      });
      await em.flush();
      return { endpoint, secret };
    });
  }

  async update(caller: AccountCaller, id: string, input: EndpointInput): Promise<WebhookEndpoint> {
    this.checkPlan(caller);
    const url = input.url == null ? undefined : await this.checkUrl(input.url);
    return this.db.transaction(async (em) => {
      const endpoint = await this.get(em, caller.accountId, id);
      if (url) endpoint.url = url;
      if (input.events != null) endpoint.events = checkEvents(input.events);
      if (input.description !== undefined) endpoint.description = checkDescription(input.description);
      if (input.active != null) endpoint.active = input.active;
      endpoint.updatedAt = this.clock.now();
      await em.flush();
      return endpoint;
    });
  }

  /** Removes the endpoint and its delivery log; deliveries under way are dropped. */
  delete(accountId: string, id: string): Promise<WebhookEndpoint> {
    return this.db.transaction(async (em) => {
      const endpoint = await this.get(em, accountId, id);
      const deliveries = await em.find(WebhookDelivery, { endpointId: id }, { fields: ['id'] });
      await em.nativeDelete(WebhookAttempt, { deliveryId: { $in: deliveries.map((delivery) => delivery.id) } });
      await em.nativeDelete(WebhookDelivery, { endpointId: id });
      em.remove(endpoint);
      await em.flush();
      return endpoint;
    });
  }

  list(em: EntityManager, accountId: string, page: Page): Promise<{ items: WebhookEndpoint[]; total: number }> {
    return findPage(em, WebhookEndpoint, { accountId }, page);
  }

  async get(em: EntityManager, accountId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = await em.findOne(WebhookEndpoint, { id, accountId });
    if (!endpoint) throw notFound('Webhook endpoint', id);
    return endpoint;
  }

  async deliveries(
    em: EntityManager,
    accountId: string,
    endpointId: string,
    page: Page,
  ): Promise<{ items: WebhookDelivery[]; total: number }> {
    await this.get(em, accountId, endpointId);
    return findPage(em, WebhookDelivery, { endpointId }, page);
  }

  attempts(em: EntityManager, deliveryIds: readonly string[]): Promise<WebhookAttempt[]> {
    return em.find(WebhookAttempt, { deliveryId: { $in: [...deliveryIds] } }, { orderBy: { attempt: 'asc' } });
  }

  /** The signing secret of an endpoint (for signing only: never returned after creation). */
  secretOf(endpoint: WebhookEndpoint): string {
    const sealed = Buffer.from(endpoint.sealedSecret, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }

  private seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  private checkPlan(caller: AccountCaller): void {
    if (!planEntitlements(this.config)[caller.plan].webhooks) throw forbidden('Webhooks are available on the enterprise plan');
  }

  /** An http(s) URL whose host resolves to public addresses only (or the operator's allow-list). */
  private async checkUrl(value: string | null | undefined): Promise<string> {
    const refused = () => validationError('url must be an http(s) URL on a public address', { url: (value ?? '').slice(0, 200) });
    if (!value || value.length > MAX_URL) throw refused();
    let url: URL;
    try {
      url = new URL(value);
      checkOutboundUrl(url, this.allow);
    } catch {
      throw refused();
    }
    // Checked again at every delivery (the name may resolve elsewhere by then): this is for a clear answer now.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!isIP(host)) {
      const addresses = await lookup(host, { all: true }).catch(() => []);
      if (addresses.length === 0 || addresses.some(({ address }) => !isReachable(address, host, this.allow))) throw refused();
    }
    return url.toString();
  }
}

function checkEvents(events: string[] | null | undefined): string[] {
  if (!events?.length) throw validationError('events must name at least one event, e.g. training.completed');
  const unknown = events.filter((event) => !WEBHOOK_EVENTS.has(event));
  if (unknown.length)
    throw validationError(`Unknown events: ${unknown.slice(0, 10).join(', ').slice(0, 300)}`, { allowed: [...WEBHOOK_EVENTS].sort() });
  return [...new Set(events)];
}

function checkDescription(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length > 500) throw validationError('description must be at most 500 characters');
  return value.trim() || null;
}

import Stripe from 'stripe';
import { SubscriptionChanged } from '../../../contracts/index.js';
import type { Config } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { AppError, notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { BillingAccount } from '../entities/billing-account.js';
import type { Ledger } from './ledger.js';

/** Credit purchases: whole cents from $5 to $1,000 (the seed's range). */
export const MIN_PURCHASE_USD = 5;
export const MAX_PURCHASE_USD = 1000;
/** The Pro plan's price in cents, as the docs list it: $29 a month or $290 a year. */
const PRO_PRICE_CENTS = { monthly: 2900, yearly: 29000 } as const;
const MICRO_USD_PER_CENT = 10_000;
/** Subscription states that keep Pro features. */
const PRO_STATUSES = new Set(['active', 'trialing', 'past_due']);

export interface CheckoutSession {
  sessionId: string;
  url: string;
}

export interface Payment {
  id: string;
  amountMicroUsd: number;
  currency: string;
  status: string;
  description: string | null;
  createdAt: Date;
}

export interface WebhookOutcome {
  eventId: string;
  type: string;
  /** false: an event type billing does not act on (acknowledged all the same, so Stripe stops sending it). */
  handled: boolean;
}

const notConfigured = () =>
  validationError('Payments are not configured on this server (STRIPE_SECRET_KEY is unset): the operator adds credits with `credits add`', {
    paymentsConfigured: false,
  });

/** The SDK pointed at `STRIPE_API_BASE` when set (stripe-mock, a test server on loopback), else at Stripe. */
function createClient(config: Config['stripe']): Stripe | undefined {
  if (!config.secretKey) return undefined;
  const base = config.apiBase ? new URL(config.apiBase) : undefined;
  return new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'vision-platform' },
    ...(base && {
      host: base.hostname,
      port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
      protocol: base.protocol === 'https:' ? 'https' : 'http',
    }),
  });
}

/**
 * Payments through Stripe's official SDK: checkout for credits and for Pro, the customer portal, the payments list,
 * and the webhook that books what Stripe reports. A purchase is credited under the payment's id, so a webhook Stripe
 * delivers again (it does, until it hears 2xx) credits once.
 */
export class Payments {
  private readonly stripe: Stripe | undefined;
  private readonly returnUrl: string;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly ledger: Ledger,
    private readonly config: Pick<Config, 'stripe' | 'host' | 'port'>,
  ) {
    this.stripe = createClient(config.stripe);
    this.returnUrl = config.stripe.returnUrl ?? `http://${config.host}:${config.port}/`;
  }

  get configured(): boolean {
    return this.stripe !== undefined;
  }

  /** A hosted checkout page for `amountUsd` of credit. */
  async creditCheckout(accountId: string, amountUsd: number): Promise<CheckoutSession> {
    const stripe = this.client();
    const cents = Math.round(amountUsd * 100);
    if (
      !Number.isFinite(amountUsd) ||
      Math.abs(cents - amountUsd * 100) > 1e-6 ||
      amountUsd < MIN_PURCHASE_USD ||
      amountUsd > MAX_PURCHASE_USD
    ) {
      throw validationError(`amount must be a number of dollars (whole cents) from ${MIN_PURCHASE_USD} to ${MAX_PURCHASE_USD}`, {
        amount: amountUsd,
      });
    }
    const customer = await this.customerOf(accountId);
    const session = await this.call(() =>
      stripe.checkout.sessions.create({
        mode: 'payment',
        customer,
        client_reference_id: accountId,
        line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: cents, product_data: { name: 'Platform credits' } } }],
        metadata: { accountId, purpose: 'credits' },
        payment_intent_data: { metadata: { accountId, purpose: 'credits' } },
        success_url: this.back({ checkout: 'success', session_id: '{CHECKOUT_SESSION_ID}' }),
        cancel_url: this.back({ checkout: 'cancelled' }),
      }),
    );
    return { sessionId: session.id, url: session.url ?? '' };
  }

  /** A hosted checkout page for the Pro subscription, monthly or yearly. */
  async subscriptionCheckout(accountId: string, planId: string, billingCycle: string): Promise<CheckoutSession> {
    const stripe = this.client();
    if (planId !== 'pro') throw validationError('planId must be "pro"', { planId });
    if (billingCycle !== 'monthly' && billingCycle !== 'yearly') {
      throw validationError('billingCycle must be "monthly" or "yearly"', { billingCycle });
    }
    const customer = await this.customerOf(accountId);
    const session = await this.call(() =>
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer,
        client_reference_id: accountId,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'usd',
              unit_amount: PRO_PRICE_CENTS[billingCycle],
              recurring: { interval: billingCycle === 'monthly' ? 'month' : 'year' },
              product_data: { name: 'Pro plan' },
            },
          },
        ],
        metadata: { accountId, purpose: 'subscription' },
        subscription_data: { metadata: { accountId } },
        success_url: this.back({ subscription: 'success', session_id: '{CHECKOUT_SESSION_ID}' }),
        cancel_url: this.back({ subscription: 'cancelled' }),
      }),
    );
    return { sessionId: session.id, url: session.url ?? '' };
  }

  /** Stripe's customer portal: payment methods, invoices, cancelling Pro. */
  async portal(accountId: string): Promise<{ url: string }> {
    const stripe = this.client();
    const customer = await this.customerOf(accountId);
    const session = await this.call(() => stripe.billingPortal.sessions.create({ customer, return_url: this.returnUrl }));
    return { url: session.url };
  }

  /** The account's payments as Stripe lists them, newest first. */
  async payments(accountId: string, limit: number, startingAfter: string | null): Promise<{ items: Payment[]; hasMore: boolean }> {
    const stripe = this.client();
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw validationError('limit must be an integer from 1 to 100', { limit });
    const account = await this.account(this.db.em(), accountId);
    if (!account.stripeCustomerId) return { items: [], hasMore: false };
    const customer = account.stripeCustomerId;
    const list = await this.call(() =>
      stripe.paymentIntents.list({ customer, limit, ...(startingAfter ? { starting_after: startingAfter } : {}) }),
    );
    return {
      items: list.data.map((intent) => ({
        id: intent.id,
        amountMicroUsd: intent.amount * MICRO_USD_PER_CENT,
        currency: intent.currency,
        status: intent.status,
        description: intent.description ?? null,
        createdAt: new Date(intent.created * 1000),
      })),
      hasMore: list.has_more,
    };
  }

  /**
   * What Stripe posts to the webhook: the signature is checked against the raw body with `STRIPE_WEBHOOK_SECRET`
   * before anything is read from it. Purchases are credited, refunds booked, subscriptions move the plan.
   */
  async webhook(payload: string, signature: string): Promise<WebhookOutcome> {
    const stripe = this.client();
    const secret = this.config.stripe.webhookSecret;
    if (!secret) throw validationError('The Stripe webhook is not configured on this server (STRIPE_WEBHOOK_SECRET is unset)');
    let event: Stripe.Event;
    try {
      event = stripe.webhooks.constructEvent(payload, signature, secret);
    } catch (error) {
      throw validationError(`The Stripe signature does not verify: ${(error as Error).message}`);
    }
    const outcome = (handled: boolean): WebhookOutcome => ({ eventId: event.id, type: event.type, handled });
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
        return outcome(await this.checkoutCompleted(event.data.object));
      case 'charge.refunded':
        return outcome(await this.refunded(event.data.object));
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
      case 'customer.subscription.deleted':
        return outcome(await this.subscriptionChanged(event.data.object, event.type === 'customer.subscription.deleted', event.created));
      default:
        return outcome(false);
    }
  }

  private async checkoutCompleted(session: Stripe.Checkout.Session): Promise<boolean> {
    const accountId = session.metadata?.accountId ?? session.client_reference_id;
    if (!accountId) return false;
    const customer = typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null);
    if (customer) await this.linkCustomer(accountId, customer);
    if (session.mode !== 'payment' || session.metadata?.purpose !== 'credits') return session.mode === 'subscription';
    if (session.payment_status !== 'paid') return false; // an asynchronous method: its async_payment_succeeded follows
    if (session.currency !== 'usd' || session.amount_total === null) {
      console.error(`[billing] checkout ${session.id}: unexpected currency ${session.currency}, not credited`);
      return false;
    }
    const paymentId = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? session.id);
    const amount = session.amount_total * MICRO_USD_PER_CENT;
    await this.db.transaction((em) =>
      this.ledger.append(em, accountId, () => ({
        kind: 'purchase',
        causeKey: `stripe-payment:${paymentId}`,
        cashDelta: amount,
        description: `Credit purchase: $${(amount / 1_000_000).toFixed(2)}`,
        resourceType: 'payment',
        resourceId: paymentId,
      })),
    );
    return true;
  }

  /** `amount_refunded` is the charge's running total: each total is booked once, as the part not booked yet. */
  private async refunded(charge: Stripe.Charge): Promise<boolean> {
    const customer = typeof charge.customer === 'string' ? charge.customer : (charge.customer?.id ?? null);
    const paymentId = typeof charge.payment_intent === 'string' ? charge.payment_intent : (charge.payment_intent?.id ?? charge.id);
    if (!customer || charge.currency !== 'usd') return false;
    const owner = await this.db.em().findOne(BillingAccount, { stripeCustomerId: customer });
    if (!owner) return false;
    await this.db.transaction((em) =>
      this.ledger.append(em, owner.accountId, async () => {
        const [row] = await em.execute<{ refunded: string }[]>(
          `select coalesce(-sum(cash_delta), 0)::text as refunded from billing.ledger_entries
            where account_id = ? and kind = 'refund' and resource_type = 'payment' and resource_id = ?`,
          [owner.accountId, paymentId],
        );
        const delta = charge.amount_refunded * MICRO_USD_PER_CENT - Number(row?.refunded ?? 0);
        if (delta <= 0) return null;
        return {
          kind: 'refund',
          causeKey: `stripe-refund:${charge.id}:${charge.amount_refunded}`,
          cashDelta: -delta,
          description: `Refund of a credit purchase: $${(delta / 1_000_000).toFixed(2)}`,
          resourceType: 'payment',
          resourceId: paymentId,
        };
      }),
    );
    return true;
  }

  /** Events may arrive out of order: one older than the last applied is ignored. */
  private async subscriptionChanged(subscription: Stripe.Subscription, deleted: boolean, created: number): Promise<boolean> {
    const customer = typeof subscription.customer === 'string' ? subscription.customer : subscription.customer.id;
    const em = this.db.em();
    const accountId = subscription.metadata?.accountId ?? (await em.findOne(BillingAccount, { stripeCustomerId: customer }))?.accountId;
    if (!accountId) return false;
    const plan = !deleted && PRO_STATUSES.has(subscription.status) ? 'pro' : 'free';
    const at = new Date(created * 1000);
    return this.db.transaction(async (tx) => {
      const applied = await tx.execute<unknown[]>(
        `update billing.accounts set subscription_id = ?, subscription_status = ?, subscription_event_at = ?,
            stripe_customer_id = coalesce(stripe_customer_id, ?)
          where account_id = ? and (subscription_event_at is null or subscription_event_at <= ?) returning 1`,
        [subscription.id, deleted ? 'canceled' : subscription.status, at, customer, accountId, at],
      );
      if (applied.length === 0) return false;
      await this.events.publish(tx, SubscriptionChanged, accountId, {
        plan,
        status: deleted ? 'canceled' : subscription.status,
        subscriptionId: subscription.id,
      });
      return true;
    });
  }

  /** The account's Stripe customer, created on first use (idempotently: two requests at once make one). */
  private async customerOf(accountId: string): Promise<string> {
    const stripe = this.client();
    const account = await this.account(this.db.em(), accountId);
    if (account.stripeCustomerId) return account.stripeCustomerId;
    const customer = await this.call(() =>
      stripe.customers.create(
        { ...(account.email ? { email: account.email } : {}), metadata: { accountId } },
        { idempotencyKey: `customer-${accountId}` },
      ),
    );
    return this.linkCustomer(accountId, customer.id);
  }

  private async linkCustomer(accountId: string, customerId: string): Promise<string> {
    const [row] = await this.db
      .em()
      .execute<{ stripe_customer_id: string }[]>(
        `update billing.accounts set stripe_customer_id = coalesce(stripe_customer_id, ?) where account_id = ? returning stripe_customer_id`,
        [customerId, accountId],
      );
    return row?.stripe_customer_id ?? customerId;
  }

  private async account(em: EntityManager, accountId: string): Promise<BillingAccount> {
    const account = await em.findOne(BillingAccount, accountId);
    if (!account) throw notFound('Billing account', accountId);
    return account;
  }

  private back(params: Record<string, string>): string {
    const url = new URL(this.returnUrl);
    const query = Object.entries(params).map(([key, value]) => `${key}=${key === 'session_id' ? value : encodeURIComponent(value)}`);
    return `${url.origin}${url.pathname}${url.search ? `${url.search}&` : '?'}${query.join('&')}`;
  }

  private client(): Stripe {
    if (!this.stripe) throw notConfigured();
    return this.stripe;
  }

  /** Stripe's errors are logged whole and answered without internals. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof AppError) throw error;
      console.error('[billing] Stripe request failed:', error);
      throw new AppError('INTERNAL_ERROR', 'The payment provider could not complete the request; try again later');
    }
  }
}

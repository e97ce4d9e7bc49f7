import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { FakeStripe } from './stripe-server.js';
import { balanceOf, caughtUp, expectLedgerToAddUp, ledgerOf } from './support.js';

const SECRET_KEY = 'sk_test_platform';
const WEBHOOK_SECRET = 'whsec_test_platform';
const RETURN_URL = 'https://vision.example.test/settings/billing';

let stripeApi: FakeStripe;
let platform: TestPlatform;
let alice: TestAccount;
/** Only its webhook helper is used: it signs test payloads exactly as Stripe does. */
const stripe = new Stripe('sk_test_signing_only');

beforeAll(async () => {
  stripeApi = new FakeStripe();
  platform = await startTestPlatform({
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: await stripeApi.start(),
    BILLING_RETURN_URL: RETURN_URL,
  });
  alice = await createAccount(platform, 'free');
});
afterAll(async () => {
  await platform?.stop();
  await stripeApi?.stop();
});

let events = 0;
function stripeEvent(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)): string {
  return JSON.stringify({
    id: `evt_test_${++events}`,
    object: 'event',
    type,
    created,
    livemode: false,
    api_version: '2026-10-28',
    data: { object },
  });
}

/** Posts a payload to the webhook as Stripe does: raw JSON and its Stripe-Signature header. */
async function deliver(payload: string, signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET })) {
  const response = await fetch(`${platform.url}/api/billing/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  const body = await response.json();
  await caughtUp(platform);
  return { status: response.status, body };
}

const paidCheckout = (account: TestAccount, paymentIntent: string, cents: number, customer = 'cus_test1') => ({
  id: `cs_test_paid_${paymentIntent}`,
  object: 'checkout.session',
  mode: 'payment',
  payment_status: 'paid',
  status: 'complete',
  amount_total: cents,
  currency: 'usd',
  customer,
  client_reference_id: account.userId,
  metadata: { accountId: account.userId, purpose: 'credits' },
  payment_intent: paymentIntent,
});

describe('checkout, portal and payments through the Stripe SDK', () => {
  it('creates a checkout session for credits, with the Stripe customer created once', async () => {
    const first = await api(platform, alice.apiKey, 'POST', '/api/billing/checkout-session', { amount: 25 });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.data).toEqual({ sessionId: 'cs_test_1', url: 'https://checkout.stripe.test/c/pay/cs_test_1' });
    const second = await api(platform, alice.apiKey, 'POST', '/api/billing/checkout-session', { amount: 1000 });
    expect(second.status).toBe(200);

    const customers = stripeApi.called('POST', '/v1/customers');
    expect(customers).toHaveLength(1);
    expect(customers[0]!.params).toMatchObject({ 'metadata[accountId]': alice.userId, email: expect.stringMatching(/@example\.test$/) });
    expect(customers[0]!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(customers[0]!.headers['idempotency-key']).toBe(`customer-${alice.userId}`);
    const sessions = stripeApi.called('POST', '/v1/checkout/sessions');
    expect(sessions.map((session) => session.params['line_items[0][price_data][unit_amount]'])).toEqual(['2500', '100000']);
    expect(sessions[0]!.params).toMatchObject({
      mode: 'payment',
      customer: 'cus_test1',
      client_reference_id: alice.userId,
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][quantity]': '1',
      'metadata[accountId]': alice.userId,
      'metadata[purpose]': 'credits',
      success_url: `${RETURN_URL}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${RETURN_URL}?checkout=cancelled`,
    });
  });

  it.each([
    ['below 5 dollars', { amount: 4.99 }],
    ['above 1000 dollars', { amount: 1000.01 }],
    ['fractions of a cent', { amount: 25.001 }],
    ['a string', { amount: '25' }],
    ['no amount', {}],
  ])('refuses an amount %s without calling Stripe', async (_name, body) => {
    const calls = stripeApi.requests.length;
    const response = await api(platform, alice.apiKey, 'POST', '/api/billing/checkout-session', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('VALIDATION_ERROR');
    expect(stripeApi.requests.length).toBe(calls);
  });

  it('creates a Pro subscription checkout, monthly or yearly', async () => {
    const yearly = await api(platform, alice.apiKey, 'POST', '/api/billing/subscription-checkout', {
      planId: 'pro',
      billingCycle: 'yearly',
    });
    expect(yearly.status).toBe(200);
    expect(yearly.body.data.url).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    expect(stripeApi.called('POST', '/v1/checkout/sessions').at(-1)!.params).toMatchObject({
      mode: 'subscription',
      customer: 'cus_test1',
      'line_items[0][price_data][unit_amount]': '29000',
      'line_items[0][price_data][recurring][interval]': 'year',
      'subscription_data[metadata][accountId]': alice.userId,
    });
    await api(platform, alice.apiKey, 'POST', '/api/billing/subscription-checkout', { planId: 'pro' });
    expect(stripeApi.called('POST', '/v1/checkout/sessions').at(-1)!.params).toMatchObject({
      'line_items[0][price_data][unit_amount]': '2900',
      'line_items[0][price_data][recurring][interval]': 'month',
    });
    for (const body of [{ planId: 'enterprise' }, { planId: 'pro', billingCycle: 'weekly' }]) {
      expect((await api(platform, alice.apiKey, 'POST', '/api/billing/subscription-checkout', body)).status).toBe(400);
    }
  });

  it('opens the customer portal and lists payments from Stripe', async () => {
    const portal = await api(platform, alice.apiKey, 'POST', '/api/billing/portal-session');
    expect(portal.body.data).toEqual({ url: 'https://billing.stripe.test/p/session/cus_test1' });
    expect(stripeApi.called('POST', '/v1/billing_portal/sessions')[0]!.params).toEqual({ customer: 'cus_test1', return_url: RETURN_URL });

    stripeApi.paymentIntents = [
      {
        id: 'pi_b',
        object: 'payment_intent',
        amount: 1000,
        currency: 'usd',
        status: 'succeeded',
        customer: 'cus_test1',
        created: 1_800_000_000,
        description: null,
      },
      {
        id: 'pi_other',
        object: 'payment_intent',
        amount: 500,
        currency: 'usd',
        status: 'succeeded',
        customer: 'cus_elsewhere',
        created: 1_800_000_000,
      },
    ];
    const payments = await api(platform, alice.apiKey, 'GET', '/api/billing/payments?limit=10');
    expect(payments.body).toEqual({
      success: true,
      data: [
        {
          id: 'pi_b',
          amountMicroUsd: 10_000_000,
          currency: 'usd',
          status: 'succeeded',
          description: null,
          createdAt: '2027-01-15T08:00:00.000Z',
        },
      ],
      meta: { hasMore: false },
    });
    // An account that never paid has no Stripe customer: nothing to ask Stripe.
    const bob = await createAccount(platform, 'free');
    const calls = stripeApi.requests.length;
    expect((await api(platform, bob.apiKey, 'GET', '/api/billing/payments')).body.data).toEqual([]);
    expect(stripeApi.requests.length).toBe(calls);
  });
});

describe('the webhook', () => {
  it('credits a paid checkout once, however often Stripe delivers it', async () => {
    const carol = await createAccount(platform, 'free');
    await balanceOf(platform, carol.apiKey);
    const payload = stripeEvent('checkout.session.completed', paidCheckout(carol, 'pi_carol_1', 2500, 'cus_carol'));
    const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const first = await deliver(payload, signature);
    expect(first).toMatchObject({
      status: 200,
      body: { success: true, data: { received: true, type: 'checkout.session.completed', handled: true } },
    });
    expect(await balanceOf(platform, carol.apiKey)).toMatchObject({
      cashBalance: 25_000_000,
      creditBalance: 5_000_000,
      totalBalance: 30_000_000,
    });

    // Redelivered as it was, re-signed, and as the asynchronous-payment event of the same payment: credited once.
    expect((await deliver(payload, signature)).status).toBe(200);
    expect((await deliver(payload)).status).toBe(200);
    expect((await deliver(stripeEvent('checkout.session.async_payment_succeeded', paidCheckout(carol, 'pi_carol_1', 2500)))).status).toBe(
      200,
    );
    expect(await balanceOf(platform, carol.apiKey)).toMatchObject({ cashBalance: 25_000_000 });
    const purchases = (await ledgerOf(platform, carol.apiKey)).filter((entry) => entry.kind === 'purchase');
    expect(purchases).toMatchObject([{ type: 'Purchase', amount: 25_000_000, cashAmount: 25_000_000, resourceId: 'pi_carol_1' }]);

    // A second payment is a second purchase; an unpaid session credits nothing.
    await deliver(stripeEvent('checkout.session.completed', paidCheckout(carol, 'pi_carol_2', 500, 'cus_carol')));
    await deliver(stripeEvent('checkout.session.completed', { ...paidCheckout(carol, 'pi_carol_3', 9900), payment_status: 'unpaid' }));
    expect((await balanceOf(platform, carol.apiKey)).cashBalance).toBe(30_000_000);

    // Refunds are booked once per refunded total.
    const refund = (cents: number) =>
      stripeEvent('charge.refunded', {
        id: 'ch_carol_1',
        object: 'charge',
        amount: 2500,
        amount_refunded: cents,
        currency: 'usd',
        customer: 'cus_carol',
        payment_intent: 'pi_carol_1',
      });
    await deliver(refund(1000));
    await deliver(refund(1000));
    await deliver(refund(2500));
    expect((await ledgerOf(platform, carol.apiKey)).filter((entry) => entry.kind === 'refund').map((entry) => entry.amount)).toEqual([
      -15_000_000, -10_000_000,
    ]);
    expect((await balanceOf(platform, carol.apiKey)).cashBalance).toBe(5_000_000);
    await expectLedgerToAddUp(platform, carol.apiKey);
  });

  it('refuses a bad signature, a missing one, and a payload changed after signing: nothing is credited', async () => {
    const dave = await createAccount(platform, 'free');
    await balanceOf(platform, dave.apiKey);
    const payload = stripeEvent('checkout.session.completed', paidCheckout(dave, 'pi_dave', 100000));
    const wrongSecret = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_ours' });
    const signed = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    for (const [body, signature] of [
      [payload, wrongSecret],
      [payload, ''],
      [payload.replace('100000', '100001'), signed],
      [payload, `t=${Math.floor(Date.now() / 1000) - 3600},v1=${signed.split('v1=')[1]}`],
    ] as const) {
      const response = await deliver(body, signature);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringMatching(/signature/) });
    }
    expect(await balanceOf(platform, dave.apiKey)).toMatchObject({ cashBalance: 0, totalBalance: 5_000_000 });
  });

  it('moves the plan with the subscription, ignoring events that arrive out of order', async () => {
    const erin = await createAccount(platform, 'free');
    await balanceOf(platform, erin.apiKey);
    const subscription = (status: string) => ({
      id: 'sub_erin',
      object: 'subscription',
      status,
      customer: 'cus_erin',
      metadata: { accountId: erin.userId },
    });
    const now = Math.floor(Date.now() / 1000);
    expect((await deliver(stripeEvent('customer.subscription.created', subscription('active'), now))).body.data.handled).toBe(true);
    await expect.poll(async () => (await balanceOf(platform, erin.apiKey)).plan, { timeout: 10_000 }).toBe('pro');
    // "Added immediately": this period's monthly credit arrives with the plan.
    await expect.poll(async () => (await balanceOf(platform, erin.apiKey)).creditBalance, { timeout: 10_000 }).toBe(35_000_000);

    // An older event delivered late does not undo the newer one.
    expect((await deliver(stripeEvent('customer.subscription.deleted', subscription('canceled'), now - 60))).body.data.handled).toBe(false);
    expect((await balanceOf(platform, erin.apiKey)).plan).toBe('pro');

    await deliver(stripeEvent('customer.subscription.deleted', subscription('canceled'), now + 1));
    await expect.poll(async () => (await balanceOf(platform, erin.apiKey)).plan, { timeout: 10_000 }).toBe('free');
    // Credits stay; upgrading again the same month grants no second monthly credit.
    await deliver(stripeEvent('customer.subscription.updated', subscription('active'), now + 2));
    await expect.poll(async () => (await balanceOf(platform, erin.apiKey)).plan, { timeout: 10_000 }).toBe('pro');
    expect((await ledgerOf(platform, erin.apiKey)).map((entry) => entry.kind)).toEqual(['monthly_credit', 'signup_credit']);
    expect((await deliver(stripeEvent('invoice.created', { id: 'in_1', object: 'invoice' }))).body.data).toMatchObject({ handled: false });
  });
});

import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { OperatorAddCreditsDocument } from '../../cli/generated/graphql.js';
import { DeploymentUsage, ExportCompleted, TrainingCompleted, TrainingRequested } from '../../contracts/index.js';
import { BalanceChangedDocument, BillingOverviewDocument, OperatorGrantMonthlyCreditsDocument } from '../generated/graphql.js';
import { hubPredict, uploadModel } from '../inference/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, graphql, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { asOperator, balanceOf, caughtUp, cli, expectLedgerToAddUp, ledgerOf, publish } from './support.js';

/** A clock the test moves forward: billing periods (monthly credit, usage) read it. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
let platform: TestPlatform;
const clients: Client[] = [];

beforeAll(async () => {
  platform = await startTestPlatform({}, { clock });
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await platform?.stop();
});

describe('plans grant credit', () => {
  it('grants the sign-up credit of the free plan, the monthly credit of pro, nothing to enterprise', async () => {
    const [free, pro, enterprise] = await Promise.all([
      createAccount(platform, 'free'),
      createAccount(platform, 'pro'),
      createAccount(platform, 'enterprise'),
    ]);
    expect(await balanceOf(platform, free.apiKey)).toEqual({
      cashBalance: 0,
      creditBalance: 5_000_000,
      reservedAmount: 0,
      totalBalance: 5_000_000,
      availableBalance: 5_000_000,
      plan: 'free',
      creditsCents: 500,
    });
    expect(await balanceOf(platform, pro.apiKey)).toMatchObject({ creditBalance: 30_000_000, totalBalance: 30_000_000, plan: 'pro' });
    expect(await balanceOf(platform, enterprise.apiKey)).toMatchObject({ totalBalance: 0, plan: 'enterprise' });
    const [signup] = await ledgerOf(platform, free.apiKey);
    expect(signup).toMatchObject({ kind: 'signup_credit', type: 'Signup', amount: 5_000_000, creditAmount: 5_000_000, cashAmount: 0 });
    const [monthly] = await ledgerOf(platform, pro.apiKey);
    expect(monthly).toMatchObject({ kind: 'monthly_credit', type: 'Monthly Grant', amount: 30_000_000 });
    expect(await ledgerOf(platform, enterprise.apiKey)).toEqual([]);
  });

  it("grants pro's monthly credit once per period, however often it is run", async () => {
    const pro = await createAccount(platform, 'pro');
    await balanceOf(platform, pro.apiKey); // billing knows the account
    await asOperator(platform, OperatorGrantMonthlyCreditsDocument);
    await asOperator(platform, OperatorGrantMonthlyCreditsDocument);
    expect((await ledgerOf(platform, pro.apiKey)).map((entry) => entry.kind)).toEqual(['monthly_credit']);

    const now = new Date();
    clock.offsetMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 1) - now.getTime();
    try {
      const granted = await Promise.all([
        asOperator(platform, OperatorGrantMonthlyCreditsDocument),
        asOperator(platform, OperatorGrantMonthlyCreditsDocument),
      ]);
      expect(granted.reduce((sum, { operatorGrantMonthlyCredits: n }) => sum + n, 0)).toBeGreaterThanOrEqual(1);
      const ledger = await ledgerOf(platform, pro.apiKey);
      expect(ledger.map((entry) => entry.kind)).toEqual(['monthly_credit', 'monthly_credit']);
      expect(ledger[0]!.description).not.toBe(ledger[1]!.description); // two periods
      expect((await balanceOf(platform, pro.apiKey)).creditBalance).toBe(60_000_000);
    } finally {
      clock.offsetMs = 0;
    }
  });
});

describe('the ledger', () => {
  let alice: TestAccount;
  let bob: TestAccount;
  beforeAll(async () => {
    [alice, bob] = await Promise.all([createAccount(platform, 'free'), createAccount(platform, 'free')]);
  });

  it('answers 401 without a key and 403 without the billing scope', async () => {
    expect((await api(platform, undefined, 'GET', '/api/billing/balance')).status).toBe(401);
    const key = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { name: 'no-billing', scopes: ['models'] });
    for (const route of ['/api/billing/balance', '/api/billing/transactions', '/api/billing/usage-summary']) {
      const refused = await api(platform, key.body.data.key, 'GET', route);
      expect(refused.status, route).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('funds an account with `credits add` (running server); another account sees nothing of it', async () => {
    const added = await cli(platform, 'credits', 'add', '--user', alice.userId, '--amount', '2500000', '--reason', 'invoice 42 paid');
    expect(added).toEqual({
      userId: alice.userId,
      amountMicroUsd: 2_500_000,
      transactionId: expect.stringMatching(/^txn_/),
      totalBalance: 7_500_000,
    });
    expect(await balanceOf(platform, alice.apiKey)).toMatchObject({ creditBalance: 7_500_000, totalBalance: 7_500_000 });
    const [entry] = await ledgerOf(platform, alice.apiKey);
    expect(entry).toMatchObject({
      id: added.transactionId,
      kind: 'adjustment',
      type: 'Adjustment',
      amount: 2_500_000,
      description: 'invoice 42 paid',
    });
    expect((await ledgerOf(platform, bob.apiKey)).map((e) => e.id)).not.toContain(added.transactionId);
    expect(await balanceOf(platform, bob.apiKey)).toMatchObject({ totalBalance: 5_000_000 });

    await expect(cli(platform, 'credits', 'add', '--user', 'user_unknown', '--amount', '1')).rejects.toThrow(/NOT_FOUND/);
    await expect(cli(platform, 'credits', 'add', '--user', alice.userId, '--amount', '0')).rejects.toThrow(/VALIDATION_ERROR/);
    await expect(cli(platform, 'credits', 'add', '--user', alice.userId, '--amount', '1.5')).rejects.toThrow(/whole number/);
    await expect(cli(platform, 'credits', 'add', '--user', alice.userId)).rejects.toThrow(/--amount is required/);
  });

  it('books the same usage event delivered twice once', async () => {
    const carol = await createAccount(platform, 'free');
    await balanceOf(platform, carol.apiKey);
    const usage = {
      usageId: `usage_${Date.now()}`,
      deploymentId: 'deployment_twice',
      modelId: 'model_x',
      region: 'us',
      periodStart: new Date(Date.now() - 300_000).toISOString(),
      periodEnd: new Date().toISOString(),
      instanceSeconds: 300,
      hourlyPriceMicroUsd: 1_200_000,
    };
    const exported = {
      exportId: 'export_twice',
      modelId: 'model_x',
      format: 'engine',
      sizeBytes: 1000,
      workerSeconds: 90,
      hourlyPriceMicroUsd: 2_000_000,
    };
    const completed = {
      jobId: 'training_twice',
      modelId: 'model_x',
      status: 'completed' as const,
      epoch: 3,
      epochs: 3,
      datasetId: 'dataset_x',
      files: [],
      gpuType: 'rtx-4090',
      gpuSeconds: 120,
      costMicroUsd: 23_000,
    };
    const requested = {
      ...{ jobId: 'training_twice', modelId: 'model_x', status: 'queued' as const, epoch: 0, epochs: 3, datasetId: 'dataset_x' },
      ...{ gpuType: 'rtx-4090', hourlyPriceMicroUsd: 690_000, estimatedCostMicroUsd: 40_000 },
    };
    for (let delivery = 0; delivery < 2; delivery++) {
      await publish(platform, TrainingRequested, carol.userId, requested);
      await publish(platform, DeploymentUsage, carol.userId, usage);
      await publish(platform, ExportCompleted, carol.userId, exported);
      await publish(platform, TrainingCompleted, carol.userId, completed);
    }
    const ledger = await ledgerOf(platform, carol.apiKey);
    expect(ledger.filter((entry) => entry.kind === 'reservation').map((entry) => entry.reservedAmount)).toEqual([40_000]);
    const charges = ledger.filter((entry) => entry.kind === 'charge');
    expect(charges.map((entry) => [entry.resourceType, entry.resourceId, entry.amount]).sort()).toEqual([
      ['deployment', 'deployment_twice', -100_000], // 300 s at $1.20/h
      ['export', 'export_twice', -50_000], // 90 s at $2/h
      ['training', 'training_twice', -23_000],
    ]);
    const { balance } = await expectLedgerToAddUp(platform, carol.apiKey);
    expect(balance).toMatchObject({ creditBalance: 5_000_000 - 173_000, totalBalance: 4_827_000, reservedAmount: 0 });

    // A run billing never reserved (it ran before billing existed: an upgrade replays its completion) is not billed.
    await publish(platform, TrainingCompleted, carol.userId, { ...completed, jobId: 'training_before_billing' });
    expect((await ledgerOf(platform, carol.apiKey)).length).toBe(ledger.length);

    const summary = (await api(platform, carol.apiKey, 'GET', '/api/billing/usage-summary')).body.data;
    expect(summary.usage).toMatchObject({
      trainingByGpuType: [{ gpuType: 'rtx-4090', seconds: 120, hours: 120 / 3600, costMicroUsd: 23_000 }],
      trainingCostMicroUsd: 23_000,
      deploymentHours: 300 / 3600,
      deploymentCostMicroUsd: 100_000,
      exports: 1,
      exportCostMicroUsd: 50_000,
      chargedMicroUsd: 173_000,
    });
  });

  it('adds up to the balance exactly, however busy: grants, charges and credits at the same time', async () => {
    const dave = await createAccount(platform, 'pro');
    await balanceOf(platform, dave.apiKey);
    const work: Array<Promise<unknown>> = [];
    // What `credits add` sends, twelve at once (CLI processes in parallel would each probe the server first).
    for (let i = 0; i < 12; i++) {
      work.push(asOperator(platform, OperatorAddCreditsDocument, { accountId: dave.userId, amountMicroUsd: 1_000_003 * (i + 1) }));
    }
    for (let i = 0; i < 25; i++) {
      const usage = {
        usageId: `busy_${dave.userId}_${i % 20}`, // 5 of them delivered twice
        deploymentId: `deployment_${i % 3}`,
        modelId: 'model_busy',
        region: 'eu',
        periodStart: new Date(Date.now() - 60_000).toISOString(),
        periodEnd: new Date().toISOString(),
        instanceSeconds: 37.5 * (i + 1),
        hourlyPriceMicroUsd: 2_990_000,
      };
      work.push(publish(platform, DeploymentUsage, dave.userId, usage));
    }
    for (let i = 0; i < 8; i++) {
      const exported = {
        exportId: `export_busy_${dave.userId}_${i}`,
        modelId: 'model_busy',
        format: 'onnx',
        sizeBytes: 1,
        workerSeconds: 11 * i,
        hourlyPriceMicroUsd: 690_000,
      };
      work.push(publish(platform, ExportCompleted, dave.userId, exported));
    }
    await Promise.all(work);
    await caughtUp(platform);
    const { ledger, balance } = await expectLedgerToAddUp(platform, dave.apiKey);
    expect(ledger.filter((entry) => entry.kind === 'adjustment')).toHaveLength(12);
    expect(ledger.filter((entry) => entry.resourceType === 'deployment')).toHaveLength(20);
    expect(ledger.filter((entry) => entry.resourceType === 'export')).toHaveLength(8);
    const granted = 30_000_000 + Array.from({ length: 12 }, (_, i) => 1_000_003 * (i + 1)).reduce((a, b) => a + b, 0);
    const charged = -ledger.filter((entry) => entry.kind === 'charge').reduce((sum, entry) => sum + entry.amount, 0);
    expect(charged).toBeGreaterThan(0);
    expect(balance.totalBalance).toBe(granted - charged);
  });
});

describe('usage and the GraphQL side', () => {
  it('summarises plan, limits, requests, predictions and storage for this period', async () => {
    const erin = await createAccount(platform, 'pro');
    const onnx = buildOnnxModel({
      task: 'detect',
      names: ['a', 'b'],
      imgsz: [64, 64],
      outputs: [{ name: 'output0', ...channelMajor([[32, 32, 8, 8, 0.9, 0.1]]) }],
    });
    const modelId = await uploadModel(platform, erin.apiKey, 'usage.onnx', Buffer.from(onnx)); // 2 requests
    const { default: sharp } = await import('sharp');
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
      .png()
      .toBuffer();
    expect((await hubPredict(platform, erin.apiKey, { model: modelId }, { name: 'a.png', bytes: image })).status).toBe(200);
    expect((await hubPredict(platform, erin.apiKey, { model: modelId }, { name: 'b.png', bytes: image })).status).toBe(200);
    expect((await hubPredict(platform, erin.apiKey, { model: 'model_00000000000000000000' }, { name: 'c.png', bytes: image })).status).toBe(
      404,
    ); // well-formed, unknown
    await api(platform, erin.apiKey, 'GET', '/api/billing/balance');

    const response = await api(platform, erin.apiKey, 'GET', '/api/billing/usage-summary');
    expect(response.status).toBe(200);
    const now = new Date();
    expect(response.body.data).toMatchObject({
      plan: 'pro',
      period: now.toISOString().slice(0, 7),
      periodStart: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString(),
      limits: {
        requestsPerMinute: 300,
        requestsPerDay: 50_000,
        storageBytes: 500 * 1024 ** 3,
        deployments: 10,
        monthlyCreditMicroUsd: 30_000_000,
      },
      usage: {
        // project, model, 3 predicts, balance, and this summary
        apiRequests: 7,
        predictions: 2,
        trainingHours: 0,
        trainingByGpuType: [],
        storage: { used: onnx.byteLength, limit: 500 * 1024 ** 3 },
      },
    });
  });

  it('serves balance, usage, transactions and GPU availability over GraphQL', async () => {
    const frank = await createAccount(platform, 'free');
    const { data, errors } = await graphql(platform, frank.apiKey, BillingOverviewDocument);
    expect(errors).toBeUndefined();
    expect(data).toMatchObject({
      balance: { totalBalance: 5_000_000, availableBalance: 5_000_000 },
      usageSummary: { plan: 'free', usage: { apiRequests: 1 } },
      transactions: { items: [{ kind: 'signup_credit', amount: 5_000_000 }], meta: { total: 1 } },
    });
    expect(data!.gpuAvailability.every((type) => type.available)).toBe(true);
  });

  it('pushes balance changes to a balanceChanged subscription, of your own account only', async () => {
    const [grace, heidi] = await Promise.all([createAccount(platform, 'free'), createAccount(platform, 'free')]);
    await Promise.all([balanceOf(platform, grace.apiKey), balanceOf(platform, heidi.apiKey)]);
    const subscribe = (key: string) => {
      const received: Array<{ totalBalance: number }> = [];
      const client = createClient({
        url: `${platform.url.replace('http', 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { 'x-api-key': key },
        retryAttempts: 0,
      });
      clients.push(client);
      client.subscribe<{ balanceChanged: { totalBalance: number } }>(
        { query: print(BalanceChangedDocument) },
        {
          next: (result) => void (result.data && received.push(result.data.balanceChanged)),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      return received;
    };
    const graceFeed = subscribe(grace.apiKey);
    const heidiFeed = subscribe(heidi.apiKey);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the gateway connects upstream
    await cli(platform, 'credits', 'add', '--user', grace.userId, '--amount', '1000000');
    await expect
      .poll(() => graceFeed, { timeout: 10_000 })
      .toEqual([{ cashBalance: 0, creditBalance: 6_000_000, reservedAmount: 0, totalBalance: 6_000_000, availableBalance: 6_000_000 }]);
    expect(heidiFeed).toEqual([]);
  });
});

describe('without Stripe configured', () => {
  it('answers the payment routes with a clear error, and the webhook too', async () => {
    const ivan = await createAccount(platform, 'free');
    for (const [method, route, body] of [
      ['POST', '/api/billing/checkout-session', { amount: 25 }],
      ['POST', '/api/billing/subscription-checkout', { planId: 'pro' }],
      ['POST', '/api/billing/portal-session', {}],
      ['GET', '/api/billing/payments', undefined],
    ] as const) {
      const response = await api(platform, ivan.apiKey, method, route, body);
      expect(response.status, route).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringMatching(/STRIPE_SECRET_KEY is unset/) });
    }
    const webhook = await fetch(`${platform.url}/api/billing/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      body: '{}',
    });
    expect(webhook.status).toBe(400);
    expect((await webhook.json()).error.message).toMatch(/not configured/);
  });
});

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BalanceChanged } from '../../contracts/index.js';
import { startTrainingWorker } from '../../subgraphs/training/worker/worker.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, type TestAccount, type TestPlatform, startTestPlatform } from '../support/platform.js';
import { FAKE_YOLO, trainingSetup, waitForTraining } from '../training/support.js';
import { balanceOf, caughtUp, cli, expectLedgerToAddUp, ledgerOf, publish } from './support.js';

const CPU_PRICE = 100_000; // $0.10 an hour
const GOLD_PRICE = 1_000_000_000; // $1,000 an hour: its estimate is above a free account's $5
let platform: TestPlatform;

beforeAll(async () => {
  // The built-in worker serves bill-cpu and bill-gold; bill-broken is served by a worker whose trainer cannot start.
  platform = await startTestPlatform({
    ULTRALYTICS_CLI: FAKE_YOLO,
    GPU_TYPES_JSON: JSON.stringify({ 'bill-cpu': CPU_PRICE, 'bill-gold': GOLD_PRICE, 'bill-broken': 690_000 }),
    WORKER_GPU_TYPES: 'bill-cpu,bill-gold',
    TRAINING_HEARTBEAT_MS: '300',
    TRAINING_LEASE_MS: '3000',
  });
  const onnx = buildOnnxModel({
    task: 'detect',
    names: ['a', 'b'],
    imgsz: [64, 64],
    outputs: [{ name: 'output0', ...channelMajor([[32, 32, 20, 10, 0.9, 0.1]]) }],
  });
  process.env.FAKE_YOLO_ONNX = path.join(platform.config.dataDir, 'export-billing.onnx');
  process.env.FAKE_YOLO_EPOCH_MS = '300';
  await writeFile(process.env.FAKE_YOLO_ONNX, onnx);
});
afterAll(() => platform?.stop());

const finished = (training: { status: string }) => !['queued', 'running'].includes(training.status);

async function start(account: TestAccount, setup: { modelId: string; datasetId: string }, gpuType: string, epochs: number) {
  return api(platform, account.apiKey, 'POST', '/api/training/start', { ...setup, epochs, imageSize: 64, gpuType });
}

/** The entries of one training job in the account's ledger, oldest first. */
async function jobEntries(account: TestAccount, jobId: string) {
  return (await ledgerOf(platform, account.apiKey)).filter((entry) => entry.resourceId === jobId).reverse();
}

describe('a training run', () => {
  it('holds a reservation of its estimate while it runs, then is charged its real cost', async () => {
    const alice = await createAccount(platform, 'pro');
    const setup = await trainingSetup(platform, alice.apiKey);
    const before = await balanceOf(platform, alice.apiKey);
    const images = (await api(platform, alice.apiKey, 'GET', `/api/datasets/${setup.datasetId}`)).body.data.imageCount as number;

    const started = await start(alice, setup, 'bill-cpu', 4);
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    // 60 s to start + 4 epochs x (2 s + images x 0.1 s x (64/640)^2), at $0.10 an hour, rounded up.
    const estimate = Math.ceil(((60 + 4 * (2 + images * 0.1 * 0.01)) * CPU_PRICE) / 3600);
    expect(started.body.data.estimatedCostMicroUsd).toBe(estimate);
    await expect
      .poll(() => balanceOf(platform, alice.apiKey), { timeout: 10_000, interval: 20 })
      .toMatchObject({ reservedAmount: estimate, availableBalance: before.totalBalance - estimate, totalBalance: before.totalBalance });

    const done = await waitForTraining(platform, alice.apiKey, setup.modelId, finished);
    expect(done.status).toBe('completed');
    expect(done.gpuSeconds).toBeGreaterThan(0);
    expect(done.costMicroUsd).toBe(Math.round((done.gpuSeconds * CPU_PRICE) / 3600));
    expect(done.costMicroUsd).toBeGreaterThan(0);
    await expect
      .poll(() => balanceOf(platform, alice.apiKey), { timeout: 10_000 })
      .toMatchObject({ reservedAmount: 0, totalBalance: before.totalBalance - done.costMicroUsd });

    expect(await jobEntries(alice, done.id)).toMatchObject([
      { kind: 'reservation', amount: 0, reservedAmount: estimate },
      { kind: 'charge', type: 'Training', amount: -done.costMicroUsd, reservedAmount: -estimate },
    ]);
    await expectLedgerToAddUp(platform, alice.apiKey);
    const summary = (await api(platform, alice.apiKey, 'GET', '/api/billing/usage-summary')).body.data.usage;
    expect(summary.trainingByGpuType).toEqual([
      { gpuType: 'bill-cpu', seconds: done.gpuSeconds, hours: done.gpuSeconds / 3600, costMicroUsd: done.costMicroUsd },
    ]);
  });

  it('is charged nothing when cancelled: its reservation is released', async () => {
    const bob = await createAccount(platform, 'pro');
    const setup = await trainingSetup(platform, bob.apiKey);
    const before = await balanceOf(platform, bob.apiKey);
    expect((await start(bob, setup, 'bill-cpu', 100)).status).toBe(201);
    const running = await waitForTraining(platform, bob.apiKey, setup.modelId, (t) => t.status === 'running' && t.epoch >= 1);
    const cancelled = await api(platform, bob.apiKey, 'DELETE', `/api/models/${setup.modelId}/training`);
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', costMicroUsd: 0 });
    await expect.poll(() => balanceOf(platform, bob.apiKey), { timeout: 10_000 }).toEqual(before);
    expect((await jobEntries(bob, running.id)).map((entry) => [entry.kind, entry.amount])).toEqual([
      ['reservation', 0],
      ['release', 0],
    ]);
    await expectLedgerToAddUp(platform, bob.apiKey);
  });

  it('is charged nothing, and costs 0, when its trainer never started', async () => {
    const carol = await createAccount(platform, 'pro');
    const setup = await trainingSetup(platform, carol.apiKey);
    const before = await balanceOf(platform, carol.apiKey);
    const { runtime } = platform.platform.subgraphs;
    const broken = startTrainingWorker({ ...runtime, config: { ...runtime.config, ultralyticsCli: '/nonexistent/yolo' } }, ['bill-broken']);
    try {
      await broken.ready;
      expect((await start(carol, setup, 'bill-broken', 3)).status).toBe(201);
      const failed = await waitForTraining(platform, carol.apiKey, setup.modelId, finished);
      expect(failed).toMatchObject({
        status: 'failed',
        gpuSeconds: 0,
        costMicroUsd: 0,
        error: expect.stringMatching(/could not be started/),
      });
      await expect.poll(() => balanceOf(platform, carol.apiKey), { timeout: 10_000 }).toEqual(before);
      expect((await jobEntries(carol, failed.id)).map((entry) => entry.kind)).toEqual(['reservation', 'release']);
    } finally {
      await broken.stop();
    }
  });

  it('is charged nothing when the trainer fails, though its GPU time is shown', async () => {
    const dave = await createAccount(platform, 'pro');
    const setup = await trainingSetup(platform, dave.apiKey);
    const before = await balanceOf(platform, dave.apiKey);
    process.env.FAKE_YOLO_FAIL_AT_EPOCH = '2';
    try {
      expect((await start(dave, setup, 'bill-cpu', 5)).status).toBe(201);
      const failed = await waitForTraining(platform, dave.apiKey, setup.modelId, finished);
      expect(failed).toMatchObject({ status: 'failed', costMicroUsd: 0, error: expect.stringMatching(/CUDA out of memory/) });
      expect(failed.gpuSeconds).toBeGreaterThan(0);
      await expect.poll(() => balanceOf(platform, dave.apiKey), { timeout: 10_000 }).toEqual(before);
    } finally {
      delete process.env.FAKE_YOLO_FAIL_AT_EPOCH;
    }
  });
});

/** An account holding exactly `microUsd` (enterprise: no plan credit, and a rate limit polling never reaches). */
async function accountWith(microUsd: number): Promise<TestAccount> {
  const account = await createAccount(platform, 'enterprise');
  await cli(platform, 'credits', 'add', '--user', account.userId, '--amount', String(microUsd));
  await caughtUp(platform);
  return account;
}

describe('starting with too little balance', () => {
  it('is refused with a clear error and nothing is queued; funded, it starts', async () => {
    const erin = await accountWith(5_000_000);
    const setup = await trainingSetup(platform, erin.apiKey);
    const refused = await start(erin, setup, 'bill-gold', 3);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: expect.stringMatching(/^Insufficient balance: the training is estimated at \$\d+\.\d\d, your available balance is \$5\.00/),
      details: { estimatedCostMicroUsd: expect.any(Number), availableMicroUsd: 5_000_000 },
    });
    expect((await api(platform, erin.apiKey, 'GET', `/api/models/${setup.modelId}/training`)).status).toBe(404);
    expect((await ledgerOf(platform, erin.apiKey)).map((entry) => entry.kind)).toEqual(['adjustment']);

    await cli(platform, 'credits', 'add', '--user', erin.userId, '--amount', '20000000');
    await expect.poll(async () => (await start(erin, setup, 'bill-gold', 3)).status, { timeout: 10_000, interval: 200 }).toBe(201);
    await api(platform, erin.apiKey, 'DELETE', `/api/models/${setup.modelId}/training`);
    await expect
      .poll(() => balanceOf(platform, erin.apiKey), { timeout: 10_000 })
      .toMatchObject({ reservedAmount: 0, totalBalance: 25_000_000 });
  });

  it('lets only as many starts through as the balance covers, also at the same time', async () => {
    const frank = await accountWith(25_000_000); // one gold run (about $18.40), not two
    const [first, second] = await Promise.all([trainingSetup(platform, frank.apiKey), trainingSetup(platform, frank.apiKey)]);
    const answers = await Promise.all([start(frank, first, 'bill-gold', 3), start(frank, second, 'bill-gold', 3)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 400]);
    const accepted = answers[0]!.status === 201 ? first : second;
    await api(platform, frank.apiKey, 'DELETE', `/api/models/${accepted.modelId}/training`);
  });

  it("is refused by billing, the authority, when training's view of the balance was wrong: the job fails, nothing runs", async () => {
    const grace = await accountWith(5_000_000);
    const setup = await trainingSetup(platform, grace.apiKey);
    // Training's view says $1,000,000 (as if an announcement were wrong); billing knows the real $5.
    const wrong = {
      cashBalance: 0,
      creditBalance: 0,
      reservedAmount: 0,
      totalBalance: 1e12,
      availableBalance: 1e12,
      sequence: 1e9,
      kind: 'test',
    };
    await publish(platform, BalanceChanged, grace.userId, wrong);
    expect((await start(grace, setup, 'bill-gold', 3)).status).toBe(201);
    const failed = await waitForTraining(platform, grace.apiKey, setup.modelId, finished);
    expect(failed).toMatchObject({ status: 'failed', attempts: 0, startedAt: null, gpuSeconds: 0, costMicroUsd: 0 });
    expect(failed.error).toMatch(/^Insufficient balance: the training is estimated at .*your available balance is \$5\.00/);
    expect((await ledgerOf(platform, grace.apiKey)).map((entry) => entry.kind)).toEqual(['adjustment']);
  });
});

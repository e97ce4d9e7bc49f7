import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTrainingWorker } from '../../subgraphs/training/worker/worker.js';
import { TrainingQueue, type ClaimedJob } from '../../subgraphs/training/worker/queue.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, type TestAccount, type TestPlatform, startTestPlatform } from '../support/platform.js';
import { spawnBin } from '../support/processes.js';
import { declareBusyWorker, FAKE_YOLO, trainingSetup, waitForTraining } from './support.js';

const LEASE_MS = 2000;
let platform: TestPlatform;
let alice: TestAccount;
let pidFile: string;

beforeAll(async () => {
  // The built-in worker serves recovery-cpu only; the other GPU types are served by the workers each test starts.
  // GPU names of this file's own keep other test platforms sharing the PostgreSQL database from claiming its jobs.
  platform = await startTestPlatform({
    ULTRALYTICS_CLI: FAKE_YOLO,
    GPU_TYPES_JSON: JSON.stringify({ 'recovery-cpu': 100_000, 'recovery-a': 1_000_000, 'recovery-b': 1_000_000, 'recovery-c': 1_000_000 }),
    WORKER_GPU_TYPES: 'recovery-cpu',
    TRAINING_LEASE_MS: String(LEASE_MS),
    TRAINING_HEARTBEAT_MS: '300',
  });
  pidFile = path.join(platform.config.dataDir, 'trainer-recovery.pid');
  process.env.FAKE_YOLO_PID_FILE = pidFile;
  process.env.FAKE_YOLO_EPOCH_MS = '300';
  process.env.FAKE_YOLO_ONNX = path.join(platform.config.dataDir, 'export-recovery.onnx');
  const onnx = buildOnnxModel({
    task: 'detect',
    names: ['a', 'b'],
    imgsz: [64, 64],
    outputs: [{ name: 'output0', ...channelMajor([[32, 32, 8, 8, 0.9, 0.1]]) }],
  });
  await writeFile(process.env.FAKE_YOLO_ONNX, onnx);
  alice = await createAccount(platform);
});
afterAll(() => platform?.stop());

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Starts a job; a GPU type the built-in worker does not serve gets a live worker for the moment of the start. */
async function startJob(gpuType: string, epochs: number): Promise<{ modelId: string }> {
  const { modelId, datasetId } = await trainingSetup(platform, alice.apiKey);
  const presence = gpuType === 'recovery-cpu' ? undefined : await declareBusyWorker(platform, [gpuType]);
  try {
    const started = await api(platform, alice.apiKey, 'POST', '/api/training/start', {
      modelId,
      datasetId,
      epochs,
      imageSize: 64,
      gpuType,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
  } finally {
    await presence?.stop();
  }
  return { modelId };
}

/** A worker that claims a job and dies on the spot: no heartbeat, no trainer, nothing more. */
async function claimAsDeadWorker(gpuType: string): Promise<ClaimedJob> {
  const { db, events } = platform.platform.subgraphs.runtime;
  const queue = new TrainingQueue(db, events, `dead-${gpuType}-${Date.now()}`, LEASE_MS);
  let job: ClaimedJob | undefined;
  // Claimable once the catalog has written the dataset snapshot.
  await expect.poll(async () => (job = await queue.claim([gpuType])), { timeout: 10_000, interval: 100 }).toBeDefined();
  return job!;
}

it('cancels a running training: the trainer process is gone within seconds and the job stays cancelled', async () => {
  const { modelId } = await startJob('recovery-cpu', 100);
  await waitForTraining(platform, alice.apiKey, modelId, (training) => training.status === 'running' && training.epoch >= 1);
  const pid = Number(await readFile(pidFile, 'utf8'));
  expect(isAlive(pid)).toBe(true);

  const cancelled = await api(platform, alice.apiKey, 'DELETE', `/api/models/${modelId}/training`);
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.data.status).toBe('cancelled');
  const askedAt = Date.now();
  await expect.poll(() => isAlive(pid), { timeout: 8_000, interval: 50 }).toBe(false);
  expect(Date.now() - askedAt).toBeLessThan(6_000);

  const epoch = (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data.epoch;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data;
  expect(after).toMatchObject({ status: 'cancelled', epoch });
});

it('takes back the job of a worker that stopped heartbeating and runs it again to completion', async () => {
  const { modelId } = await startJob('recovery-a', 2);
  const claimed = await claimAsDeadWorker('recovery-a');
  expect(claimed.attempts).toBe(1);
  expect((await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data.status).toBe('running');

  const healthy = startTrainingWorker(platform.platform.subgraphs.runtime, ['recovery-a']);
  try {
    const done = await waitForTraining(
      platform,
      alice.apiKey,
      modelId,
      (training) => !['queued', 'running'].includes(training.status),
      30_000,
    );
    expect(done).toMatchObject({ status: 'completed', attempts: 2, epoch: 2 });
  } finally {
    await healthy.stop();
  }
});

it('fails a job whose worker died twice, with the reason, instead of leaving it running', async () => {
  const { modelId } = await startJob('recovery-b', 2);
  await claimAsDeadWorker('recovery-b');
  await waitForTraining(platform, alice.apiKey, modelId, (training) => training.status === 'queued' && training.attempts === 1, 15_000);
  await claimAsDeadWorker('recovery-b');
  const failed = await waitForTraining(platform, alice.apiKey, modelId, (training) => training.status === 'failed', 15_000);
  expect(failed).toMatchObject({ attempts: 2, error: expect.stringMatching(/worker stopped responding 2 times/) });
});

describe.runIf(inject('databaseUrl'))('a separate worker process (PostgreSQL)', () => {
  it('is killed mid-run; its job is taken back and completed by another worker', async () => {
    const worker = await spawnBin(
      'worker.ts',
      [],
      {
        DATABASE_URL: platform.config.databaseUrl!,
        DATA_DIR: platform.config.dataDir,
        ULTRALYTICS_CLI: FAKE_YOLO,
        GPU_TYPES_JSON: JSON.stringify({
          'recovery-cpu': 100_000,
          'recovery-a': 1_000_000,
          'recovery-b': 1_000_000,
          'recovery-c': 1_000_000,
        }),
        WORKER_GPU_TYPES: 'recovery-c',
        TRAINING_LEASE_MS: String(LEASE_MS),
        TRAINING_HEARTBEAT_MS: '300',
      },
      /Training worker .* serving recovery-c/,
    );
    const { modelId } = await startJob('recovery-c', 8);
    await waitForTraining(platform, alice.apiKey, modelId, (training) => training.status === 'running' && training.epoch >= 1);
    const orphan = Number(await readFile(pidFile, 'utf8'));
    worker.child.kill('SIGKILL');
    // The trainer outlives its worker only until its next epoch; the job waits for its lease to run out.
    await expect.poll(() => isAlive(orphan), { timeout: 5_000 }).toBe(false);
    await waitForTraining(platform, alice.apiKey, modelId, (training) => training.status === 'queued' && training.attempts === 1, 15_000);

    const healthy = startTrainingWorker(platform.platform.subgraphs.runtime, ['recovery-c']);
    try {
      const done = await waitForTraining(
        platform,
        alice.apiKey,
        modelId,
        (training) => !['queued', 'running'].includes(training.status),
        30_000,
      );
      expect(done).toMatchObject({ status: 'completed', attempts: 2, epoch: 8 });
    } finally {
      await healthy.stop();
    }
  });
});

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TrainingProgressDocument, type TrainingProgressSubscription } from '../generated/graphql.js';
import { hubPredict } from '../inference/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, type TestAccount, type TestPlatform, startTestPlatform } from '../support/platform.js';
import { FAKE_YOLO, trainingSetup, waitForTraining } from './support.js';

let platform: TestPlatform;
let alice: TestAccount;
let bob: TestAccount;
const clients: Client[] = [];

beforeAll(async () => {
  // A GPU name of this file's own: test platforms sharing the PostgreSQL database never claim its jobs.
  platform = await startTestPlatform({
    ULTRALYTICS_CLI: FAKE_YOLO,
    GPU_TYPES_JSON: JSON.stringify({ 'train-cpu': 100_000 }),
    TRAINING_HEARTBEAT_MS: '300',
    TRAINING_LEASE_MS: '3000',
  });
  // What `yolo export` "produces": a detect model of the dataset's classes that always sees one `a`.
  const onnx = buildOnnxModel({
    task: 'detect',
    names: ['a', 'b'],
    imgsz: [64, 64],
    outputs: [{ name: 'output0', ...channelMajor([[32, 32, 20, 10, 0.9, 0.1]]) }],
  });
  process.env.FAKE_YOLO_ONNX = path.join(platform.config.dataDir, 'export-train.onnx');
  process.env.FAKE_YOLO_EPOCH_MS = '200';
  await writeFile(process.env.FAKE_YOLO_ONNX, onnx);
  [alice, bob] = await Promise.all([createAccount(platform), createAccount(platform)]);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await platform?.stop();
});

type Progress = TrainingProgressSubscription['trainingProgress'];

/** Subscribes to a model's training through the gateway's WebSocket, as a browser would. */
function subscribe(key: string, modelId: string) {
  const received: Progress[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': key },
    retryAttempts: 0,
  });
  clients.push(client);
  client.subscribe<TrainingProgressSubscription>(
    { query: print(TrainingProgressDocument), variables: { modelId } },
    {
      next: (result) => (result.data ? received.push(result.data.trainingProgress) : errors.push(result.errors)),
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { received, errors };
}

it('trains: queued -> running -> an event per epoch over the subscription -> completed -> the model predicts', async () => {
  const { modelId, datasetId } = await trainingSetup(platform, alice.apiKey);
  const live = subscribe(alice.apiKey, modelId);
  const intruder = subscribe(bob.apiKey, modelId);
  // The subscription is live once the gateway has checked it (key, document, cost) and connected upstream; nothing
  // tells the client when, so give it that moment, with room for a loaded machine (1 s was too short on PostgreSQL).
  await new Promise((resolve) => setTimeout(resolve, 3000));

  const started = await api(platform, alice.apiKey, 'POST', '/api/training/start', {
    modelId,
    datasetId,
    epochs: 3,
    imageSize: 64,
    gpuType: 'train-cpu',
  });
  expect(started.status).toBe(201);
  expect(started.body.data.status).toBe('queued');
  const running = await waitForTraining(platform, alice.apiKey, modelId, (training) => training.status === 'running');
  expect(running.startedAt).toEqual(expect.any(String));

  const done = await waitForTraining(
    platform,
    alice.apiKey,
    modelId,
    (training) => training.status !== 'running' && training.status !== 'queued',
  );
  expect(done).toMatchObject({ status: 'completed', epoch: 3, epochs: 3, progress: 1, attempts: 1, error: null, secondsLeft: null });
  expect(done.history.map((epoch: { epoch: number }) => epoch.epoch)).toEqual([1, 2, 3]);
  expect(done.metrics).toMatchObject({ epoch: 3, precision: 0.9, recall: 0.9, mAP50: 0.9, mAP50_95: 0.9, top1: null, secondsLeft: 0 });
  expect(Object.keys(done.metrics.losses)).toEqual(['box_loss', 'cls_loss', 'dfl_loss']);
  expect(done.metrics.metrics['metrics/mAP50(B)']).toBe(0.9);
  expect(done.gpuSeconds).toBeGreaterThan(0);
  expect(done.costMicroUsd).toBe(Math.round((done.gpuSeconds * 100_000) / 3600));

  await expect.poll(() => live.received.map((event) => event.type), { timeout: 10_000 }).toContain('training.completed');
  const types = live.received.map((event) => event.type);
  expect(types).toEqual([
    'training.requested',
    'training.started',
    'training.epoch',
    'training.epoch',
    'training.epoch',
    'training.completed',
  ]);
  const epochs = live.received.filter((event) => event.type === 'training.epoch');
  expect(epochs.map((event) => [event.status, event.epoch, event.epochs])).toEqual([
    ['running', 1, 3],
    ['running', 2, 3],
    ['running', 3, 3],
  ]);
  expect(epochs[0]!.metrics).toMatchObject({
    epoch: 1,
    losses: [{ name: 'box_loss', value: expect.any(Number) }, expect.anything(), expect.anything()],
  });
  expect(epochs[0]!.secondsLeft).toBeGreaterThan(0);
  expect(live.errors).toEqual([]);
  // Another account cannot follow it.
  expect(intruder.received).toEqual([]);
  expect(JSON.stringify(intruder.errors)).toContain('NOT_FOUND');

  // The catalog attaches best.pt and best.onnx; the inference subgraph serves the new export.
  await expect
    .poll(async () => (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}`)).body.data, { timeout: 10_000 })
    .toMatchObject({ status: 'ready', servable: true, task: 'detect', classNames: ['a', 'b'], datasetId });
  const model = await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}`);
  expect(model.body.data.files.map((file: { format: string; name: string }) => `${file.format}:${file.name}`).sort()).toEqual([
    'onnx:best.onnx',
    'pt:best.pt',
  ]);
  const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
  await expect
    .poll(async () => (await hubPredict(platform, alice.apiKey, { model: modelId }, { name: 'image.png', bytes: image })).status, {
      timeout: 10_000,
    })
    .toBe(200);
  const predicted = await hubPredict(platform, alice.apiKey, { model: modelId }, { name: 'image.png', bytes: image });
  expect(predicted.body.images[0].results).toEqual([{ name: 'a', class: 0, confidence: 0.9, box: { x1: 22, y1: 27, x2: 42, y2: 37 } }]);
});

it('fails with the tail of the trainer output when the trainer exits non-zero', async () => {
  const { modelId, datasetId } = await trainingSetup(platform, alice.apiKey);
  process.env.FAKE_YOLO_FAIL_AT_EPOCH = '2';
  try {
    await api(platform, alice.apiKey, 'POST', '/api/training/start', {
      modelId,
      datasetId,
      epochs: 5,
      imageSize: 64,
      gpuType: 'train-cpu',
    });
    const failed = await waitForTraining(platform, alice.apiKey, modelId, (training) => training.status === 'failed');
    expect(failed.error).toMatch(/CUDA out of memory at epoch 2/);
    expect(failed.epoch).toBe(1);
    expect(failed.finishedAt).toEqual(expect.any(String));
  } finally {
    delete process.env.FAKE_YOLO_FAIL_AT_EPOCH;
  }
});

it('refuses a subscription to a model the caller does not own', async () => {
  const { received, errors } = subscribe(bob.apiKey, `model_${'0'.repeat(20)}`);
  await expect.poll(() => errors.length, { timeout: 10_000 }).toBeGreaterThan(0);
  expect(JSON.stringify(errors)).toContain('NOT_FOUND');
  expect(received).toEqual([]);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GpuTypesDocument } from '../generated/graphql.js';
import { uploadModel } from '../inference/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, graphql, type TestAccount, type TestPlatform, startTestPlatform } from '../support/platform.js';
import { declareBusyWorker, FAKE_YOLO, trainingSetup } from './support.js';

let platform: TestPlatform;
let alice: TestAccount;
let bob: TestAccount;
let aliceSetup: { modelId: string; datasetId: string; projectId: string };
let bobSetup: { modelId: string; datasetId: string };
let busy: { stop(): Promise<void> };

beforeAll(async () => {
  // The built-in worker serves only start-gpu; start-cpu is served by a worker that is busy elsewhere, so jobs started
  // here on start-cpu stay queued; start-none has no worker at all. GPU names of this file's own keep other test
  // platforms sharing the PostgreSQL database from claiming them.
  platform = await startTestPlatform({
    ULTRALYTICS_CLI: FAKE_YOLO,
    GPU_TYPES_JSON: JSON.stringify({ 'start-cpu': 100_000, 'start-gpu': 690_000, 'start-none': 690_000 }),
    WORKER_GPU_TYPES: 'start-gpu',
  });
  busy = await declareBusyWorker(platform, ['start-cpu']);
  [alice, bob] = await Promise.all([createAccount(platform), createAccount(platform)]);
  [aliceSetup, bobSetup] = await Promise.all([trainingSetup(platform, alice.apiKey), trainingSetup(platform, bob.apiKey)]);
});
afterAll(async () => {
  await busy?.stop();
  await platform?.stop();
});

const start = (key: string | undefined, body: unknown) => api(platform, key, 'POST', '/api/training/start', body);
const valid = () => ({ modelId: aliceSetup.modelId, datasetId: aliceSetup.datasetId, epochs: 3, imageSize: 64, gpuType: 'start-cpu' });

describe('POST /api/training/start refuses bad requests with the envelope', () => {
  it('401 without a key, 403 without the training scope', async () => {
    expect((await start(undefined, valid())).body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    const key = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { name: 'no-training', scopes: ['models'] });
    const refused = await start(key.body.data.key, valid());
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it.each([
    ['missing modelId', { modelId: undefined }],
    ['missing datasetId', { datasetId: undefined }],
    ['epochs 0', { epochs: 0 }],
    ['epochs 1001', { epochs: 1001 }],
    ['fractional epochs', { epochs: 2.5 }],
    ['epochs as text', { epochs: '10' }],
    ['imageSize 0', { imageSize: 0 }],
    ['imageSize 1312', { imageSize: 1312 }],
    ['imageSize not a multiple of 32', { imageSize: 100 }],
    ['unknown gpuType', { gpuType: 'tpu-v9' }],
    ['a gpuType no live worker serves', { gpuType: 'start-none' }],
  ])('400 VALIDATION_ERROR: %s', async (_name, change) => {
    const response = await start(alice.apiKey, { ...valid(), ...change });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    expect(response.body.error.message).toEqual(expect.any(String));
  });

  it("404 for an unknown or another account's model or dataset; 400 for a malformed id", async () => {
    for (const change of [{ modelId: 'model_unknown' }, { datasetId: 'dataset_unknown' }]) {
      const response = await start(alice.apiKey, { ...valid(), ...change });
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_ERROR',
        message: expect.stringMatching(/^Invalid (model|dataset) ID$/),
      });
    }
    for (const change of [
      { modelId: `model_${'0'.repeat(20)}` },
      { datasetId: `dataset_${'0'.repeat(20)}` },
      { modelId: bobSetup.modelId },
      { datasetId: bobSetup.datasetId },
    ]) {
      const response = await start(alice.apiKey, { ...valid(), ...change });
      expect(response.status, JSON.stringify(change)).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }
  });

  it('400 when the dataset is for another task, or empty', async () => {
    const segment = await api(platform, alice.apiKey, 'POST', '/api/datasets', { name: 'masks', task: 'segment' });
    const detectEmpty = await api(platform, alice.apiKey, 'POST', '/api/datasets', { name: 'empty', task: 'detect' });
    await platform.platform.subgraphs.events.settle();
    const mismatch = await start(alice.apiKey, { ...valid(), datasetId: segment.body.data.id });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toMatch(/segment/);
    const empty = await start(alice.apiKey, { ...valid(), datasetId: detectEmpty.body.data.id });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/no images/);
  });

  it('400 for a model with neither an architecture nor .pt weights (an ONNX upload)', async () => {
    const onnx = buildOnnxModel({
      task: 'detect',
      names: ['a', 'b'],
      imgsz: [64, 64],
      outputs: [{ name: 'output0', ...channelMajor([[32, 32, 8, 8, 0.9, 0.1]]) }],
    });
    const modelId = await uploadModel(platform, alice.apiKey, 'exported.onnx', Buffer.from(onnx));
    const response = await start(alice.apiKey, { ...valid(), modelId });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/architecture/);
  });
});

describe('a queued training', () => {
  it('is created, shown to its owner only, refused a second time, and cancelled', async () => {
    const started = await start(alice.apiKey, valid());
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      success: true,
      data: {
        modelId: aliceSetup.modelId,
        datasetId: aliceSetup.datasetId,
        status: 'queued',
        epoch: 0,
        epochs: 3,
        imageSize: 64,
        gpuType: 'start-cpu',
        costMicroUsd: 0,
      },
    });
    expect(started.body.data.id).toMatch(/^training_/);

    const again = await start(alice.apiKey, valid());
    expect(again.status).toBe(400);
    expect(again.body.error.message).toMatch(/already training/);

    const shown = await api(platform, alice.apiKey, 'GET', `/api/models/${aliceSetup.modelId}/training`);
    expect(shown.body.data).toMatchObject({ id: started.body.data.id, status: 'queued', history: [], metrics: null });
    for (const [method, route] of [
      ['GET', `/api/models/${aliceSetup.modelId}/training`],
      ['DELETE', `/api/models/${aliceSetup.modelId}/training`],
      ['GET', `/api/models/${bobSetup.modelId}/training`],
    ] as const) {
      const response = await api(platform, bob.apiKey, method, route);
      expect(response.status, `${method} ${route}`).toBe(404);
      expect(response.body.error.code).toBe('NOT_FOUND');
    }

    const cancelled = await api(platform, alice.apiKey, 'DELETE', `/api/models/${aliceSetup.modelId}/training`);
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', finishedAt: expect.any(String) });
    const twice = await api(platform, alice.apiKey, 'DELETE', `/api/models/${aliceSetup.modelId}/training`);
    expect(twice.status).toBe(400);
    expect(twice.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('lists the configured GPU types with their hourly prices', async () => {
    const { data } = await graphql(platform, alice.apiKey, GpuTypesDocument);
    expect(data?.gpuTypes).toEqual([
      { name: 'start-cpu', hourlyPriceMicroUsd: 100_000 },
      { name: 'start-gpu', hourlyPriceMicroUsd: 690_000 },
      { name: 'start-none', hourlyPriceMicroUsd: 690_000 },
    ]);
  });

  it('lists what is available now: GPU types a live worker serves', async () => {
    const response = await api(platform, alice.apiKey, 'GET', '/api/training/gpu-availability');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([
      { gpuType: 'start-cpu', hourlyPriceMicroUsd: 100_000, workers: 1, idleWorkers: 1, available: true },
      { gpuType: 'start-gpu', hourlyPriceMicroUsd: 690_000, workers: 1, idleWorkers: 1, available: true },
      { gpuType: 'start-none', hourlyPriceMicroUsd: 690_000, workers: 0, idleWorkers: 0, available: false },
    ]);
    const refused = await start(alice.apiKey, { ...valid(), gpuType: 'start-none' });
    expect(refused.body.error.message).toMatch(/No worker serves gpuType start-none right now; available now: start-cpu, start-gpu/);
    expect((await api(platform, undefined, 'GET', '/api/training/gpu-availability')).status).toBe(401);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../catalog/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, graphql, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { TrainingLogDocument } from '../generated/graphql.js';
import { call, datasetWithImages, epochData, report, startedData, TORCH_BYTES } from './support.js';

/**
 * The Ultralytics client's routes (`/api/webhooks/...`, protocol §5) exercised the way the client calls them, status
 * by status; the real client runs against them in ultralytics-client.test.ts.
 */

let platform: TestPlatform;
let alice: TestAccount;
let bob: TestAccount;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

beforeAll(async () => {
  platform = await startTestPlatform();
  [alice, bob] = await Promise.all([
    createAccount(platform, 'pro', `alice-${unique()}`),
    createAccount(platform, 'pro', `bob-${unique()}`),
  ]);
});
afterAll(() => platform?.stop());

describe('ul://<username>/datasets/<slug>: /api/webhooks/datasets/{username}/{slug}/export', () => {
  it('answers HEAD and GET with a 302 to a signed <slug>.ndjson the client downloads without a key, Content-Length right', async () => {
    const dataset = await datasetWithImages(platform, alice.apiKey, `Shapes ${unique()}`);
    const route = `/api/webhooks/datasets/${alice.username}/${dataset.slug}/export`;
    for (const method of ['HEAD', 'GET']) {
      const answer = await call(platform, alice.apiKey, method, route);
      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get('location')!);
      expect(location.origin).toBe(platform.url);
      expect(location.pathname.endsWith(`/${dataset.slug}.ndjson`)).toBe(true);
    }
    const location = (await call(platform, alice.apiKey, 'GET', route)).headers.get('location')!;
    const download = await fetch(location);
    expect(download.status).toBe(200);
    const text = await download.text();
    expect(Number(download.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    const [header, ...images] = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(header).toMatchObject({ type: 'dataset', task: 'detect', name: dataset.slug, class_names: { 0: 'a', 1: 'b' } });
    expect(images).toHaveLength(5);
    // Images are fetched by plain GET, no key (aiohttp in the client).
    const image = await fetch(images[0].url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers 404 for another username, an unknown slug, or another account asking; 409 while it has no images', async () => {
    const dataset = await datasetWithImages(platform, alice.apiKey, `private ${unique()}`);
    const cases: Array<[string, string]> = [
      [alice.apiKey, `/api/webhooks/datasets/${bob.username}/${dataset.slug}/export`],
      [alice.apiKey, `/api/webhooks/datasets/${alice.username}/no-such-dataset/export`],
      [bob.apiKey, `/api/webhooks/datasets/${alice.username}/${dataset.slug}/export`],
    ];
    for (const [key, route] of cases) {
      const answer = await call(platform, key, 'GET', route);
      expect(answer.status).toBe(404);
      expect(typeof answer.body.error).toBe('string');
      expect(JSON.stringify(answer.body)).not.toContain(dataset.id);
    }
    const empty = await api(platform, alice.apiKey, 'POST', '/api/datasets', { name: `empty ${unique()}`, task: 'detect' });
    const notReady = await call(platform, alice.apiKey, 'GET', `/api/webhooks/datasets/${alice.username}/${empty.body.data.slug}/export`);
    expect(notReady.status).toBe(409);
    expect(notReady.body.error).toMatch(/no images/);
  });

  it('answers 401 with {"error"} only for a missing or wrong key, and 403 for a key without the scope', async () => {
    const dataset = await datasetWithImages(platform, alice.apiKey, `scoped ${unique()}`);
    const route = `/api/webhooks/datasets/${alice.username}/${dataset.slug}/export`;
    for (const key of [undefined, 'ul_0000000000000000000000000000000000000000']) {
      const answer = await call(platform, key, 'GET', route);
      expect(answer.status).toBe(401);
      expect(typeof answer.body.error).toBe('string');
    }
    const limited = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { name: 'predict-only', scopes: ['predict'] });
    expect((await call(platform, limited.body.data.key, 'GET', route)).status).toBe(403);
  });
});

describe('ul://<username>/<project>/<model>: /api/webhooks/models/{username}/{project}/{model}/download', () => {
  it('answers 409 while the model has no weights, a 302 to signed .pt weights once it has, 404 when it only has ONNX', async () => {
    const project = await api(platform, alice.apiKey, 'POST', '/api/projects', { name: `Weights ${unique()}` });
    const { id: projectId, slug: projectSlug } = project.body.data;
    const pending = await api(platform, alice.apiKey, 'POST', '/api/models', { projectId, name: 'to train', task: 'detect' });
    const route = (slug: string) => `/api/webhooks/models/${alice.username}/${projectSlug}/${slug}/download`;
    expect((await call(platform, alice.apiKey, 'HEAD', route(pending.body.data.slug))).status).toBe(409);

    const pt = await postForm(platform, alice.apiKey, '/api/models', { projectId, name: 'weights' }, { name: 'w.pt', bytes: TORCH_BYTES });
    expect(pt.status).toBe(201);
    for (const method of ['HEAD', 'GET']) {
      const answer = await call(platform, alice.apiKey, method, route(pt.body.data.slug));
      expect(answer.status).toBe(302);
      expect(new URL(answer.headers.get('location')!).pathname.endsWith('.pt')).toBe(true);
    }
    const bytes = Buffer.from(
      await (await fetch((await call(platform, alice.apiKey, 'GET', route(pt.body.data.slug))).headers.get('location')!)).arrayBuffer(),
    );
    expect(bytes.equals(TORCH_BYTES)).toBe(true);

    const onnx = buildOnnxModel({
      task: 'detect',
      names: ['a'],
      imgsz: [32, 32],
      outputs: [{ name: 'output0', ...channelMajor([[16, 16, 4, 4, 0.9]]) }],
    });
    const exported = await postForm(
      platform,
      alice.apiKey,
      '/api/models',
      { projectId, name: 'onnx only' },
      { name: 'm.onnx', bytes: Buffer.from(onnx) },
    );
    expect(exported.status).toBe(201);
    const onlyOnnx = await call(platform, alice.apiKey, 'GET', route(exported.body.data.slug));
    expect(onlyOnnx.status).toBe(404);
    expect(onlyOnnx.body.error).toMatch(/\.pt/);

    expect((await call(platform, bob.apiKey, 'GET', route(pt.body.data.slug))).status).toBe(404);
    expect(
      (await call(platform, alice.apiKey, 'GET', `/api/webhooks/models/${bob.username}/${projectSlug}/${pt.body.data.slug}/download`))
        .status,
    ).toBe(404);
  });
});

describe('training reported by the user’s machine: /api/webhooks/training/metrics', () => {
  it('registers a run: project made when missing, model slug numbered when taken, linked to the ul:// dataset', async () => {
    const dataset = await datasetWithImages(platform, alice.apiKey, `Train ${unique()}`);
    const projectName = `my-project-${unique()}`;
    const run = { project: `${alice.username}/${projectName}`, name: 'exp' };
    const data = startedData({ data: `ul://${alice.username}/datasets/${dataset.slug}`, epochs: 3 });
    const first = await report(platform, alice.apiKey, 'training_started', data, run);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ modelSlug: 'exp', cancelled: false });
    expect(first.body.modelId).toMatch(/^model_/);
    expect(first.body.runId).toMatch(/^training_/);
    const second = await report(platform, alice.apiKey, 'training_started', data, run);
    expect(second.body.modelSlug).toBe('exp-2');

    const model = (await api(platform, alice.apiKey, 'GET', `/api/models/${first.body.modelId}`)).body.data;
    expect(model).toMatchObject({
      name: 'exp',
      slug: 'exp',
      task: 'detect',
      architecture: 'yolov8n',
      datasetId: dataset.id,
      classNames: ['a', 'b'],
    });
    const project = (await api(platform, alice.apiKey, 'GET', `/api/projects/${model.projectId}`)).body.data;
    expect(project.slug).toBe(projectName);
    const training = (await api(platform, alice.apiKey, 'GET', `/api/models/${first.body.modelId}/training`)).body.data;
    expect(training).toMatchObject({
      id: first.body.runId,
      status: 'running',
      source: 'reported',
      device: 'cpu',
      epochs: 3,
      imageSize: 64,
      datasetId: dataset.id,
      gpuType: 'external',
    });
  });

  it('keeps epochs, console output and results like a platform run; a cancel through the API is the next answer', async () => {
    const run = { project: `${alice.username}/cancel-${unique()}`, name: 'exp' };
    const started = await report(platform, alice.apiKey, 'training_started', startedData({ data: 'coco8.yaml', epochs: 10 }), run);
    const { modelId } = started.body;
    const withModel = { ...run, modelId };

    const epoch = await report(platform, alice.apiKey, 'epoch_end', epochData(0), withModel);
    expect(epoch.status).toBe(200);
    expect(epoch.body).toEqual({});
    expect((await report(platform, alice.apiKey, 'epoch_end', epochData(0), withModel)).status).toBe(200); // sent twice
    for (const chunkId of [2, 1, 2, 4]) {
      const chunk = await report(
        platform,
        alice.apiKey,
        'console_output',
        { chunkId, content: `line ${chunkId}\n`, lineCount: 1 },
        withModel,
      );
      expect(chunk.status).toBe(200);
    }
    let training = (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data;
    expect(training).toMatchObject({ status: 'running', epoch: 1, datasetId: null, gpuSeconds: 0, costMicroUsd: 0 });
    expect(training.history).toHaveLength(1);
    expect(training.metrics).toMatchObject({
      epoch: 1,
      precision: 0.4,
      mAP50_95: 0.12,
      losses: { box_loss: 1.5 },
      valLosses: { box_loss: 1.4 },
    });
    expect(training.metrics.valLosses).not.toHaveProperty('cls_loss'); // null: no value, not zero

    const log = await graphql(platform, alice.apiKey, TrainingLogDocument, { modelId });
    expect(log.data?.trainingLog.map((chunk) => chunk.chunkId)).toEqual([1, 2, 4]);
    expect(log.data?.trainingLog.map((chunk) => chunk.content).join('')).toBe('line 1\nline 2\nline 4\n');

    const cancelled = await api(platform, alice.apiKey, 'DELETE', `/api/models/${modelId}/training`);
    expect(cancelled.body.data.status).toBe('cancelled');
    expect((await report(platform, alice.apiKey, 'epoch_end', epochData(1), withModel)).body).toEqual({ cancelled: true });

    const complete = await report(
      platform,
      alice.apiKey,
      'training_complete',
      {
        results: {
          metrics: { 'metrics/mAP50-95(B)': 0.2, fitness: 0.21 },
          bestEpoch: 0,
          bestFitness: 0.21,
          modelPath: null,
          modelSize: null,
        },
        classNames: ['person', 'car'],
        plots: [
          {
            type: 'confusion_matrix',
            matrix: [
              [1, 0],
              [0, 1],
            ],
          },
        ],
      },
      withModel,
    );
    expect(complete.status).toBe(200);
    training = (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data;
    expect(training.status).toBe('cancelled'); // partial results of a cancelled run, still cancelled
    expect(training.results).toMatchObject({ bestEpoch: 1, bestFitness: 0.21, classNames: ['person', 'car'], metrics: { fitness: 0.21 } });
    expect(training.results.plots).toEqual([
      {
        type: 'confusion_matrix',
        matrix: [
          [1, 0],
          [0, 1],
        ],
      },
    ]);
  });

  it('completes a run at no cost, and answers the client’s edge cases as it expects', async () => {
    const run = { project: `cost-${unique()}`, name: 'train' };
    const { modelId } = (await report(platform, alice.apiKey, 'training_started', startedData({ data: 'coco8.yaml', epochs: 1 }), run))
      .body;
    await report(platform, alice.apiKey, 'epoch_end', epochData(0), { ...run, modelId });
    const done = await report(
      platform,
      alice.apiKey,
      'training_complete',
      { results: { metrics: {}, bestEpoch: 0 }, classNames: null, plots: [] },
      { ...run, modelId },
    );
    expect(done.body).toEqual({});
    const training = (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data;
    expect(training).toMatchObject({ status: 'completed', epoch: 1, gpuType: 'external', gpuSeconds: 0, costMicroUsd: 0 });

    // 8.4.x sends its first console lines before it knows the model: answered, dropped.
    expect((await report(platform, alice.apiKey, 'console_output', { chunkId: 1, content: 'x', lineCount: 1 }, run)).body).toEqual({});
    expect((await report(platform, alice.apiKey, 'checkpoint_saved', { modelPath: 'x' }, { ...run, modelId })).body).toEqual({ ok: true });
    const unknown = await report(platform, alice.apiKey, 'telemetry', {}, run);
    expect(unknown.status).toBe(400);
    expect(typeof unknown.body.error).toBe('string');
    expect((await report(platform, alice.apiKey, 'epoch_end', { epoch: -1, metrics: {} }, { ...run, modelId })).status).toBe(400);
    expect((await report(platform, alice.apiKey, 'epoch_end', epochData(0), run)).status).toBe(400); // no modelId
    // Another account's model is not there for bob.
    expect((await report(platform, bob.apiKey, 'epoch_end', epochData(1), { ...run, modelId })).status).toBe(404);
    const malformed = await fetch(`${platform.url}/api/webhooks/training/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.apiKey}`, 'content-type': 'application/json' },
      body: '{"event": ',
    });
    expect(malformed.status).toBe(400);
    expect(typeof ((await malformed.json()) as { error: unknown }).error).toBe('string');
  });
});

describe('weights: POST /api/webhooks/models/upload and the signed PUT', () => {
  async function reportedModel(): Promise<{ modelId: string; project: string }> {
    const project = `${alice.username}/uploads-${unique()}`;
    const started = await report(platform, alice.apiKey, 'training_started', startedData({ data: 'coco8.yaml', epochs: 1 }), {
      project,
      name: 'exp',
    });
    return { modelId: started.body.modelId, project };
  }

  const put = (url: string, bytes: Buffer) =>
    fetch(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });

  it('hands out a single-use URL; the PUT (no key) makes the bytes the model’s weights, downloadable as ul://', async () => {
    const { modelId, project } = await reportedModel();
    const ticket = await call(platform, alice.apiKey, 'POST', '/api/webhooks/models/upload', {
      filename: 'best.pt',
      modelId,
      project,
      name: 'exp',
    });
    expect(ticket.status).toBe(200);
    expect(ticket.body.uploadUrl.startsWith(`${platform.url}/files/`)).toBe(true);
    expect(ticket.body.gcsPath).toMatch(/^upload_/);
    // The upload URL downloads nothing, and a download URL uploads nothing: their signatures differ.
    expect((await fetch(ticket.body.uploadUrl)).status).toBe(403);

    const uploaded = await put(ticket.body.uploadUrl, TORCH_BYTES);
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toEqual({ ok: true, size: TORCH_BYTES.length });
    const again = await put(ticket.body.uploadUrl, TORCH_BYTES);
    expect(again.status).toBe(403);

    const model = (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}`)).body.data;
    expect(model).toMatchObject({ status: 'ready', format: 'pt', sizeBytes: TORCH_BYTES.length });
    expect(model.files).toEqual([expect.objectContaining({ format: 'pt', name: 'best.pt', size: TORCH_BYTES.length })]);

    const download = await call(
      platform,
      alice.apiKey,
      'GET',
      `/api/webhooks/models/${alice.username}/${project.split('/')[1]}/exp/download`,
    );
    expect(download.status).toBe(302);
    expect((await put(download.headers.get('location')!, TORCH_BYTES)).status).toBe(403);
    expect(Buffer.from(await (await fetch(download.headers.get('location')!)).arrayBuffer()).equals(TORCH_BYTES)).toBe(true);
  });

  it('finds the model by project and name too; refuses other files, forged URLs, and leaves a refused PUT retryable', async () => {
    const { modelId, project } = await reportedModel();
    const byName = await call(platform, alice.apiKey, 'POST', '/api/webhooks/models/upload', { filename: 'last.pt', project, name: 'exp' });
    expect(byName.body.modelId).toBe(modelId);
    expect((await call(platform, alice.apiKey, 'POST', '/api/webhooks/models/upload', { filename: 'best.onnx', modelId })).status).toBe(
      400,
    );
    expect((await call(platform, bob.apiKey, 'POST', '/api/webhooks/models/upload', { filename: 'best.pt', modelId })).status).toBe(404);

    const url = new URL(byName.body.uploadUrl);
    const forged = new URL(url);
    forged.searchParams.set('signature', `${url.searchParams.get('signature')!.slice(0, -2)}AA`);
    expect((await put(forged.toString(), TORCH_BYTES)).status).toBe(403);
    const elsewhere = new URL(url);
    elsewhere.pathname = url.pathname.replace('last.pt', 'other.pt');
    expect((await put(elsewhere.toString(), TORCH_BYTES)).status).toBe(403);

    const notTorch = await put(url.toString(), Buffer.from('not weights at all'));
    expect(notTorch.status).toBe(400);
    expect(((await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}`)).body.data.files as unknown[]).length).toBe(0);
    expect((await put(url.toString(), TORCH_BYTES)).status).toBe(200);
  });
});

describe('GET /api/settings (yolo login)', () => {
  it('answers 200 for a valid key and 401 for another', async () => {
    const ok = await call(platform, alice.apiKey, 'GET', '/api/settings');
    expect(ok.status).toBe(200);
    expect(ok.body.data).toMatchObject({ id: alice.userId, username: alice.username });
    expect((await call(platform, 'ul_ffffffffffffffffffffffffffffffffffffffff', 'GET', '/api/settings')).status).toBe(401);
  });
});

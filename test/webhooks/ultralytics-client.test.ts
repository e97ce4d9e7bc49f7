import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { postForm } from '../catalog/support.js';
import { hubPredict } from '../inference/support.js';
import {
  ModelBySlugDocument,
  TrainingLogDocument,
  TrainingProgressDocument,
  type TrainingProgressSubscription,
} from '../generated/graphql.js';
import { describeWithUltralytics, fixturePath, ULTRALYTICS_PYTHON, ULTRALYTICS_YOLO } from '../support/fixtures.js';
import { api, createAccount, graphql, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

/**
 * The unmodified Ultralytics 8.4.48 client, pointed at the platform with ULTRALYTICS_PLATFORM_URL and
 * ULTRALYTICS_API_KEY (what a user sets on their own machine), trains on a dataset uploaded through our API:
 * `yolo train data=ul://<user>/datasets/<slug> project=<user>/<project> name=exp model=yolov8n.yaml epochs=2 imgsz=64`.
 * Each client call gets settings and working directories of its own, so nothing leaks between runs.
 */

type Progress = TrainingProgressSubscription['trainingProgress'];

let platform: TestPlatform;
let user: TestAccount;
let work: string;
let dataset: { id: string; slug: string; classNames: string[] };
const projectSlug = 'shapes-project';
const clients: Client[] = [];
const running = new Set<ReturnType<typeof spawn>>();
/** What the first run trained, for the steps after it (its ONNX export, loading it back in Python). */
const trained: { modelId?: string } = {};

interface ClientRun {
  cwd: string;
  /** Resolves when the process ends: its exit code and everything it printed. */
  done: Promise<{ code: number | null; output: string; endedAt: number }>;
}

/** Runs the real `yolo` CLI or python as a user would: the platform URL and key in the environment, a fresh config dir. */
async function runClient(command: string, args: string[]): Promise<ClientRun> {
  const cwd = await mkdtemp(path.join(work, 'client-'));
  const configDir = path.join(cwd, 'config');
  await mkdir(configDir); // Ultralytics uses YOLO_CONFIG_DIR only when it exists
  const child = spawn(command, args, {
    cwd,
    env: {
      ...process.env,
      ULTRALYTICS_PLATFORM_URL: platform.url,
      ULTRALYTICS_API_KEY: user.apiKey,
      YOLO_CONFIG_DIR: configDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const done = new Promise<{ code: number | null; output: string; endedAt: number }>((resolve) => {
    child.on('close', (code) => {
      running.delete(child);
      resolve({ code, output, endedAt: Date.now() });
    });
  });
  return { cwd, done };
}

function train(name: string, epochs: number): Promise<ClientRun> {
  return runClient(ULTRALYTICS_YOLO, [
    'train',
    `data=ul://${user.username}/datasets/${dataset.slug}`,
    `project=${user.username}/${projectSlug}`,
    `name=${name}`,
    'model=yolov8n.yaml',
    `epochs=${epochs}`,
    'imgsz=64',
    'batch=16',
    'workers=0',
  ]);
}

/** The model the client's `training_started` made, as soon as it exists. */
async function modelOnceRegistered(slug: string, run: ClientRun, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let ended: unknown;
  void run.done.then((result) => (ended = result));
  while (Date.now() < deadline) {
    const found = await graphql(platform, user.apiKey, ModelBySlugDocument, { project: projectSlug, slug });
    if (found.data?.modelBySlug) return found.data.modelBySlug.id;
    if (ended) throw new Error(`the client ended before registering ${slug}:\n${(ended as { output: string }).output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`model ${slug} never appeared`);
}

/** trainingProgress through the gateway's WebSocket, each message stamped with when it arrived. */
function subscribe(modelId: string) {
  const received: Array<Progress & { at: number }> = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': user.apiKey },
    retryAttempts: 0,
  });
  clients.push(client);
  client.subscribe<TrainingProgressSubscription>(
    { query: print(TrainingProgressDocument), variables: { modelId } },
    {
      next: (result) => (result.data ? received.push({ ...result.data.trainingProgress, at: Date.now() }) : errors.push(result.errors)),
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { received, errors };
}

describeWithUltralytics('the real Ultralytics client trains on the platform (ul:// data, live progress, weights back)', () => {
  beforeAll(async () => {
    platform = await startTestPlatform({ ULTRALYTICS_CLI: ULTRALYTICS_YOLO });
    work = await mkdtemp(path.join(tmpdir(), 'vp-ultralytics-'));
    user = await createAccount(platform, 'pro', `trainer-${Date.now().toString(36)}`);
    const created = await api(platform, user.apiKey, 'POST', '/api/datasets', { name: 'Shapes mini', task: 'detect' });
    const zip = await readFile(fixturePath('datasets', 'shapes-detect-mini.zip'));
    const uploaded = await postForm(
      platform,
      user.apiKey,
      `/api/datasets/${created.body.data.id}/upload`,
      {},
      { name: 'shapes.zip', bytes: zip },
    );
    expect(uploaded.status).toBe(200);
    dataset = { id: created.body.data.id, slug: created.body.data.slug, classNames: uploaded.body.data.classNames };
  });

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await Promise.all(clients.map((client) => client.dispose()));
    await platform?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it(
    'trains: NDJSON through the redirect, epochs live over trainingProgress, best.pt attached to the model',
    { timeout: 300_000 },
    async () => {
      const run = await train('exp', 2);
      const modelId = await modelOnceRegistered('exp', run);
      const live = subscribe(modelId);
      const { code, output, endedAt } = await run.done;
      expect(code, output).toBe(0);

      // The dataset came as <slug>.ndjson from the signed URL the export webhook redirected to.
      expect(output).toContain(`/${dataset.slug}.ndjson`);
      const ndjson = path.join(run.cwd, user.username, 'datasets', dataset.slug, `${dataset.slug}.ndjson`);
      expect(existsSync(ndjson)).toBe(true);
      const header = JSON.parse((await readFile(ndjson, 'utf8')).split('\n')[0]!);
      expect(header).toMatchObject({ type: 'dataset', task: 'detect', name: dataset.slug });

      // Epochs arrived over the subscription while the client was still training, then the completion.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(live.errors).toEqual([]);
      const epochs = live.received.filter((event) => event.type === 'training.epoch');
      // The subscription starts once the model exists (the client's first report), seconds before its first epoch ends.
      expect(epochs.map((event) => event.epoch)).toEqual([1, 2]);
      expect(epochs.at(-1)).toMatchObject({ modelId, epoch: 2, epochs: 2, status: 'running' });
      expect(epochs.every((event) => event.at <= endedAt)).toBe(true);
      expect(epochs.at(-1)!.metrics?.losses.map((loss) => loss.name)).toEqual(expect.arrayContaining(['box_loss', 'cls_loss', 'dfl_loss']));
      expect(live.received.at(-1)).toMatchObject({ type: 'training.completed', status: 'completed' });

      // The run looks like a platform run: status, history, metrics; no GPU charge.
      const training = (await api(platform, user.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data;
      expect(training).toMatchObject({
        status: 'completed',
        source: 'reported',
        epoch: 2,
        epochs: 2,
        datasetId: dataset.id,
        costMicroUsd: 0,
      });
      expect(training.history.map((record: { epoch: number }) => record.epoch)).toEqual([1, 2]);
      expect(training.results.classNames).toEqual(dataset.classNames);
      const log = await graphql(platform, user.apiKey, TrainingLogDocument, { modelId });
      expect(log.data?.trainingLog.map((chunk) => chunk.content).join('')).toContain('Starting training for 2 epochs');

      // best.pt reached the model through the signed upload URL.
      const model = (await api(platform, user.apiKey, 'GET', `/api/models/${modelId}`)).body.data;
      expect(model).toMatchObject({ slug: 'exp', status: 'ready', task: 'detect', classNames: dataset.classNames, datasetId: dataset.id });
      expect(model.files).toEqual([expect.objectContaining({ format: 'pt', name: 'best.pt' })]);
      expect(model.files[0].size).toBeGreaterThan(1_000_000);
      trained.modelId = modelId;
    },
  );

  it(
    'exports the trained weights to ONNX with the real exporter, and the export predicts through the HUB route',
    { timeout: 240_000 },
    async () => {
      expect(trained.modelId).toBeDefined();
      const modelId = trained.modelId!;
      const created = await api(platform, user.apiKey, 'POST', '/api/exports', { modelId, format: 'onnx', imgsz: 64 });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const deadline = Date.now() + 200_000;
      let exported: { status: string; error: string | null; fileName: string | null } | undefined;
      while (Date.now() < deadline) {
        exported = (await api(platform, user.apiKey, 'GET', `/api/exports/${created.body.exportId}`)).body.data;
        if (exported && !['queued', 'running'].includes(exported.status)) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(exported).toMatchObject({ status: 'completed', error: null, fileName: 'exp.onnx' });

      // The ONNX export makes the model servable: the HUB call Ultralytics documents answers with this model's classes.
      await expect
        .poll(async () => (await api(platform, user.apiKey, 'GET', `/api/models/${modelId}`)).body.data, { timeout: 10_000 })
        .toMatchObject({ servable: true, task: 'detect', classNames: dataset.classNames, imageSize: [64, 64] });
      const image = await readFile(fixturePath('images', 'detect-0.jpg'));
      const predicted = await hubPredict(platform, user.apiKey, { model: modelId, conf: '0.01' }, { name: 'detect-0.jpg', bytes: image });
      expect(predicted.status, JSON.stringify(predicted.body)).toBe(200);
      const [answer] = predicted.body.images;
      expect(answer.shape).toEqual([256, 320]);
      expect(answer.speed).toMatchObject({
        preprocess: expect.any(Number),
        inference: expect.any(Number),
        postprocess: expect.any(Number),
      });
      for (const result of answer.results) expect(dataset.classNames).toContain(result.name);
    },
  );

  it('loads the trained weights back in Python: YOLO("ul://<user>/<project>/exp")', { timeout: 180_000 }, async () => {
    expect(trained.modelId).toBeDefined();
    const script = [
      'import json',
      'from ultralytics import YOLO',
      `model = YOLO("ul://${user.username}/${projectSlug}/exp")`,
      'print("RESULT " + json.dumps({"task": model.task, "names": list(model.names.values()), "ckpt": str(model.ckpt_path)}))',
    ].join('\n');
    const run = await runClient(ULTRALYTICS_PYTHON, ['-c', script]);
    const { code, output } = await run.done;
    expect(code, output).toBe(0);
    const result = JSON.parse(/^RESULT (.*)$/m.exec(output)![1]!);
    expect(result).toMatchObject({ task: 'detect', names: dataset.classNames });
    expect(result.ckpt).toBe(path.join('weights', user.username, projectSlug, 'exp', 'best.pt'));
  });

  it('stops a second run cancelled through the API: the next epoch report answers {"cancelled": true}', { timeout: 300_000 }, async () => {
    const run = await train('exp', 50);
    const modelId = await modelOnceRegistered('exp-2', run);
    const deadline = Date.now() + 240_000;
    for (;;) {
      const training = (await api(platform, user.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data;
      if (training?.epoch >= 1) break;
      if (Date.now() > deadline) throw new Error(`no epoch reported: ${JSON.stringify(training)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const cancelled = await api(platform, user.apiKey, 'DELETE', `/api/models/${modelId}/training`);
    expect(cancelled.body.data.status).toBe('cancelled');

    const { code, output } = await run.done;
    expect(code, output).toBe(0);
    expect(output).toContain('Training cancelled from Platform');
    const training = (await api(platform, user.apiKey, 'GET', `/api/models/${modelId}/training`)).body.data;
    expect(training.status).toBe('cancelled');
    expect(training.epoch).toBeLessThan(50);
    // The client still sends its partial results and best.pt, which stay with the cancelled run's model.
    expect(training.results).not.toBeNull();
    const model = (await api(platform, user.apiKey, 'GET', `/api/models/${modelId}`)).body.data;
    expect(model.files.map((file: { name: string }) => file.name)).toEqual(['best.pt']);
  });
});

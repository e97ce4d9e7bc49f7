import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { inspectModel } from '../../runtime/index.js';
import { postForm } from '../catalog/support.js';
import { hubPredict } from '../inference/support.js';
import { fixturePath, SHARED_DIR } from '../support/fixtures.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { predictAt, waitForDeployment } from './support.js';

/**
 * Exports with the real Ultralytics 8.4.48 CLI (../shared/ultralytics, set up by its setup.sh; CI runs it). Without
 * it these tests fail: they never skip.
 */
const YOLO = path.join(SHARED_DIR, 'ultralytics', 'yolo');

let platform: TestPlatform;
let alice: TestAccount;

beforeAll(async () => {
  platform = await startTestPlatform({ ULTRALYTICS_CLI: YOLO, EXPORT_HEARTBEAT_MS: '200', EXPORT_LEASE_MS: '5000' });
  alice = await createAccount(platform);
});
afterAll(() => platform?.stop());

async function uploadWeights(key: string): Promise<string> {
  const project = await api(platform, key, 'POST', '/api/projects', { name: `exports-${Date.now()}` });
  const bytes = await readFile(fixturePath('models', 'shapes-detect.pt'));
  const uploaded = await postForm(
    platform,
    key,
    '/api/models',
    { projectId: project.body.data.id, name: 'shapes-detect.pt' },
    { name: 'shapes-detect.pt', bytes },
  );
  expect(uploaded.status).toBe(201);
  expect(uploaded.body.data).toMatchObject({ format: 'pt', servable: false });
  return uploaded.body.data.id;
}

async function waitForExport(key: string, id: string, done: (exported: any) => boolean, timeoutMs = 120_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await api(platform, key, 'GET', `/api/exports/${id}`);
    last = response.body;
    if (response.status === 200 && done(response.body.data)) return response.body.data;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`export ${id} did not get there in time; last: ${JSON.stringify(last)}`);
}

/** Processes whose command line names `text` (the exporter runs on a file in a folder named after its export). */
async function processesMentioning(text: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text)) found.push(Number(entry));
  }
  return found;
}

it('cancels an export mid-run: the exporter process is stopped, nothing is stored', async () => {
  const modelId = await uploadWeights(alice.apiKey);
  const created = await api(platform, alice.apiKey, 'POST', '/api/exports', { modelId, format: 'onnx', args: { imgsz: 256 } });
  expect(created.status).toBe(201);
  const exportId = created.body.exportId as string;
  await waitForExport(alice.apiKey, exportId, (exported) => exported.status === 'running');
  await expect.poll(() => processesMentioning(exportId), { timeout: 30_000, interval: 20 }).not.toEqual([]);

  const cancelled = await api(platform, alice.apiKey, 'DELETE', `/api/exports/${exportId}`);
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.data).toMatchObject({ id: exportId, status: 'cancelled', deleted: false, downloadUrl: null });
  // The worker learns it at its next heartbeat and kills the exporter with its process group.
  await expect.poll(() => processesMentioning(exportId), { timeout: 10_000, interval: 50 }).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = await api(platform, alice.apiKey, 'GET', `/api/exports/${exportId}`);
  expect(after.body.data).toMatchObject({ status: 'cancelled', error: 'cancelled by its owner', fileName: null, downloadUrl: null });
});

it('fails a format this machine cannot build with the exporter’s own message, not a hang', async () => {
  const modelId = await uploadWeights(alice.apiKey);
  const created = await api(platform, alice.apiKey, 'POST', '/api/exports', { modelId, format: 'openvino', imgsz: 64 });
  expect(created.status).toBe(201);
  const failed = await waitForExport(alice.apiKey, created.body.exportId, (exported) => !['queued', 'running'].includes(exported.status));
  expect(failed.status).toBe('failed');
  expect(failed.error).toMatch(/OpenVINO: export failure .*No module named 'openvino'/);
  expect(failed.downloadUrl).toBeNull();
});

it('exports uploaded .pt weights to ONNX: a signed download, and the model predicts (shared route and a deployment) at once', async () => {
  const modelId = await uploadWeights(alice.apiKey);
  const created = await api(platform, alice.apiKey, 'POST', '/api/exports', { modelId, format: 'onnx', imgsz: 256 });
  expect(created.status).toBe(201);
  expect(created.body.data).toMatchObject({ id: created.body.exportId, modelId, format: 'onnx', status: 'queued', imageSize: 256 });
  const done = await waitForExport(alice.apiKey, created.body.exportId, (exported) => !['queued', 'running'].includes(exported.status));
  expect(done).toMatchObject({ status: 'completed', progress: 1, error: null, fileName: 'shapes-detect.onnx', attempts: 1 });
  expect(done.workerSeconds).toBeGreaterThan(0);
  expect(done.downloadUrl).toMatch(new RegExp(`^${platform.url}/files/.+\\?expires=\\d+&signature=`));

  // The signed link needs no key; the file is an Ultralytics ONNX export of the weights.
  const file = Buffer.from(await (await fetch(done.downloadUrl)).arrayBuffer());
  expect(file.length).toBe(done.sizeBytes);
  const { metadata } = inspectModel(file);
  expect(metadata).toMatchObject({ task: 'detect', names: ['circle', 'square', 'triangle'], imgsz: [256, 256] });
  const listed = await api(platform, alice.apiKey, 'GET', `/api/exports?modelId=${modelId}&status=completed`);
  expect(listed.body.data.map((exported: { id: string }) => exported.id)).toEqual([done.id]);

  // The model is servable at once, with the numbers Ultralytics gives for the same weights.
  await expect
    .poll(async () => (await api(platform, alice.apiKey, 'GET', `/api/models/${modelId}`)).body.data, { timeout: 10_000 })
    .toMatchObject({ servable: true, task: 'detect', classNames: ['circle', 'square', 'triangle'], imageSize: [256, 256] });
  const image = await readFile(fixturePath('images', 'detect-0.jpg'));
  const expected = JSON.parse(
    await readFile(fixturePath('expected', 'shapes-detect', 'detect-0.jpg__conf0.25_iou0.45_imgsz256.json'), 'utf8'),
  ) as { results: Array<{ name: string; class: number; confidence: number; box: Record<string, number> }> };
  const predicted = await hubPredict(
    platform,
    alice.apiKey,
    { model: modelId, conf: '0.25', iou: '0.45' },
    { name: 'detect-0.jpg', bytes: image },
  );
  expect(predicted.status).toBe(200);
  const results = predicted.body.images[0].results as typeof expected.results;
  expect(results.map((result) => result.name)).toEqual(expected.results.map((result) => result.name));
  results.forEach((result, i) => {
    expect(result.confidence).toBeCloseTo(expected.results[i]!.confidence, 2);
    for (const corner of ['x1', 'y1', 'x2', 'y2'])
      expect(Math.abs(result.box[corner]! - expected.results[i]!.box[corner]!)).toBeLessThan(1);
  });

  // And it deploys: a dedicated endpoint serves the export.
  const deployed = await api(platform, alice.apiKey, 'POST', '/api/deployments', {
    modelId,
    region: 'europe-west4',
    resources: { maxInstances: 1 },
  });
  expect(deployed.status).toBe(201);
  await waitForDeployment(platform, alice.apiKey, deployed.body.data.id, (deployment) => deployment.status === 'ready');
  const viaEndpoint = await predictAt(
    `${deployed.body.data.endpointUrl}/predict`,
    alice.apiKey,
    { name: 'detect-0.jpg', bytes: image },
    { iou: '0.45' },
  );
  expect(viaEndpoint.status).toBe(200);
  expect(viaEndpoint.body.images[0].results).toEqual(results);

  // A finished export's DELETE removes it and its file; the model keeps its own copy of the ONNX file.
  const removed = await api(platform, alice.apiKey, 'DELETE', `/api/exports/${done.id}`);
  expect(removed.body.data).toMatchObject({ id: done.id, deleted: true });
  expect((await fetch(done.downloadUrl)).status).toBe(404);
  expect((await api(platform, alice.apiKey, 'GET', `/api/exports/${done.id}`)).status).toBe(404);
  expect((await hubPredict(platform, alice.apiKey, { model: modelId }, { name: 'detect-0.jpg', bytes: image })).status).toBe(200);
});

it('refuses what cannot be exported, and another account’s exports', async () => {
  const modelId = await uploadWeights(alice.apiKey);
  const post = (body: Record<string, unknown>) => api(platform, alice.apiKey, 'POST', '/api/exports', body);
  expect((await post({ modelId, format: 'onnnx' })).body.error).toMatchObject({ code: 'VALIDATION_ERROR' });
  expect((await post({ modelId, format: 'onnx', imgsz: 4000 })).body.error.code).toBe('VALIDATION_ERROR');
  expect((await post({ modelId, format: 'onnx', half: 'yes' })).body.error.code).toBe('VALIDATION_ERROR');
  expect((await post({ modelId: 'model_unknown', format: 'onnx' })).status).toBe(404);
  // The docs' names of two formats are accepted and stored as the seed names them.
  const engine = await post({ modelId, format: 'engine' });
  expect(engine.body.data.format).toBe('tensorrt');
  await api(platform, alice.apiKey, 'DELETE', `/api/exports/${engine.body.exportId}`);

  const bob = await createAccount(platform);
  expect((await api(platform, bob.apiKey, 'POST', '/api/exports', { modelId, format: 'onnx' })).status).toBe(404);
  expect((await api(platform, bob.apiKey, 'GET', `/api/exports/${engine.body.exportId}`)).status).toBe(404);
  expect((await api(platform, bob.apiKey, 'DELETE', `/api/exports/${engine.body.exportId}`)).status).toBe(404);
  expect((await api(platform, bob.apiKey, 'GET', '/api/exports')).body.data).toEqual([]);
});

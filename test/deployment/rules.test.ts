import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postForm } from '../catalog/support.js';
import { startAllInOne } from '../../platform/launch.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { buildBusyDetectModel, grayPng, predictAt, uploadOnnx, waitForDeployment } from './support.js';

let platform: TestPlatform;
let alice: TestAccount;

beforeAll(async () => {
  platform = await startTestPlatform({ DEPLOYMENT_REGIONS: 'us-central1,edge-lab' });
  alice = await createAccount(platform);
});
afterAll(() => platform?.stop());

it('checks regions, instance bounds (capped by the plan), both body forms, and what can be deployed', async () => {
  const modelId = await uploadOnnx(platform, alice.apiKey, 'small.onnx', buildBusyDetectModel(64));
  const post = (body: Record<string, unknown>, key = alice.apiKey) => api(platform, key, 'POST', '/api/deployments', body);

  const unknownRegion = await post({ modelId, region: 'europe-west4' }); // a default region, not configured here
  expect(unknownRegion.status).toBe(400);
  expect(unknownRegion.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details: { region: 'europe-west4' } });
  expect((await post({ modelId })).body.error.code).toBe('VALIDATION_ERROR');
  const overPlan = await post({ modelId, region: 'us-central1', maxInstances: 11 }); // pro: at most 10
  expect(overPlan.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'maxInstances may be at most 10 on the pro plan' });
  expect((await post({ modelId, region: 'us-central1', minInstances: 3, maxInstances: 2 })).status).toBe(400);
  expect((await post({ modelId, region: 'us-central1', maxInstances: 2, resources: { maxInstances: 3 } })).status).toBe(400);
  expect((await post({ modelId, region: 'us-central1', maxInstances: '2' })).status).toBe(400);
  expect((await post({ modelId, region: 'us-central1', resources: { cpu: 0 } })).status).toBe(400);
  expect((await post({ modelId: 'model_unknown', region: 'us-central1' })).status).toBe(404);

  // .pt weights alone are not servable: export them to ONNX first.
  const project = await api(platform, alice.apiKey, 'POST', '/api/projects', { name: 'weights' });
  const weights = await postForm(
    platform,
    alice.apiKey,
    '/api/models',
    { projectId: project.body.data.id, name: 'w.pt' },
    { name: 'w.pt', bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]) },
  );
  const unservable = await post({ modelId: weights.body.data.id, region: 'us-central1' });
  expect(unservable.body.error.message).toMatch(/export it to ONNX first/);

  // The docs' form (name, resources) and a region from the configuration.
  const docsForm = await post({
    modelId,
    name: 'edge',
    region: 'edge-lab',
    resources: { cpu: 2, memoryGi: 4, minInstances: 1, maxInstances: 2 },
  });
  expect(docsForm.status).toBe(201);
  expect(docsForm.body.data).toMatchObject({
    name: 'edge',
    region: 'edge-lab',
    minInstances: 1,
    maxInstances: 2,
    resources: { cpu: 2, memoryGi: 4, minInstances: 1, maxInstances: 2 },
  });
  // The same model in the same region again gets a numbered name.
  const first = await post({ modelId, region: 'us-central1' });
  const second = await post({ modelId, region: 'us-central1' });
  expect([first.body.data.name, second.body.data.name]).toEqual(['small-iowa', 'small-iowa-2']);
  expect(first.body.data).toMatchObject({ minInstances: 0, maxInstances: 1, resources: { cpu: 1, memoryGi: 2 } });

  const listed = await api(platform, alice.apiKey, 'GET', `/api/deployments?modelId=${modelId}&limit=2`);
  expect(listed.body.meta).toEqual({ page: 1, limit: 2, total: 3 });
  expect(listed.body.data.map((deployment: { id: string }) => deployment.id)).toEqual([second.body.data.id, first.body.data.id]);
  expect((await api(platform, alice.apiKey, 'GET', '/api/deployments?status=sleeping')).status).toBe(400);
  for (const { body } of [docsForm, first, second]) await api(platform, alice.apiKey, 'DELETE', `/api/deployments/${body.data.id}`);
});

it("caps the number of deployments by the plan, and does not hold the endpoint to the plan's request rate", async () => {
  const free = await createAccount(platform, 'free'); // 3 deployments, 60 requests a minute
  const modelId = await uploadOnnx(platform, free.apiKey, 'fast.onnx', buildBusyDetectModel(64));
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const created = await api(platform, free.apiKey, 'POST', '/api/deployments', { modelId, region: 'us-central1' });
    expect(created.status).toBe(201);
    ids.push(created.body.data.id);
  }
  const fourth = await api(platform, free.apiKey, 'POST', '/api/deployments', { modelId, region: 'us-central1' });
  expect(fourth.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Your free plan allows 3 deployments: delete one first' });

  const ready = await waitForDeployment(platform, free.apiKey, ids[0]!, (deployment) => deployment.status === 'ready');
  const image = await grayPng();
  const statuses: number[] = [];
  for (let i = 0; i < 70; i++)
    statuses.push((await predictAt(`${ready.endpointUrl}/predict`, free.apiKey, { name: 'x.png', bytes: image })).status);
  expect(statuses.every((status) => status === 200)).toBe(true);
  // The same key on the Platform API is limited as its plan says, and those 70 requests used none of it.
  const limited = await api(platform, free.apiKey, 'GET', '/api/deployments');
  expect(limited.status).toBe(200);
  expect(Number(limited.headers.get('x-ratelimit-limit'))).toBe(60);
  expect(Number(limited.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
});

it('brings a deployment’s warm instances back when its process restarts', async () => {
  const own = await startTestPlatform();
  try {
    const key = (await createAccount(own)).apiKey;
    const modelId = await uploadOnnx(own, key, 'warm.onnx', buildBusyDetectModel(64));
    const created = await api(own, key, 'POST', '/api/deployments', { modelId, region: 'us-central1', minInstances: 2, maxInstances: 2 });
    expect(await waitForDeployment(own, key, created.body.data.id, (d) => d.status === 'ready')).toMatchObject({ instances: 2 });

    await own.platform.stop();
    const restarted = await startAllInOne(own.config);
    try {
      const again = { url: restarted.url };
      const back = await waitForDeployment({ ...own, url: restarted.url }, key, created.body.data.id, (d) => d.instances === 2);
      expect(back.status).toBe('ready');
      const answer = await predictAt(`${again.url}/endpoints/${created.body.data.id}/predict`, key, {
        name: 'x.png',
        bytes: await grayPng(),
      });
      expect(answer.status).toBe(200);
      expect(answer.body.images[0].results[0]).toMatchObject({ name: 'a', confidence: 0.9 });
    } finally {
      await restarted.stop();
    }
  } finally {
    await rm(own.config.dataDir, { recursive: true, force: true });
  }
});

it('stops the deployments of a model moved to the trash, and deletes them with the model for good', async () => {
  const modelId = await uploadOnnx(platform, alice.apiKey, 'trashed.onnx', buildBusyDetectModel(64));
  const created = await api(platform, alice.apiKey, 'POST', '/api/deployments', { modelId, region: 'us-central1', minInstances: 1 });
  const id = created.body.data.id as string;
  await waitForDeployment(platform, alice.apiKey, id, (deployment) => deployment.status === 'ready' && deployment.instances === 1);

  expect((await api(platform, alice.apiKey, 'DELETE', `/api/models/${modelId}`)).status).toBe(200);
  const stopped = await waitForDeployment(platform, alice.apiKey, id, (deployment) => deployment.status === 'stopped');
  expect(stopped.instances).toBe(0);
  const refused = await predictAt(`${created.body.data.endpointUrl}/predict`, alice.apiKey, { name: 'x.png', bytes: await grayPng() });
  expect(refused.status).toBe(400);
  const logs = await api(platform, alice.apiKey, 'GET', `/api/deployments/${id}/logs`);
  expect(logs.body.data.entries[0].message).toBe('Stopped: its model was moved to the trash');
  // A deployment of a model in the trash does not start again.
  const start = await api(platform, alice.apiKey, 'POST', `/api/deployments/${id}/start`);
  expect(start.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: expect.stringMatching(/model .* is in the trash/) });

  expect((await api(platform, alice.apiKey, 'POST', '/api/trash/empty')).status).toBe(200);
  await expect.poll(async () => (await api(platform, alice.apiKey, 'GET', `/api/deployments/${id}`)).status, { timeout: 10_000 }).toBe(404);
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import sharp from 'sharp';
import { SUBGRAPHS } from '../../platform/subgraphs.js';
import { postForm } from '../catalog/support.js';
import { hubPredict } from '../inference/support.js';
import { buildOnnxModel } from '../support/onnx-builder.js';
import { buildBusyDetectModel, grayPng, predictAt, uploadOnnx, waitForDeployment } from '../deployment/support.js';
import { api, startTestPlatform, type TestPlatform } from '../support/platform.js';
import { freePort, spawnBin, type Spawned } from '../support/processes.js';

const databaseUrl = inject('databaseUrl');

// The split layout is the production layout and needs PostgreSQL (PGlite is one process); CI runs it.
describe.skipIf(!databaseUrl)('split layout: subgraphs and gateway as separate processes', () => {
  const processes: Spawned[] = [];
  let gatewayUrl: string;
  let allInOne: TestPlatform;
  const secret = 'split-layout-secret';

  beforeAll(async () => {
    allInOne = await startTestPlatform({ GATEWAY_SECRET: secret });
    // Every process shares the database and, until an object store exists, the file store's data dir.
    const common = {
      DATABASE_URL: allInOne.config.databaseUrl!,
      GATEWAY_SECRET: secret,
      HOST: '127.0.0.1',
      DATA_DIR: allInOne.config.dataDir,
    };
    const urls: Record<string, string> = {};
    for (const { definition } of SUBGRAPHS) {
      const port = await freePort();
      processes.push(await spawnBin('start-subgraph.ts', [definition.name], { ...common, PORT: String(port) }, /serving/));
      urls[`SUBGRAPH_${definition.name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
    }
    const gatewayPort = await freePort();
    processes.push(await spawnBin('start-gateway.ts', [], { ...common, ...urls, PORT: String(gatewayPort) }, /listening/));
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  });
  afterAll(async () => {
    await Promise.all(processes.map((process) => process.stop()));
    await allInOne?.stop();
  });

  it('answers the same as all-in-one, on the same database', async () => {
    const created = (await runCli(['users', 'create', '--email', `split-${Date.now()}@example.test`], {
      ...allInOne.config,
      port: Number(new URL(gatewayUrl).port),
    })) as { apiKey: string; userId: string };

    const split = await api({ url: gatewayUrl }, created.apiKey, 'GET', '/api/api-keys');
    const single = await api(allInOne, created.apiKey, 'GET', '/api/api-keys');
    expect(split.status).toBe(200);
    expect(split.body).toEqual(single.body);

    const unauthorized = await api({ url: gatewayUrl }, 'ul_nope', 'GET', '/api/api-keys');
    expect(unauthorized.status).toBe(401);
    expect((await fetch(`${gatewayUrl}/ready`)).status).toBe(200);
  });

  it('uploads a model and predicts with it through the split gateway (multipart forwarded to the subgraphs)', async () => {
    const { apiKey } = (await runCli(['users', 'create', '--email', `split-predict-${Date.now()}@example.test`], {
      ...allInOne.config,
      port: Number(new URL(gatewayUrl).port),
    })) as { apiKey: string };
    const split = { url: gatewayUrl };
    const project = await api(split, apiKey, 'POST', '/api/projects', { name: 'split' });
    const model = Buffer.from(
      buildOnnxModel({
        task: 'classify',
        names: ['a', 'b'],
        imgsz: [32, 32],
        outputs: [{ name: 'output0', dims: [1, 2], data: [0.25, 0.75] }],
      }),
    );
    const uploaded = await postForm(
      split,
      apiKey,
      '/api/models',
      { projectId: project.body.data.id, name: 'split.onnx' },
      { name: 'split.onnx', bytes: model },
    );
    expect(uploaded.status).toBe(201);
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123456' } })
      .jpeg()
      .toBuffer();
    // The inference subgraph (another process) learns of the model through domain events; the very next request
    // waits for them, so it predicts at once.
    const answer = async (target: { url: string }) =>
      hubPredict(target, apiKey, { model: uploaded.body.data.id }, { name: 'x.jpg', bytes: image });
    const viaSplit = await answer(split);
    expect(viaSplit.status).toBe(200);
    expect(viaSplit.body.images[0].results).toEqual([{ name: 'b', class: 1, confidence: 0.75 }]);
    expect((await answer(allInOne)).body.images[0].results).toEqual(viaSplit.body.images[0].results);
  });

  it("serves a deployment's endpoint through any gateway, each deployment process with instances of its own", async () => {
    const { apiKey } = (await runCli(['users', 'create', '--email', `split-deploy-${Date.now()}@example.test`], {
      ...allInOne.config,
      port: Number(new URL(gatewayUrl).port),
    })) as { apiKey: string };
    const split = { ...allInOne, url: gatewayUrl };
    const modelId = await uploadOnnx(split, apiKey, 'split.onnx', buildBusyDetectModel(64));
    const created = await api(split, apiKey, 'POST', '/api/deployments', { modelId, region: 'us-central1', minInstances: 1 });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    await waitForDeployment(split, apiKey, id, (deployment) => deployment.status === 'ready');
    const image = await grayPng();
    // Created through the split gateway (its deployment process); served by the all-in-one's process as well.
    for (const target of [gatewayUrl, allInOne.url]) {
      const answer = await predictAt(`${target}/endpoints/${id}/predict`, apiKey, { name: 'x.png', bytes: image });
      expect(answer.status).toBe(200);
      expect(answer.body.images[0].results[0]).toMatchObject({ name: 'a', confidence: 0.9 });
    }
    // Every process's requests are counted, whichever gateway is asked.
    await expect
      .poll(async () => (await api(allInOne, apiKey, 'GET', `/api/deployments/${id}/metrics?range=1h`)).body.data.requests, {
        timeout: 10_000,
      })
      .toBe(2);
    // Stopped through one gateway, refused through the other within seconds.
    await api(split, apiKey, 'POST', `/api/deployments/${id}/stop`);
    await expect
      .poll(async () => (await predictAt(`${allInOne.url}/endpoints/${id}/predict`, apiKey, { name: 'x.png', bytes: image })).status, {
        timeout: 10_000,
      })
      .toBe(400);
  });

  it('shares rate-limit counters between gateway processes through PostgreSQL', async () => {
    const created = (await runCli(['users', 'create', '--email', `split-rl-${Date.now()}@example.test`, '--plan', 'free'], {
      ...allInOne.config,
      port: Number(new URL(gatewayUrl).port),
    })) as { apiKey: string };
    const first = await api({ url: gatewayUrl }, created.apiKey, 'GET', '/api/api-keys');
    const second = await api(allInOne, created.apiKey, 'GET', '/api/api-keys');
    expect(Number(first.headers.get('x-ratelimit-remaining'))).toBe(59);
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(58);
  });
});

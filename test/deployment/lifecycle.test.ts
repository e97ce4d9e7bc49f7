import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DeploymentLogsLiveDocument, type DeploymentLogsLiveSubscription } from '../generated/graphql.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { buildBusyDetectModel, grayPng, predictAt, uploadOnnx, waitForDeployment } from './support.js';

let platform: TestPlatform;
let alice: TestAccount;
let bob: TestAccount;
const clients: Client[] = [];

/** Instances idle this long go: the test sees them shrink in seconds. */
const SCALE_DOWN_MS = 1500;

beforeAll(async () => {
  platform = await startTestPlatform({ DEPLOYMENT_SCALE_DOWN_MS: String(SCALE_DOWN_MS) });
  [alice, bob] = await Promise.all([createAccount(platform), createAccount(platform)]);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await platform?.stop();
});

type LogEntry = DeploymentLogsLiveSubscription['deploymentLogs'];

/** Follows a deployment's logs through the gateway's WebSocket, as a browser would. */
function followLogs(key: string, deploymentId: string, severity?: Array<'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL'>) {
  const received: LogEntry[] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': key },
    retryAttempts: 0,
  });
  clients.push(client);
  client.subscribe<DeploymentLogsLiveSubscription>(
    { query: print(DeploymentLogsLiveDocument), variables: { deploymentId, severity } },
    {
      next: (result) => (result.data ? received.push(result.data.deploymentLogs) : errors.push(result.errors)),
      error: (error) => errors.push(error),
      complete: () => undefined,
    },
  );
  return { received, errors };
}

const requests = <Entry extends { kind: string }>(entries: Entry[]) => entries.filter((entry) => entry.kind === 'request');

it('grows under concurrent load, shrinks to zero when idle, counts every request, streams its logs, stops and starts', async () => {
  const modelId = await uploadOnnx(platform, alice.apiKey, 'busy.onnx', buildBusyDetectModel(256));
  const image = await grayPng(256, 256);
  const expected = [{ name: 'a', class: 0, confidence: 0.9, box: { x1: 22, y1: 27, x2: 42, y2: 37 } }];
  let sent = 0;
  let failed = 0;

  const created = await api(platform, alice.apiKey, 'POST', '/api/deployments', {
    modelId,
    region: 'us-central1',
    minInstances: 0,
    maxInstances: 3,
  });
  expect(created.status).toBe(201);
  const deploymentId = created.body.data.id as string;
  expect(deploymentId).toMatch(/^deployment_/);
  expect(created.body.data).toMatchObject({
    status: 'deploying',
    region: 'us-central1',
    name: 'busy-iowa',
    minInstances: 0,
    maxInstances: 3,
    resources: { cpu: 1, memoryGi: 2, minInstances: 0, maxInstances: 3 },
    endpointUrl: `${platform.url}/endpoints/${deploymentId}`,
  });
  const endpoint = `${created.body.data.endpointUrl}/predict`;
  // Deploying: one instance comes up as the health check, then it is ready.
  expect(await waitForDeployment(platform, alice.apiKey, deploymentId, (d) => d.status === 'ready')).toMatchObject({ instances: 1 });

  // Logs, live: the owner's subscription, and another account's (refused: not found, and nothing arrives).
  const live = followLogs(alice.apiKey, deploymentId);
  const warningsOnly = followLogs(alice.apiKey, deploymentId, ['WARNING']);
  const intruder = followLogs(bob.apiKey, deploymentId);
  await expect
    .poll(
      async () => {
        const probe = await predictAt(endpoint, alice.apiKey, { name: 'probe.png', bytes: image });
        expect(probe.status).toBe(200);
        sent++;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return requests(live.received).length;
      },
      { timeout: 15_000, interval: 10 },
    )
    .toBeGreaterThan(0);

  // Concurrent load: the endpoint answers the HUB JSON, is not rate limited, and grows to its maximum.
  const answers = await Promise.all(
    Array.from({ length: 12 }, () => predictAt(endpoint, alice.apiKey, { name: 'image.png', bytes: image }, { conf: '0.25' })),
  );
  sent += answers.length;
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.body.images[0].results).toEqual(expected);
    expect(answer.body.images[0].shape).toEqual([256, 256]);
    expect(answer.body.metadata).toEqual({ modelId, task: 'detect', names: ['a', 'b'], imageSize: [256, 256] });
    expect(answer.headers.get('x-ratelimit-limit')).toBeNull();
  }
  // Whether a batch overlaps enough to grow depends on the machine's load: more batches come until one does.
  let grown = (await api(platform, alice.apiKey, 'GET', `/api/deployments/${deploymentId}`)).body.data;
  for (let round = 0; grown.instances <= 1 && round < 10; round++) {
    const batch = await Promise.all(
      Array.from({ length: 12 }, () => predictAt(endpoint, alice.apiKey, { name: 'image.png', bytes: image })),
    );
    sent += batch.length;
    expect(batch.map((answer) => answer.status)).toEqual(batch.map(() => 200));
    grown = (await api(platform, alice.apiKey, 'GET', `/api/deployments/${deploymentId}`)).body.data;
  }
  expect(grown.instances).toBeGreaterThan(1);
  expect(grown.instances).toBeLessThanOrEqual(3);

  // Failed requests are counted as errors; the `model` field, when given, must be the deployment's.
  const notAnImage = await predictAt(endpoint, alice.apiKey, { name: 'x.png', bytes: Buffer.from('not an image at all') });
  const wrongModel = await predictAt(endpoint, alice.apiKey, { name: 'x.png', bytes: image }, { model: 'model_other' });
  sent += 2;
  failed += 2;
  expect(notAnImage.status).toBe(400);
  expect(notAnImage.body.error.code).toBe('VALIDATION_ERROR');
  expect(wrongModel.status).toBe(400);
  expect(wrongModel.body.error.message).toMatch(/serves model/);
  // With the model given as a URL, the HUB way, it serves.
  const withModel = await predictAt(
    endpoint,
    alice.apiKey,
    { name: 'x.png', bytes: image },
    { model: `${platform.url}/models/${modelId}` },
  );
  sent++;
  expect(withModel.status).toBe(200);

  // Idle: the instances go, down to zero (minInstances 0); the next request pays a measured cold start.
  await waitForDeployment(platform, alice.apiKey, deploymentId, (d) => d.instances === 0, SCALE_DOWN_MS * 4 + 5000);
  const cold = await predictAt(endpoint, alice.apiKey, { name: 'cold.png', bytes: image });
  sent++;
  expect(cold.status).toBe(200);

  // Metrics agree exactly with what was sent.
  const metrics = await api(platform, alice.apiKey, 'GET', `/api/deployments/${deploymentId}/metrics?range=1h`);
  expect(metrics.status).toBe(200);
  expect(metrics.body.data).toMatchObject({ deploymentId, range: '1h', requests: sent, errors: failed });
  expect(metrics.body.data.errorRate).toBeCloseTo(failed / sent, 4);
  expect(metrics.body.data.latencyP50Ms).toBeGreaterThan(0);
  expect(metrics.body.data.latencyP99Ms).toBeGreaterThanOrEqual(metrics.body.data.latencyP95Ms);
  const series = metrics.body.data.series as Array<{ requests: number; errors: number; instances: number }>;
  expect(series).toHaveLength(60);
  expect(series.reduce((sum, point) => sum + point.requests, 0)).toBe(sent);
  // Instances over time: the most up at once (a third may have come up just after the load) ...
  const peak = Math.max(...series.map((point) => point.instances));
  expect(peak).toBeGreaterThanOrEqual(grown.instances);
  expect(peak).toBeLessThanOrEqual(3);
  // ... each of them started, and one more from zero for the cold request (more when a slow machine let one go
  // idle long enough to be released during the load).
  expect(metrics.body.data.instanceStarts).toBeGreaterThanOrEqual(peak + 1);
  const sparkline = await api(platform, alice.apiKey, 'GET', `/api/deployments/${deploymentId}/metrics?range=24h&sparkline=true`);
  expect(sparkline.body.data.series).toHaveLength(24);
  expect(sparkline.body.data.requests).toBe(sent);
  const prometheus = await (await fetch(`${platform.url}/metrics`)).text();
  expect(prometheus).toContain(`deployment_requests_total{deployment="${deploymentId}",status="200"} ${sent - failed}`);
  expect(prometheus).toContain(`deployment_requests_total{deployment="${deploymentId}",status="400"} ${failed}`);

  // Logs: one entry per request (status, latency, image size, result count), newest first, with lifecycle entries.
  const logs = await api(platform, alice.apiKey, 'GET', `/api/deployments/${deploymentId}/logs?limit=200`);
  expect(logs.status).toBe(200);
  const entries = logs.body.data.entries as LogEntry[];
  expect(requests(entries)).toHaveLength(sent);
  expect(requests(entries)[0]).toMatchObject({ status: 200, imageWidth: 256, imageHeight: 256, resultCount: 1, severity: 'INFO' });
  expect(requests(entries)[0]!.coldStartMs).toBeGreaterThan(0);
  expect(requests(entries)[0]!.imageBytes).toBe(image.length);
  expect(entries.some((entry) => entry.kind === 'lifecycle' && /Ready/.test(entry.message))).toBe(true);
  const warnings = await api(platform, alice.apiKey, 'GET', `/api/deployments/${deploymentId}/logs?severity=warning`);
  expect(warnings.body.data.entries.map((entry: LogEntry) => entry.status)).toEqual([400, 400]);
  const firstPage = await api(platform, alice.apiKey, 'GET', `/api/deployments/${deploymentId}/logs?limit=5`);
  expect(firstPage.body.data.entries).toHaveLength(5);
  const secondPage = await api(
    platform,
    alice.apiKey,
    'GET',
    `/api/deployments/${deploymentId}/logs?limit=5&pageToken=${firstPage.body.data.nextPageToken}`,
  );
  expect(secondPage.body.data.entries[0].id).toBe(entries[5]!.id);

  // The live subscription saw every request; the other account saw nothing.
  await expect.poll(() => requests(live.received).length, { timeout: 10_000 }).toBe(sent);
  expect(live.errors).toEqual([]);
  expect(warningsOnly.received.map((entry) => [entry.severity, entry.status])).toEqual([
    ['WARNING', 400],
    ['WARNING', 400],
  ]);
  expect(intruder.received).toEqual([]);
  expect(JSON.stringify(intruder.errors)).toContain('NOT_FOUND');

  // Stop: the endpoint refuses with a clear error and the capacity is released (and billed up to now).
  const stopped = await api(platform, alice.apiKey, 'POST', `/api/deployments/${deploymentId}/stop`);
  expect(stopped.body.data).toMatchObject({ status: 'stopped', instances: 0 });
  const refused = await predictAt(endpoint, alice.apiKey, { name: 'x.png', bytes: image });
  expect(refused.status).toBe(400);
  expect(refused.body.error.message).toMatch(/is stopped: start it/);
  const health = await fetch(`${created.body.data.endpointUrl}/health`, { headers: { authorization: `Bearer ${alice.apiKey}` } });
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ healthy: false });
  const usage = await platform.platform.subgraphs.runtime.db
    .em()
    .execute<Array<{ payload: { deploymentId: string; instanceSeconds: number; usageId: string } }>>(
      `select payload from events.outbox where type = 'deployment.usage'`,
    );
  const billed = usage.filter((row) => row.payload.deploymentId === deploymentId);
  expect(billed.length).toBeGreaterThan(0);
  expect(billed.reduce((sum, row) => sum + row.payload.instanceSeconds, 0)).toBeGreaterThan(0);
  expect(new Set(billed.map((row) => row.payload.usageId)).size).toBe(billed.length);

  // Start again: it deploys, is ready, and serves.
  const started = await api(platform, alice.apiKey, 'POST', `/api/deployments/${deploymentId}/start`);
  expect(started.body.data.status).toBe('deploying');
  await waitForDeployment(platform, alice.apiKey, deploymentId, (d) => d.status === 'ready');
  const again = await predictAt(endpoint, alice.apiKey, { name: 'again.png', bytes: image });
  expect(again.status).toBe(200);
  expect(again.body.images[0].results).toEqual(expected);
  expect((await fetch(`${created.body.data.endpointUrl}/health`, { headers: { authorization: `Bearer ${alice.apiKey}` } })).status).toBe(
    200,
  );

  // Another account cannot use, see or stop it.
  expect((await predictAt(endpoint, bob.apiKey, { name: 'x.png', bytes: image })).status).toBe(404);
  expect((await api(platform, bob.apiKey, 'GET', `/api/deployments/${deploymentId}`)).status).toBe(404);
  expect((await api(platform, bob.apiKey, 'POST', `/api/deployments/${deploymentId}/stop`)).status).toBe(404);
  expect((await api(platform, bob.apiKey, 'GET', `/api/deployments/${deploymentId}/logs`)).status).toBe(404);

  const deleted = await api(platform, alice.apiKey, 'DELETE', `/api/deployments/${deploymentId}`);
  expect(deleted.body.data).toEqual({ id: deploymentId, deleted: true });
  expect((await predictAt(endpoint, alice.apiKey, { name: 'x.png', bytes: image })).status).toBe(404);
});

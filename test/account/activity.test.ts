import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { postForm } from '../catalog/support.js';
import { LiveActivityDocument, type LiveActivitySubscription } from '../generated/graphql.js';
import { buildOnnxModel } from '../support/onnx-builder.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let alice: TestAccount;
let bob: TestAccount;
const clients: Client[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  [alice, bob] = await Promise.all([createAccount(platform), createAccount(platform)]);
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await platform?.stop();
});

const call = (key: string, method: string, route: string, body?: unknown) => api(platform, key, method, route, body);
/** Entries are written by a durable consumer: wait until the feed shows what `ready` wants. */
async function feed(key: string, query = '', ready: (entries: any[]) => boolean = () => true) {
  let last: any;
  await expect
    .poll(
      async () => {
        last = await call(key, 'GET', `/api/activity${query}`);
        return last.status === 200 && ready(last.body.data);
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return last.body;
}

it('records every event of an account as an entry, newest first, with no internals, and shows none of it to another account', async () => {
  const project = (await call(alice.apiKey, 'POST', '/api/projects', { name: 'Feed project' })).body.data;
  const model = Buffer.from(
    buildOnnxModel({
      task: 'classify',
      names: ['a', 'b'],
      imgsz: [32, 32],
      outputs: [{ name: 'output0', dims: [1, 2], data: [0.4, 0.6] }],
    }),
  );
  const uploaded = await postForm(
    platform,
    alice.apiKey,
    '/api/models',
    { projectId: project.id, name: 'tiny' },
    { name: 'tiny.onnx', bytes: model },
  );
  expect(uploaded.status).toBe(201);
  await call(alice.apiKey, 'DELETE', `/api/projects/${project.id}`);

  const body = await feed(alice.apiKey, '', (entries) => entries.some((entry) => entry.type === 'project.deleted'));
  const types = body.data.map((entry: { type: string }) => entry.type);
  expect(types.slice(0, 3)).toEqual(['project.deleted', 'model.deleted', 'model.ready']);
  expect(types).toContain('project.created');
  expect(types).toContain('apikey.created');
  expect(body.data[0]).toMatchObject({
    action: 'trashed',
    summary: 'Project "Feed project" moved to the trash',
    resource: { type: 'project', id: project.id, name: 'Feed project' },
    seen: false,
    archived: false,
  });
  expect(body.meta).toMatchObject({ page: 1, limit: 20, total: body.data.length });
  // The model's ONNX file key or any other internal never reaches the feed.
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/accounts\/|fileKey|snapshotKey|weightsKey/);
  expect(body.data.find((entry: { type: string }) => entry.type === 'model.ready').data).toMatchObject({
    modelId: uploaded.body.data.id,
    task: 'classify',
  });

  const bobs = await feed(bob.apiKey);
  expect(bobs.data.every((entry: { resource: { id: string } }) => entry.resource.id !== project.id)).toBe(true);
});

it('searches, filters by dates and by inbox or archive, marks entries seen and archives them, some or all', async () => {
  await call(alice.apiKey, 'POST', '/api/datasets', { name: 'Searchable zebras', task: 'detect' });
  const found = await feed(alice.apiKey, '?search=zebra', (entries) => entries.length === 1);
  expect(found.data[0]).toMatchObject({ type: 'dataset.created', resource: { type: 'dataset', name: 'Searchable zebras' } });
  expect((await call(alice.apiKey, 'GET', `/api/activity?startDate=${new Date(Date.now() + 3_600_000).toISOString()}`)).body.data).toEqual(
    [],
  );
  expect((await call(alice.apiKey, 'GET', '/api/activity?startDate=yesterday')).body.error.code).toBe('VALIDATION_ERROR');

  const all = await feed(alice.apiKey, '?limit=100');
  expect(all.meta.unseen).toBe(all.data.length);
  const [first, second] = all.data as Array<{ id: string }>;
  expect((await call(alice.apiKey, 'POST', '/api/activity/mark-seen', { eventIds: [first!.id] })).body.data).toEqual({ updated: 1 });
  // Another account cannot mark Alice's entries.
  expect((await call(bob.apiKey, 'POST', '/api/activity/mark-seen', { eventIds: [second!.id] })).body.data).toEqual({ updated: 0 });
  expect((await call(alice.apiKey, 'GET', '/api/activity?limit=100')).body.meta.unseen).toBe(all.data.length - 1);

  expect((await call(alice.apiKey, 'POST', '/api/activity/archive', { eventIds: [second!.id] })).body.data).toEqual({ updated: 1 });
  const archive = (await call(alice.apiKey, 'GET', '/api/activity?archived=true')).body.data;
  expect(archive.map((entry: { id: string }) => entry.id)).toEqual([second!.id]);
  expect(
    (await call(alice.apiKey, 'GET', '/api/activity?archived=false&limit=100')).body.data.map((e: { id: string }) => e.id),
  ).not.toContain(second!.id);
  await call(alice.apiKey, 'POST', '/api/activity/archive', { eventIds: [second!.id], archive: false });
  expect((await call(alice.apiKey, 'GET', '/api/activity?archived=true')).body.data).toEqual([]);

  // The seed's bare call marks everything seen; `all: true` archives everything.
  await call(alice.apiKey, 'POST', '/api/activity/mark-seen');
  expect((await call(alice.apiKey, 'GET', '/api/activity')).body.meta.unseen).toBe(0);
  await call(alice.apiKey, 'POST', '/api/activity/archive', { all: true });
  expect((await call(alice.apiKey, 'GET', '/api/activity?archived=false')).body.data).toEqual([]);
  expect((await call(alice.apiKey, 'POST', '/api/activity/archive', { eventIds: 'x' })).status).toBe(400);
});

it('streams new entries live to their owner only', async () => {
  const subscribe = (key: string) => {
    const received: LiveActivitySubscription['activity'][] = [];
    const client = createClient({
      url: `${platform.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'x-api-key': key },
      retryAttempts: 0,
    });
    clients.push(client);
    client.subscribe<LiveActivitySubscription>(
      { query: print(LiveActivityDocument) },
      { next: (result) => result.data && received.push(result.data.activity), error: () => undefined, complete: () => undefined },
    );
    return received;
  };
  const alices = subscribe(alice.apiKey);
  const bobs = subscribe(bob.apiKey);
  // Live once the gateway has connected upstream: probes prove it.
  await expect
    .poll(
      async () => {
        await call(alice.apiKey, 'POST', '/api/projects', { name: 'probe' });
        await call(bob.apiKey, 'POST', '/api/projects', { name: 'probe' });
        return alices.length > 0 && bobs.length > 0;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  const created = (await call(alice.apiKey, 'POST', '/api/projects', { name: 'Live one' })).body.data;
  await expect.poll(() => alices.some((entry) => entry.resource.id === created.id)).toBe(true);
  expect(alices.find((entry) => entry.resource.id === created.id)).toMatchObject({
    type: 'project.created',
    action: 'created',
    summary: 'Project "Live one" created',
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(bobs.every((entry) => entry.resource.name === 'probe')).toBe(true);
});

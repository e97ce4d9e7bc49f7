import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startGateway, type RunningGateway } from '../../gateway/server.js';
import { readSupergraph } from '../../platform/schema.js';
import { gatewaySecret } from '../../platform/secret.js';
import { api, createAccount, startTestPlatform, type TestPlatform } from '../support/platform.js';

/**
 * A key revoked through one gateway stops working at once on every other: the revocation travels on the event bus
 * (on PostgreSQL the second gateway opens a live-only bus of its own, as a split-layout gateway does; on PGlite it
 * shares the process's), and its cached identity (kept 5 s otherwise) is forgotten, its sockets closed.
 */
let platform: TestPlatform;
let other: RunningGateway;

beforeAll(async () => {
  platform = await startTestPlatform();
  const { config } = platform;
  other = await startGateway({
    config,
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(platform.platform.subgraphs.subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
    secret: gatewaySecret(config, { generate: false }),
    port: 0,
    events: config.databaseUrl ? undefined : platform.platform.subgraphs.events,
  });
});
afterAll(async () => {
  await other?.stop();
  await platform?.stop();
});

it('refuses a key on another gateway as soon as it is revoked, and closes its sockets there', async () => {
  const account = await createAccount(platform);
  const second = await api(platform, account.apiKey, 'POST', '/api/api-keys', { name: 'second' });
  const key = second.body.data.key as string;

  // The other gateway knows the key (its identity cached) and holds a socket opened with it.
  expect((await api(other, key, 'GET', '/api/api-keys')).status).toBe(200);
  let closed: { code: number } | undefined;
  const client = createClient({
    url: `${other.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': key },
    lazy: false,
    onNonLazyError: () => undefined,
    retryAttempts: 0,
    on: { closed: (event) => (closed = event as { code: number }) },
  });
  await new Promise<void>((resolve, reject) =>
    client.subscribe({ query: '{ me { id } }' }, { next: () => undefined, error: reject, complete: () => resolve() }),
  );
  const warmed = Date.now();
  expect((await api(other, key, 'GET', '/api/api-keys')).status).toBe(200);

  // Revoked through the first gateway...
  expect((await api(platform, account.apiKey, 'DELETE', `/api/api-keys/${second.body.data.id}`)).status).toBe(200);
  // ...refused by the other well within the 5 s its cache would otherwise have kept the key.
  await expect.poll(async () => (await api(other, key, 'GET', '/api/api-keys')).status, { timeout: 2_000, interval: 50 }).toBe(401);
  expect(Date.now() - warmed).toBeLessThan(4_000);
  await expect.poll(() => closed?.code, { timeout: 2_000, interval: 50 }).toBe(4403);
  await client.dispose();
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { print } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { ApiKeyEventsDocument, type ApiKeyEventsSubscription } from '../generated/graphql.js';
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

/** Subscribes through the gateway's WebSocket like a browser would; resolves once the subscription is live. */
async function subscribe(key: string) {
  const received: ApiKeyEventsSubscription['apiKeyEvents'][] = [];
  const errors: unknown[] = [];
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': key },
    retryAttempts: 0,
  });
  clients.push(client);
  client.subscribe<ApiKeyEventsSubscription>(
    { query: print(ApiKeyEventsDocument) },
    {
      next: (result) => (result.data ? received.push(result.data.apiKeyEvents) : errors.push(result.errors)),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  // The subscription is live once the gateway has connected upstream: probe events prove it.
  await expect
    .poll(
      async () => {
        await api(platform, key, 'POST', '/api/api-keys', { name: 'probe' });
        await new Promise((resolve) => setTimeout(resolve, 200));
        return received.length > 0;
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBe(true);
  return { received, errors };
}

it("delivers an event caused by a REST call to the owner's subscription and not to another account's", async () => {
  const aliceEvents = await subscribe(alice.apiKey);
  const bobEvents = await subscribe(bob.apiKey);

  const created = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { name: 'from-rest' });
  await api(platform, alice.apiKey, 'DELETE', `/api/api-keys/${created.body.data.id}`);

  await expect
    .poll(() => aliceEvents.received.filter((event) => event.keyId === created.body.data.id).map((event) => event.type), {
      timeout: 10_000,
    })
    .toEqual(['apikey.created', 'apikey.revoked']);
  // Bob sees his own probes only: nothing of Alice's ever reaches him.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(bobEvents.received.length).toBeGreaterThan(0);
  expect(bobEvents.received.every((event) => event.name === 'probe')).toBe(true);
  expect(bobEvents.received.map((event) => event.keyId)).not.toContain(created.body.data.id);
  expect(aliceEvents.errors).toEqual([]);
});

it('refuses a WebSocket connection without a valid API key', async () => {
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': 'ul_wrong' },
    retryAttempts: 0,
  });
  clients.push(client);
  const outcome = await new Promise<unknown>((resolve) => {
    client.subscribe(
      { query: print(ApiKeyEventsDocument) },
      { next: () => resolve('data'), error: (error) => resolve(error), complete: () => resolve('complete') },
    );
  });
  expect((outcome as { code?: number }).code).toBe(4403);
});

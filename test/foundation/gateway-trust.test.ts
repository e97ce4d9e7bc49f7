import { afterAll, beforeAll, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CALLER_HEADER, signCaller } from '../../kernel/auth.js';
import { createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let alice: TestAccount;
let accountUrl: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await createAccount(platform);
  accountUrl = platform.platform.subgraphs.subgraphs.find((subgraph) => subgraph.name === 'account')!.url;
});
afterAll(() => platform?.stop());

const post = (headers: Record<string, string>, query: string, variables?: unknown) =>
  fetch(accountUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id email } } }`;

it('refuses a query sent straight to a subgraph without the gateway signature', async () => {
  const response = await post({}, '{ me { id email } }');
  expect(response.status).toBe(401);
  expect(JSON.stringify(await response.json())).not.toContain(alice.userId);
});

it('refuses _entities around the gateway, and a caller signed with the wrong secret', async () => {
  const forged = signCaller({ kind: 'account', accountId: alice.userId, plan: 'pro', scopes: ['account'], keyId: alice.keyId }, 'guess');
  for (const headers of [{}, { [CALLER_HEADER]: forged }, { [CALLER_HEADER]: 'garbage.token' }] as Record<string, string>[]) {
    const response = await post(headers, ENTITIES, { r: [{ __typename: 'Account', id: alice.userId }] });
    expect(response.status).toBe(401);
  }
});

it("resolves _entities only for the caller's own account, even when signed", async () => {
  const secret =
    platform.config.gatewaySecret ?? (await import('../../platform/secret.js')).gatewaySecret(platform.config, { generate: false });
  const bob = await createAccount(platform);
  const asBob = signCaller({ kind: 'account', accountId: bob.userId, plan: 'pro', scopes: ['account'], keyId: bob.keyId }, secret);
  const response = await post({ [CALLER_HEADER]: asBob }, ENTITIES, { r: [{ __typename: 'Account', id: alice.userId }] });
  const body = (await response.json()) as { data: { _entities: unknown[] } };
  expect(body.data._entities).toEqual([null]);
});

it('refuses a subscription socket opened straight to a subgraph', async () => {
  const client = createClient({ url: accountUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const outcome = await new Promise<string>((resolve) => {
    client.subscribe(
      { query: 'subscription { apiKeyEvents { keyId } }' },
      {
        next: () => resolve('data'),
        error: (error) => resolve(`error:${(error as CloseEvent).code ?? 'x'}`),
        complete: () => resolve('complete'),
      },
    );
  });
  expect(outcome).toMatch(/^error/);
  await client.dispose();
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CALLER_HEADER, signCaller, TOKEN_TTL_MS } from '../../kernel/auth.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

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

const aliceCaller = () => ({
  kind: 'account' as const,
  accountId: alice.userId,
  plan: 'pro' as const,
  scopes: ['account' as const],
  keyId: alice.keyId,
});
const secretOf = async () =>
  platform.config.gatewaySecret ?? (await import('../../platform/secret.js')).gatewaySecret(platform.config, { generate: false });

it('refuses _entities around the gateway, and a caller signed with the wrong secret', async () => {
  const request = { query: ENTITIES, variables: { r: [{ __typename: 'Account', id: alice.userId }] } };
  const forged = signCaller(aliceCaller(), 'guess', 'account', request);
  for (const headers of [{}, { [CALLER_HEADER]: forged }, { [CALLER_HEADER]: 'garbage.token' }] as Record<string, string>[]) {
    const response = await post(headers, ENTITIES, { r: [{ __typename: 'Account', id: alice.userId }] });
    expect(response.status).toBe(401);
  }
});

it("resolves _entities only for the caller's own account, even when signed", async () => {
  const secret = await secretOf();
  const bob = await createAccount(platform);
  const variables = { r: [{ __typename: 'Account', id: alice.userId }] };
  const asBob = signCaller(
    { kind: 'account', accountId: bob.userId, plan: 'pro', scopes: ['account'], keyId: bob.keyId },
    secret,
    'account',
    {
      query: ENTITIES,
      variables,
    },
  );
  const response = await post({ [CALLER_HEADER]: asBob }, ENTITIES, variables);
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

describe('signed caller tokens: bound to one subgraph and one request, used once, short-lived', () => {
  const ME = '{ me { id } }';
  const MINT = 'mutation($input: CreateApiKeyInput) { createApiKey(input: $input) { key } }';

  it('runs the request a token was signed for, once: a captured header replayed is refused', async () => {
    const token = signCaller(aliceCaller(), await secretOf(), 'account', { query: ME });
    const first = await post({ [CALLER_HEADER]: token }, ME);
    expect(first.status).toBe(200);
    expect(((await first.json()) as { data: { me: { id: string } } }).data.me.id).toBe(alice.userId);
    const replayed = await post({ [CALLER_HEADER]: token }, ME);
    expect(replayed.status).toBe(401);
  });

  it('refuses a token used for another operation or other variables (a captured read cannot mint a key)', async () => {
    const secret = await secretOf();
    const keysBefore = await api(platform, alice.apiKey, 'GET', '/api/api-keys');
    const signedForRead = signCaller(aliceCaller(), secret, 'account', { query: ME });
    expect((await post({ [CALLER_HEADER]: signedForRead }, MINT, { input: { name: 'stolen' } })).status).toBe(401);
    const signedForOther = signCaller(aliceCaller(), secret, 'account', { query: MINT, variables: { input: { name: 'mine' } } });
    expect((await post({ [CALLER_HEADER]: signedForOther }, MINT, { input: { name: 'stolen' } })).status).toBe(401);
    const keysAfter = await api(platform, alice.apiKey, 'GET', '/api/api-keys');
    expect(keysAfter.body.meta.total).toBe(keysBefore.body.meta.total);
  });

  it('refuses a token signed for another subgraph, and one past its (short) life', async () => {
    const secret = await secretOf();
    expect((await post({ [CALLER_HEADER]: signCaller(aliceCaller(), secret, 'catalog', { query: ME }) }, ME)).status).toBe(401);
    const old = signCaller(aliceCaller(), secret, 'account', { query: ME }, Date.now() - TOKEN_TTL_MS - 1);
    expect((await post({ [CALLER_HEADER]: old }, ME)).status).toBe(401);
    expect(TOKEN_TTL_MS).toBeLessThanOrEqual(10_000);
  });

  it('refuses a subscription on a subgraph socket that the gateway did not sign for that operation', async () => {
    const secret = await secretOf();
    const client = createClient({
      url: accountUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { [CALLER_HEADER]: signCaller(aliceCaller(), secret, 'account', null) },
    });
    const outcome = await new Promise<string>((resolve) => {
      client.subscribe(
        { query: 'subscription { apiKeyEvents { keyId } }' },
        {
          next: () => resolve('data'),
          error: (error) => resolve(JSON.stringify(error)),
          complete: () => resolve('complete'),
        },
      );
    });
    expect(outcome).toContain('UNAUTHORIZED');
    await client.dispose();
  });
});

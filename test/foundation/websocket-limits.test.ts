import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FormattedExecutionResult as ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { SOCKET_LIMITS } from '../../gateway/subscriptions.js';
import { api, createAccount, startTestPlatform, type TestPlatform } from '../support/platform.js';

/** Every operation on a socket is authorised and counted like an HTTP request; a socket's load is bounded. */
let platform: TestPlatform;
const clients: Client[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await platform?.stop();
});

interface Socket {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
}

function connect(key: string): Socket {
  let onClosed: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${platform.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { 'x-api-key': key },
    retryAttempts: 0,
    // One socket for the whole test, as a long-lived client keeps it (lazy clients close between operations).
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
  });
  clients.push(client);
  return { client, closed };
}

/** One query or mutation over the socket: its result, or the error the server sent. */
function run(client: Client, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult | { refused: any }> {
  return new Promise((resolve) => {
    let result: ExecutionResult | undefined;
    client.subscribe(
      { query, variables },
      {
        next: (value) => (result = value as ExecutionResult),
        error: (error) => resolve({ refused: error }),
        complete: () => resolve(result ?? { refused: 'no result' }),
      },
    );
  });
}

const codeOf = (outcome: ExecutionResult | { refused: any }): string | undefined =>
  'refused' in outcome
    ? Array.isArray(outcome.refused)
      ? outcome.refused[0]?.extensions?.code
      : (outcome.refused?.code ?? String(outcome.refused))
    : (outcome.errors?.[0]?.extensions?.code as string | undefined);

describe('operations on a socket', () => {
  it('count every query against the plan like HTTP requests: the 61st of a free minute is refused', async () => {
    const { apiKey } = await createAccount(platform, 'free');
    const { client } = connect(apiKey);
    for (let i = 0; i < 60; i++) {
      const outcome = await run(client, '{ me { id } }');
      expect('refused' in outcome ? outcome : outcome.errors, `query ${i + 1}`).toBeUndefined();
    }
    expect(codeOf(await run(client, '{ me { id } }'))).toBe('RATE_LIMITED');
    // One budget for both transports: HTTP is refused now too.
    expect((await api(platform, apiKey, 'GET', '/api/api-keys')).status).toBe(429);
  });

  it('are validated with the same limits as HTTP', async () => {
    const { apiKey } = await createAccount(platform);
    const { client } = connect(apiKey);
    const outcome = await run(client, `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { id }`).join(' ')} }`);
    expect(codeOf(outcome)).toBe('VALIDATION_ERROR');
    expect(codeOf(await run(client, '{ me { id '))).toBe('VALIDATION_ERROR');
    // An error while running (a malformed id) comes back as the operation's error; the socket stays open.
    expect(codeOf(await run(client, '{ dataset(id: "abc") { id } }'))).toBe('VALIDATION_ERROR');
    expect(codeOf(await run(client, '{ me { id } }'))).toBeUndefined();
  });

  it('stop at once when the key is revoked: the socket is closed and nothing more runs on it', async () => {
    const account = await createAccount(platform);
    const second = await api(platform, account.apiKey, 'POST', '/api/api-keys', { name: 'second' });
    const { client, closed } = connect(second.body.data.key);
    expect(codeOf(await run(client, '{ me { id } }'))).toBeUndefined();
    const keysBefore = (await api(platform, account.apiKey, 'GET', '/api/api-keys')).body.meta.total;

    const revoked = await api(platform, account.apiKey, 'DELETE', `/api/api-keys/${second.body.data.id}`);
    expect(revoked.status).toBe(200);
    const minted = await run(client, 'mutation { createApiKey(input: { name: "minted" }) { key } }');
    expect('refused' in minted || minted.errors !== undefined).toBe(true);
    expect(await closed).toMatchObject({ code: 4403 });
    expect((await api(platform, account.apiKey, 'GET', '/api/api-keys')).body.meta.total).toBe(keysBefore - 1);
  });
});

describe("a socket's load is bounded", () => {
  it(`accepts ${SOCKET_LIMITS.subscriptions} subscriptions on one socket and refuses the next`, async () => {
    const { apiKey } = await createAccount(platform);
    const { client } = connect(apiKey);
    const refusals: unknown[] = [];
    const open = (i: number) =>
      client.subscribe(
        { query: 'subscription { apiKeyEvents { keyId } }' },
        { next: () => undefined, error: (e) => refusals.push([i, e]), complete: () => undefined },
      );
    for (let i = 0; i < SOCKET_LIMITS.subscriptions; i++) open(i);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(JSON.stringify(refusals)).toEqual('[]');
    open(SOCKET_LIMITS.subscriptions);
    await expect.poll(() => refusals.length, { timeout: 10_000 }).toBe(1);
    expect(JSON.stringify(refusals[0])).toContain('RATE_LIMITED');
  });

  it('refuses operations beyond those in flight on one socket', async () => {
    const { apiKey } = await createAccount(platform, 'enterprise');
    const { client } = connect(apiKey);
    const outcomes = await Promise.all(
      Array.from({ length: SOCKET_LIMITS.operationsInFlight * 3 }, () => run(client, '{ me { id email plan } }')),
    );
    const codes = outcomes.map(codeOf);
    expect(codes.filter((code) => code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    expect(codes.filter((code) => code === undefined).length).toBeGreaterThanOrEqual(SOCKET_LIMITS.operationsInFlight);
  });

  it('closes a socket sent a message over the size limit', async () => {
    const { apiKey } = await createAccount(platform);
    const { client, closed } = connect(apiKey);
    expect(codeOf(await run(client, '{ me { id } }'))).toBeUndefined();
    void run(client, '{ me { id } }', { padding: 'x'.repeat(2 * 1024 ** 2) });
    expect((await closed).code).toBe(1009);
  });
});

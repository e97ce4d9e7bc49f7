import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { ApiKeyCreated } from '../../contracts/index.js';
import { api, createAccount, startTestPlatform, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let broken = true;
const handled: string[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  // A consumer with a bug: it fails on every API key event until it is "fixed".
  platform.platform.subgraphs.events.consumer('test.flaky-keys').on(ApiKeyCreated, async (event) => {
    if (broken) throw new Error(`no handler for key ${event.payload.keyId} yet`);
    handled.push(event.payload.keyId);
  });
});
afterAll(() => platform?.stop());

const cli = (...argv: string[]) => runCli(argv, platform.config, { url: platform.url });

it('shows consumers in /metrics, lists a dead letter to the operator, and replays it once the cause is fixed', async () => {
  const account = await createAccount(platform);
  const key = await api(platform, account.apiKey, 'POST', '/api/api-keys', { name: 'ci' });
  expect(key.status).toBe(201);

  // Its first key's event and this one end in the dead letters after the retries; every other consumer went on.
  await expect
    .poll(async () => ((await cli('events', 'dead-letters', '--consumer', 'test.flaky-keys')) as any).deadLetters.length, {
      timeout: 20_000,
    })
    .toBe(2);
  const { deadLetters } = (await cli('events', 'dead-letters', '--consumer', 'test.flaky-keys')) as { deadLetters: any[] };
  expect(deadLetters[0]).toMatchObject({ consumer: 'test.flaky-keys', type: 'apikey.created', attempts: 5, replayedAt: null });
  expect(deadLetters[0].error).toContain('no handler for key');
  expect((await api(platform, account.apiKey, 'GET', '/api/api-keys')).body.data).toHaveLength(2);

  const metrics = await (await fetch(`${platform.url}/metrics`)).text();
  expect(metrics).toContain('events_dead_letters{consumer="test.flaky-keys"} 2');
  expect(metrics).toMatch(/events_consumer_lag\{consumer="inference.served-models"\} \d+/);
  expect(metrics).toMatch(/events_deliveries_total\{consumer="catalog.training"\}|events_consumer_lag\{consumer="catalog.training"\}/);

  broken = false;
  expect(await cli('events', 'replay', '--consumer', 'test.flaky-keys')).toEqual({ replaying: 2 });
  await expect.poll(() => handled.sort()).toEqual([account.keyId, key.body.data.id].sort());
  expect(((await cli('events', 'dead-letters', '--consumer', 'test.flaky-keys')) as any).deadLetters).toEqual([]);
  expect(await (await fetch(`${platform.url}/metrics`)).text()).toContain('events_dead_letters{consumer="test.flaky-keys"} 0');
});

it('refuses the operator commands to an API key', async () => {
  const account = await createAccount(platform);
  const response = await fetch(`${platform.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': account.apiKey },
    body: JSON.stringify({ query: 'mutation { operatorReplayDeadLetters(consumer: "test.flaky-keys") }' }),
  });
  expect((await response.json()).errors[0].extensions.code).toBe('FORBIDDEN');
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCli } from '../../cli/main.js';
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
    const accountPort = await freePort();
    const gatewayPort = await freePort();
    const common = { DATABASE_URL: databaseUrl!, GATEWAY_SECRET: secret, HOST: '127.0.0.1' };
    processes.push(await spawnBin('start-subgraph.ts', ['account'], { ...common, PORT: String(accountPort) }, /serving/));
    processes.push(
      await spawnBin(
        'start-gateway.ts',
        [],
        { ...common, PORT: String(gatewayPort), SUBGRAPH_ACCOUNT_URL: `http://127.0.0.1:${accountPort}/graphql` },
        /listening/,
      ),
    );
    gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    allInOne = await startTestPlatform({ GATEWAY_SECRET: secret });
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

/**
 * The gateway's own cost, beside a default @apollo/gateway on the same supergraph and subgraphs, measured in one run.
 * Every subgraph runs in one process of its own (bench/subgraphs-server.ts); in front of it, each in a process of its
 * own: our gateway (`npm run start:gateway`: API-key auth, rate limits, cost limits, metrics, usage, signed hop) and
 * a default `ApolloServer` + `ApolloGateway` (bench/default-gateway.ts). The same `{ me { id email plan } }` goes
 * through each, and straight to the account subgraph with a signed caller: p50 at 1 connection, req/s at 16.
 * BENCH_DATABASE_URL (a PostgreSQL the benchmark may create a database in) runs it on PostgreSQL: then rate-limit
 * counters live in PostgreSQL as in a multi-gateway deployment; without it, PGlite and counters in memory.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CALLER_HEADER, signCaller, type Caller } from '../kernel/auth.js';
import { freePort, spawnBin, type Spawned } from '../test/support/processes.js';
import { ms, sequential, stats, throughput } from './http.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const QUERY = JSON.stringify({ query: '{ me { id email plan } }' });

export async function benchGateway(): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vp-bench-gateway-'));
  const database = await benchDatabase();
  const apiKey = `ul_${randomBytes(20).toString('hex')}`;
  const common = {
    DATA_DIR: dataDir,
    GATEWAY_SECRET: randomBytes(32).toString('base64url'),
    HOST: '127.0.0.1',
    ENTERPRISE_RATE_LIMIT_PER_MINUTE: '100000000',
    ENTERPRISE_RATE_LIMIT_PER_DAY: '100000000',
    ...(database ? { DATABASE_URL: database.url } : {}),
  };
  const processes: Spawned[] = [];
  try {
    const subgraphs = await spawnBin(
      '../bench/subgraphs-server.ts',
      [],
      { ...common, BOOTSTRAP_API_KEY: apiKey, BOOTSTRAP_PLAN: 'enterprise' },
      /^subgraphs /m,
    );
    processes.push(subgraphs);
    const urls = JSON.parse(/^subgraphs (.*)$/m.exec(subgraphs.output())![1]!) as Record<string, string>;
    const subgraphEnv = Object.fromEntries(Object.entries(urls).map(([name, url]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, url]));

    const oursPort = await freePort();
    processes.push(await spawnBin('start-gateway.ts', [], { ...common, ...subgraphEnv, PORT: String(oursPort) }, /listening/));
    const ours = `http://127.0.0.1:${oursPort}/graphql`;
    const me = await post(ours, { 'x-api-key': apiKey }, '{ "query": "{ me { id } }" }');
    const keys = await post(ours, { 'x-api-key': apiKey }, '{ "query": "{ apiKeys { items { id } } }" }');
    const caller: Caller = {
      kind: 'account',
      accountId: me.data.me.id,
      keyId: keys.data.apiKeys.items[0].id,
      username: 'bench',
      plan: 'enterprise',
      scopes: ['account'],
    } as Caller;

    const referencePort = await freePort();
    processes.push(
      await spawnBin(
        '../bench/default-gateway.ts',
        [],
        { ...common, ...subgraphEnv, PORT: String(referencePort), BENCH_CALLER: JSON.stringify(caller) },
        /listening/,
      ),
    );
    const reference = `http://127.0.0.1:${referencePort}/`;

    const targets: Array<[string, () => Promise<void>]> = [
      ['our gateway', () => request(ours, { 'x-api-key': apiKey })],
      ['default @apollo/gateway', () => request(reference, {})],
      // Each token is bound to its subgraph and request and accepted once: a fresh one per request.
      [
        'direct to the subgraph',
        () => request(urls.account!, { [CALLER_HEADER]: signCaller(caller, common.GATEWAY_SECRET, 'account', JSON.parse(QUERY)) }),
      ],
    ];
    const results = new Map<string, { p50: number; p99: number; rps: number }>();
    for (const [name, send] of targets) {
      await sequential(300, send); // warm-up: JIT, query plan caches, key cache, connections
      const latency = stats(await sequential(REQUESTS, send));
      await throughput(16, 1000, send);
      const rps = await throughput(16, DURATION_MS, send);
      results.set(name, { p50: latency.p50, p99: latency.p99, rps });
    }
    const direct = results.get('direct to the subgraph')!;
    const oursResult = results.get('our gateway')!;
    const referenceResult = results.get('default @apollo/gateway')!;
    console.log(
      `gateway: { me { id email plan } } on ${database ? 'PostgreSQL' : 'PGlite'}; subgraphs, our gateway and the default gateway each in a process of their own`,
    );
    for (const [name, result] of results) {
      const added = name === 'direct to the subgraph' ? '' : `  (+${ms(result.p50 - direct.p50)} over the subgraph)`;
      console.log(
        `  ${name.padEnd(24)} 1 connection: p50 ${ms(result.p50)}, p99 ${ms(result.p99)}${added}   16 connections: ${result.rps.toFixed(0)} req/s`,
      );
    }
    console.log(
      `  ours / default: ${(oursResult.rps / referenceResult.rps).toFixed(2)}x the requests/s, added p50 ${ms(oursResult.p50 - direct.p50)} vs ${ms(referenceResult.p50 - direct.p50)}`,
    );
  } finally {
    await Promise.all(processes.map((spawned) => spawned.stop()));
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function request(url: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: QUERY });
  const body = await response.text();
  if (!response.ok || body.includes('"errors"')) throw new Error(`${url} answered ${response.status}: ${body.slice(0, 300)}`);
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<any> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return response.json();
}

/** A database of its own on BENCH_DATABASE_URL's server, dropped afterwards. */
async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> } | undefined> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return undefined;
  const name = `vp_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

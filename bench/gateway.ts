/**
 * The gateway's own cost: the same authenticated query through the gateway (edge auth, rate limit, query plan,
 * signed hop) and sent straight to the account subgraph with a signed caller.
 */
import { CALLER_HEADER, signCaller } from '../kernel/auth.js';
import { gatewaySecret } from '../platform/secret.js';
import { ms, sequential, stats, throughput } from './http.js';
import { startBenchPlatform } from './platform.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);

export async function benchGateway(): Promise<void> {
  const bench = await startBenchPlatform('gateway');
  const { platform, config, user } = bench;
  try {
    const secret = gatewaySecret(config, { generate: false });
    const request = { query: '{ me { id email plan } }' };
    const body = JSON.stringify(request);
    const accountUrl = platform.subgraphs.subgraphs.find((subgraph) => subgraph.name === 'account')!.url;
    const caller = {
      kind: 'account' as const,
      accountId: user.userId,
      plan: 'enterprise' as const,
      scopes: ['account' as const],
      keyId: user.keyId,
    };

    const viaGateway = async () => {
      const response = await fetch(`${platform.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': user.apiKey },
        body,
      });
      if (!response.ok) throw new Error(`gateway answered ${response.status}`);
      await response.arrayBuffer();
    };
    const direct = async () => {
      const response = await fetch(accountUrl, {
        method: 'POST',
        // Each token is bound to its subgraph and request and accepted once: a fresh one per request.
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: signCaller(caller, secret, 'account', request) },
        body,
      });
      if (!response.ok) throw new Error(`subgraph answered ${response.status}`);
      await response.arrayBuffer();
    };

    await sequential(200, viaGateway); // warm-up: JIT, query plan cache, key cache
    await sequential(200, direct);
    const rows: string[] = [];
    for (const [name, request] of [
      ['through gateway', viaGateway],
      ['direct to subgraph', direct],
    ] as const) {
      const latency = stats(await sequential(REQUESTS, request));
      const rps = await throughput(8, DURATION_MS, request);
      rows.push(`${name.padEnd(20)} p50 ${ms(latency.p50)}  p99 ${ms(latency.p99)}  ${rps.toFixed(0)} req/s at concurrency 8`);
    }
    console.log(`gateway overhead: query { me } (${REQUESTS} sequential requests each, PGlite, ${config.host})`);
    for (const row of rows) console.log(`  ${row}`);
  } finally {
    await bench.stop();
  }
}

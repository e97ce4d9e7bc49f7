/**
 * What the signed hop costs the gateway and a subgraph per request: signing a caller token bound to its subgraph and
 * request, then verifying it, checking the binding and the replay cache (no I/O). The old unbound token is the
 * baseline: a signature over the caller and an expiry.
 */
import { createHmac } from 'node:crypto';
import { acceptRequest, ReplayGuard, signCaller, verifyCaller } from '../kernel/auth.js';

const ROUNDS = Number(process.env.BENCH_REQUESTS ?? 20_000);

export async function benchCallerToken(): Promise<void> {
  const caller = {
    kind: 'account' as const,
    accountId: 'user_AAAAAAAAAAAAAAAAAAAA',
    plan: 'pro' as const,
    scopes: ['account' as const, 'models' as const],
    keyId: 'key_AAAAAAAAAAAAAAAAAAAA',
  };
  const request = {
    query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Account { id email } } }',
    variables: { r: [{ __typename: 'Account', id: caller.accountId }] },
  };
  const replays = new ReplayGuard();
  const bound = () => {
    const token = signCaller(caller, 'secret', 'account', request);
    if (!acceptRequest(verifyCaller(token, 'secret', 'account'), request, replays)) throw new Error('refused');
  };
  const unbound = () => {
    const payload = Buffer.from(JSON.stringify({ caller, exp: Date.now() + 60_000 })).toString('base64url');
    const signature = createHmac('sha256', 'secret').update(payload).digest('base64url');
    if (createHmac('sha256', 'secret').update(payload).digest('base64url') !== signature) throw new Error('refused');
    JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  };
  for (const [name, work] of [
    ['bound (now)', bound],
    ['unbound (before)', unbound],
  ] as const) {
    for (let i = 0; i < 2_000; i++) work(); // warm-up
    const start = performance.now();
    for (let i = 0; i < ROUNDS; i++) work();
    console.log(`caller token ${name}: ${(((performance.now() - start) / ROUNDS) * 1000).toFixed(1)} µs per request`);
  }
}

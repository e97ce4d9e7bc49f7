import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { api, startTestPlatform, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

const cli = (...args: string[]) => runCli(args, platform.config, { url: platform.url });

it('serves /health, /ready and Prometheus /metrics without a key', async () => {
  expect(await (await fetch(`${platform.url}/health`)).json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${platform.url}/ready`);
  expect(ready.status).toBe(200);
  expect((await ready.json()).checks.account).toBe('ok');
  const metrics = await (await fetch(`${platform.url}/metrics`)).text();
  expect(metrics).toContain('http_requests_total');
  expect(metrics).toContain('process_cpu_user_seconds_total');
});

it('serves the GraphQL explorer and its assets from the server itself', async () => {
  const page = await fetch(`${platform.url}/graphql`, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // no CDN
  for (const asset of html.match(/\/graphql\/explorer\/[\w.-]+/g)!) {
    expect((await fetch(`${platform.url}${asset}`)).status, asset).toBe(200);
  }
});

it('runs the operator CLI: users create, keys create, keys revoke', async () => {
  const user = (await cli('users', 'create', '--email', 'ops@example.test', '--plan', 'enterprise')) as Record<string, string>;
  expect(user).toMatchObject({ email: 'ops@example.test', plan: 'enterprise' });
  expect(user.userId).toMatch(/^user_/);
  expect(user.apiKey).toMatch(/^ul_/);

  const key = (await cli('keys', 'create', '--user', user.userId!, '--name', 'ci', '--scopes', 'models,training')) as Record<
    string,
    unknown
  >;
  expect(key).toMatchObject({ name: 'ci', scopes: ['models', 'training'] });
  expect((await api(platform, key.apiKey as string, 'GET', '/api/api-keys')).status).toBe(403);

  expect(await cli('keys', 'revoke', '--id', key.keyId as string)).toEqual({ keyId: key.keyId, revoked: true });
  expect((await api(platform, key.apiKey as string, 'GET', '/api/api-keys')).status).toBe(401);
  await expect(cli('users', 'create', '--email', 'ops@example.test')).rejects.toThrow(/VALIDATION_ERROR/);
  await expect(cli('users', 'delete')).rejects.toThrow(/unknown command/);
});

it('creates the BOOTSTRAP_API_KEY account on start', async () => {
  const key = `ul_${'b'.repeat(40)}`;
  const bootstrapped = await startTestPlatform({ BOOTSTRAP_API_KEY: key, BOOTSTRAP_PLAN: 'enterprise' });
  try {
    const keys = await api(bootstrapped, key, 'GET', '/api/api-keys');
    expect(keys.status).toBe(200);
    expect(keys.body.data[0].scopes).toContain('billing');
    expect(keys.headers.get('x-ratelimit-limit')).toBe('3000');
  } finally {
    await bootstrapped.stop();
  }
});

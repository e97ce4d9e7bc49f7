import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, createAccount, startTestPlatform, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

it('lets a free account make 60 requests a minute and answers the 61st with 429 RATE_LIMITED', async () => {
  const { apiKey } = await createAccount(platform, 'free');
  const remaining: number[] = [];
  for (let i = 0; i < 60; i++) {
    const response = await api(platform, apiKey, 'GET', '/api/api-keys');
    expect(response.status).toBe(200);
    expect(response.headers.get('x-ratelimit-limit')).toBe('60');
    remaining.push(Number(response.headers.get('x-ratelimit-remaining')));
  }
  expect(remaining.at(0)).toBe(59);
  expect(remaining.at(-1)).toBe(0);

  const limited = await api(platform, apiKey, 'GET', '/api/api-keys');
  expect(limited.status).toBe(429);
  expect(limited.body).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' } });
  expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  const reset = Number(limited.headers.get('x-ratelimit-reset'));
  expect(reset).toBeGreaterThan(Date.now() / 1000);
  expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 61);
});

it('counts per account: another account is not limited by the first', async () => {
  const { apiKey } = await createAccount(platform, 'pro');
  const response = await api(platform, apiKey, 'GET', '/api/api-keys');
  expect(response.status).toBe(200);
  expect(response.headers.get('x-ratelimit-limit')).toBe('300');
});

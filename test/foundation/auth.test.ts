import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeDocument } from '../generated/graphql.js';
import { api, createAccount, graphql, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
let alice: TestAccount;
let bob: TestAccount;

beforeAll(async () => {
  platform = await startTestPlatform();
  [alice, bob] = await Promise.all([createAccount(platform), createAccount(platform)]);
});
afterAll(() => platform?.stop());

describe('authentication at the edge', () => {
  it('answers 401 UNAUTHORIZED in the envelope for a missing or wrong key', async () => {
    for (const key of [undefined, 'ul_not-a-real-key-0000000000000000000000']) {
      const response = await api(platform, key, 'GET', '/api/api-keys');
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('accepts the key as Bearer and as x-api-key, on REST and GraphQL alike', async () => {
    const bearer = await api(platform, alice.apiKey, 'GET', '/api/api-keys');
    expect(bearer.status).toBe(200);
    const viaHeader = await fetch(`${platform.url}/api/api-keys`, { headers: { 'x-api-key': alice.apiKey } });
    expect(viaHeader.status).toBe(200);
    const me = await graphql(platform, alice.apiKey, MeDocument);
    expect(me.data?.me.id).toBe(alice.userId);
  });

  it('answers GraphQL without a key with 401 and the UNAUTHORIZED code', async () => {
    const response = await graphql(platform, undefined, MeDocument);
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHORIZED');
  });

  it('answers 403 FORBIDDEN when the key lacks the scope', async () => {
    const limited = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { name: 'trainer', scopes: ['training', 'models'] });
    expect(limited.status).toBe(201);
    expect(limited.body.data.key).toMatch(/^ul_[A-Za-z0-9]{32,}$/);
    const response = await api(platform, limited.body.data.key, 'GET', '/api/api-keys');
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('FORBIDDEN');
  });

  it('never lets a key grant scopes it does not hold', async () => {
    const limited = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { name: 'acct', scopes: ['account'] });
    const escalate = await api(platform, limited.body.data.key, 'POST', '/api/api-keys', { scopes: ['account', 'billing'] });
    expect(escalate.status).toBe(400);
    expect(escalate.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('API keys', () => {
  it('creates, lists with paging meta, and revokes a key; the revoked key stops working', async () => {
    const created = await api(platform, bob.apiKey, 'POST', '/api/api-keys', { name: 'ci' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name: 'ci', prefix: created.body.data.key.slice(0, 11) });
    expect(created.body.data.id).toMatch(/^key_/);

    const list = await api(platform, bob.apiKey, 'GET', '/api/api-keys?page=1&limit=1');
    expect(list.body.meta).toEqual({ page: 1, limit: 1, total: 2 });
    expect(list.body.data).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.body.data.key);

    const revoked = await api(platform, bob.apiKey, 'DELETE', `/api/api-keys/${created.body.data.id}`);
    expect(revoked.status).toBe(200);
    expect((await api(platform, created.body.data.key, 'GET', '/api/api-keys')).status).toBe(401);
    expect((await api(platform, bob.apiKey, 'GET', '/api/api-keys')).body.meta.total).toBe(1);
  });

  it("hides another account's keys: they are not listed and revoking one answers 404", async () => {
    const bobs = await api(platform, bob.apiKey, 'GET', '/api/api-keys');
    const bobKeyId = bobs.body.data[0].id;
    const attempt = await api(platform, alice.apiKey, 'DELETE', `/api/api-keys/${bobKeyId}`);
    expect(attempt.status).toBe(404);
    expect(attempt.body.error.code).toBe('NOT_FOUND');
    const alices = await api(platform, alice.apiKey, 'GET', '/api/api-keys?limit=100');
    expect(alices.body.data.map((key: { id: string }) => key.id)).not.toContain(bobKeyId);
    expect((await api(platform, bob.apiKey, 'GET', '/api/api-keys')).status).toBe(200);
  });

  it('rejects bad paging and bad bodies with VALIDATION_ERROR', async () => {
    for (const query of ['page=abc', 'limit=0', 'limit=1000', 'page=0']) {
      const response = await api(platform, alice.apiKey, 'GET', `/api/api-keys?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_ERROR');
    }
    const badScopes = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { scopes: ['root'] });
    expect(badScopes.body.error.code).toBe('VALIDATION_ERROR');
    const badJson = await fetch(`${platform.url}/api/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.apiKey}`, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(badJson.status).toBe(400);
  });

  it('answers unknown routes with a NOT_FOUND envelope', async () => {
    const response = await api(platform, alice.apiKey, 'GET', '/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('NOT_FOUND');
  });
});

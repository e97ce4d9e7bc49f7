import { buildSchema, getOperationAST, parse } from 'graphql';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_LIMITS, operationCost, requestsFor } from '../../gateway/cost.js';
import { createAccount, startTestPlatform, type TestPlatform } from '../support/platform.js';

/** GraphQL documents are limited by GraphQL Armor before anything is planned, and counted by their cost. */
let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(() => platform?.stop());

async function post(key: string, query: string) {
  const response = await fetch(`${platform.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const LEAF = 'id name slug description createdAt updatedAt';
/** Within the alias and depth limits, 20 of these cost more than the cost limit. */
const COSTLY = `projects { items { ${LEAF} models { id name task project { ${LEAF} models { id name task project { ${LEAF} models { id name task slug } } } } } } }`;

const aliases = (count: number, selection = 'me { id }') =>
  `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${selection}`).join(' ')} }`;

describe('document limits', () => {
  it('refuses 10,000 aliases at once, without stalling /health, and charges it only its one request', async () => {
    const { apiKey } = await createAccount(platform, 'free');
    const started = Date.now();
    const [answer, health] = await Promise.all([
      post(apiKey, aliases(10_000)),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        const before = Date.now();
        const response = await fetch(`${platform.url}/health`);
        return { status: response.status, ms: Date.now() - before };
      })(),
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions).toEqual({ code: 'VALIDATION_ERROR' });
    expect(answer.body.errors[0].message).toMatch(/tokens/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(health).toMatchObject({ status: 200 });
    expect(health.ms).toBeLessThan(2_000);
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('59');
  });

  it('refuses too many aliases, too deep, too many directives and too costly documents with a clear VALIDATION_ERROR', async () => {
    const { apiKey } = await createAccount(platform);
    const cases: Array<[string, string, RegExp]> = [
      ['aliases', aliases(DOCUMENT_LIMITS.maxAliases + 1), /Aliases limit of 20/],
      [
        'depth',
        '{ projects { items { models { project { models { project { models { project { models { project { id } } } } } } } } } } }',
        /depth limit of 10/,
      ],
      ['directives', `{ me { ${'id @include(if: true) '.repeat(DOCUMENT_LIMITS.maxDirectives + 1)} } }`, /Directives limit of 10/],
      ['cost', aliases(20, COSTLY), /Cost limit of 5000 exceeded/],
    ];
    for (const [label, query, message] of cases) {
      const answer = await post(apiKey, query);
      expect(answer.status, label).toBe(400);
      expect(answer.body.errors[0].extensions, label).toEqual({ code: 'VALIDATION_ERROR' });
      expect(answer.body.errors[0].message, label).toMatch(message);
      expect(answer.body.data, label).toBeUndefined();
    }
    expect((await post(apiKey, '{ me { id } }')).status).toBe(200);
  });
});

describe('cost against the plan', () => {
  it("counts a document as many requests as its cost says, against the plan's rate limit", async () => {
    const { apiKey } = await createAccount(platform, 'free');
    const query = aliases(15, 'projects(limit: 100) { items { id name models { id name } } }');
    const schema = buildSchema(await readFile(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
    const document = parse(query);
    const expected = requestsFor(operationCost(schema, document, getOperationAST(document)!));
    expect(expected).toBeGreaterThan(1);

    const first = await post(apiKey, '{ me { id } }');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('59');
    const heavy = await post(apiKey, query);
    expect(heavy.status).toBe(200);
    expect(Number(heavy.headers.get('x-ratelimit-remaining'))).toBe(59 - expected);

    // Spent by heavy documents, the budget refuses before they run: 429 RATE_LIMITED, with Retry-After.
    let last = heavy;
    for (let i = 0; i < 60 && last.status === 200; i++) last = await post(apiKey, query);
    expect(last.status).toBe(429);
    expect(last.body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(last.body.data).toBeUndefined();
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

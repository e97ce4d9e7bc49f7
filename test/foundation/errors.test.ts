import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../catalog/support.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

/** Errors: the client's mistakes answer 400 with the envelope's codes, nothing shows internals, nothing echoes huge input. */
let platform: TestPlatform;
let alice: TestAccount;
let internalPorts: string[];

beforeAll(async () => {
  platform = await startTestPlatform();
  alice = await createAccount(platform);
  internalPorts = platform.platform.subgraphs.subgraphs.map((subgraph) => new URL(subgraph.url).port);
});
afterAll(() => platform?.stop());

const ENVELOPE_CODES = ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_ERROR', 'RATE_LIMITED', 'INTERNAL_ERROR'];

/** Nothing of the machine, the code or the internal network in an answer. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/stacktrace|node_modules|\/work\/|\/tmp\/|at [\w.<>]+ \(|ECONN|EPIPE|ETIMEDOUT|127\.0\.0\.1:\d+\/graphql/);
  for (const port of internalPorts) expect(text).not.toContain(`:${port}`);
}

async function send(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const response = await fetch(`${platform.url}${path}`, { ...init, headers: { 'x-api-key': alice.apiKey, ...init.headers } });
  const text = await response.text();
  expectNoInternals(text);
  return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
}

const gql = (body: unknown, headers: Record<string, string> = {}) =>
  send('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

function expectGraphQLRefusal(answer: { status: number; body: any }, code = 'VALIDATION_ERROR', status = 400): void {
  expect(answer.status).toBe(status);
  expect(answer.body.errors[0].extensions).toEqual({ code });
}

describe('GraphQL errors', () => {
  it('never carry a stack trace and always one of the envelope codes, 400 for what the client got wrong', async () => {
    expectGraphQLRefusal(await gql({ query: '{ me { id ' }));
    expectGraphQLRefusal(await gql({ query: '{ nope }' }));
    const misspelt = await gql({ query: '{ mee { id } }' });
    expectGraphQLRefusal(misspelt);
    expect(misspelt.body.errors[0].message).not.toMatch(/Did you mean/);
    expectGraphQLRefusal(await gql({ query: 'query A { me { id } }', operationName: 'B' }));
    expectGraphQLRefusal(await gql({ query: 'query A { me { id } } query B { me { id } }' }));
    expectGraphQLRefusal(await gql({ query: 'query($p: Int!) { projects(page: $p) { meta { total } } }', variables: { p: 1e12 } }));
    expectGraphQLRefusal(await gql({ query: 'mutation { startTraining(input: { modelId: "x", datasetId: "y", epochs: 1e12 }) { id } }' }));
    expectGraphQLRefusal(await gql({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }));
    expectGraphQLRefusal(await gql('{"query": "{ me'));
    expectGraphQLRefusal(await gql({ query: '{ me { id } }', padding: 'x'.repeat(11 * 1024 ** 2) }));
    expectGraphQLRefusal(await gql([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]));
  });

  it('refuse malformed multipart requests with 400: bad or missing map, files before map, two files', async () => {
    const operations = JSON.stringify({
      query: 'mutation($f: Upload!) { predict(modelId: "model_00000000000000000000", file: $f) { images { shape } } }',
      variables: { f: null },
    });
    const multipart = (parts: Array<[string, string | Blob, string?]>) => {
      const form = new FormData();
      for (const [name, value, filename] of parts) {
        if (typeof value === 'string') form.append(name, value);
        else form.append(name, value, filename);
      }
      return send('/graphql', { method: 'POST', headers: { 'apollo-require-preflight': 'true' }, body: form });
    };
    const file = new Blob(['not an image']);
    for (const parts of [
      [
        ['operations', '{bad json'],
        ['map', '{"0":["variables.f"]}'],
        ['0', file, 'a.jpg'],
      ],
      [
        ['operations', operations],
        ['0', file, 'a.jpg'],
      ],
      [
        ['operations', operations],
        ['map', 'not json'],
        ['0', file, 'a.jpg'],
      ],
      [
        ['operations', operations],
        ['map', '{"0":["variables.nothere"]}'],
        ['0', file, 'a.jpg'],
      ],
      [
        ['0', file, 'a.jpg'],
        ['operations', operations],
        ['map', '{"0":["variables.f"]}'],
      ],
      [
        ['operations', operations],
        ['map', '{"0":["variables.f"],"1":["variables.f"]}'],
        ['0', file, 'a.jpg'],
        ['1', file, 'b.jpg'],
      ],
    ] as Array<Array<[string, string | Blob, string?]>>) {
      const answer = await multipart(parts);
      expect(answer.status, JSON.stringify(parts.map(([name]) => name))).toBe(400);
      expect(answer.body.errors[0].extensions.code).toBe('VALIDATION_ERROR');
    }
  });

  it('refuse NUL characters in ids and names before they reach the database', async () => {
    expectGraphQLRefusal(await gql({ query: 'query($id: ID!) { dataset(id: $id) { id } }', variables: { id: 'dataset_\u0000' } }));
    expectGraphQLRefusal(await gql({ query: 'mutation { createProject(input: { name: "a\\u0000b" }) { id } }' }));
  });

  it('never echo a huge input back', async () => {
    const huge = `dataset_${'A'.repeat(200_000)}`;
    const answer = await gql({ query: 'query($id: ID!) { dataset(id: $id) { id } }', variables: { id: huge } });
    expect(answer.body.errors[0]).toMatchObject({ message: 'Invalid dataset ID', extensions: { code: 'VALIDATION_ERROR' } });
    expect(answer.text.length).toBeLessThan(2_000);
  });
});

describe('REST errors', () => {
  const expectRefusal = (answer: { status: number; body: any }, code = 'VALIDATION_ERROR') => {
    expect(answer.status).toBe(code === 'VALIDATION_ERROR' ? 400 : code === 'NOT_FOUND' ? 404 : 0);
    expect(answer.body.success).toBe(false);
    expect(ENVELOPE_CODES).toContain(answer.body.error.code);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error).toHaveProperty('details');
  };

  it('answer malformed ids with "Invalid dataset ID" and unknown well-formed ones with NOT_FOUND', async () => {
    const malformed = await send('/api/datasets/dataset_abc123');
    expectRefusal(malformed);
    expect(malformed.body.error.message).toBe('Invalid dataset ID');
    expectRefusal(await send('/api/models/project_00000000000000000000'));
    expectRefusal(await send(`/api/datasets/dataset_${'0'.repeat(20)}`), 'NOT_FOUND');
    expectRefusal(await send('/api/datasets/dataset_%00x'));
    expectRefusal(await send('/api/datasets/dataset_%C3%28'));
    expectRefusal(
      await send('/api/trash', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type":"model","itemId":"nope"}',
      }),
    );
  });

  it('answer bodies and parameters the client got wrong with 400, never 500', async () => {
    const json = { 'content-type': 'application/json' };
    expectRefusal(await send('/api/projects', { method: 'POST', headers: json, body: '{"name": "x' }));
    expectRefusal(
      await send('/api/projects', { method: 'POST', headers: json, body: JSON.stringify({ name: 'x'.repeat(2 * 1024 ** 2) }) }),
    );
    expectRefusal(await send('/api/projects', { method: 'POST', headers: json, body: JSON.stringify({ name: 'a\u0000b' }) }));
    expectRefusal(await send('/api/projects?page=3000000000'));
    expectRefusal(await send('/api/projects?limit=1e308'));
    expectRefusal(
      await send('/api/training/start', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ modelId: `model_${'0'.repeat(20)}`, datasetId: `dataset_${'0'.repeat(20)}`, epochs: 1e12 }),
      }),
    );
    for (const imgsz of ['640.5', '1e308', '-1', 'NaN']) {
      const answer = await postForm(
        platform,
        alice.apiKey,
        '/',
        { model: `model_${'0'.repeat(20)}`, imgsz },
        { name: 'a.jpg', bytes: Buffer.from('x') },
      );
      expect(answer.status, imgsz).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it('always carry details, and say where a file sent under the wrong field name went', async () => {
    const unknown = await send('/api/nothing-here');
    expect(unknown.body.error).toEqual({ code: 'NOT_FOUND', message: 'No such route', details: {} });
    const form = new FormData();
    form.append('weights', new Blob(['x']), 'yolo.onnx');
    form.append('projectId', `project_${'0'.repeat(20)}`);
    form.append('name', 'n');
    const misplaced = await send('/api/models', { method: 'POST', body: form });
    expectRefusal(misplaced);
    expect(misplaced.body.error.message).toMatch(/multipart field "file" \(it came as "weights"\)/);
  });
});

describe('/metrics', () => {
  it('labels /api requests by route family, not "other"', async () => {
    await api(platform, alice.apiKey, 'GET', '/api/projects');
    await api(platform, alice.apiKey, 'GET', `/api/datasets/dataset_${'0'.repeat(20)}`);
    await api(platform, alice.apiKey, 'GET', '/api/zzz-not-a-route');
    const metrics = await (await fetch(`${platform.url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{surface="api:projects",method="GET",status="200"\}/);
    expect(metrics).toMatch(/http_requests_total\{surface="api:datasets",method="GET",status="404"\}/);
    expect(metrics).toMatch(/http_requests_total\{surface="api:other",method="GET",status="404"\}/);
    expect(metrics).not.toContain('zzz-not-a-route');
  });
});

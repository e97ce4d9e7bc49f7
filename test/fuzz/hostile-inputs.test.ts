import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { crc32, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpeg, rawZip, type RawEntry } from '../catalog/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

/**
 * A few thousand generated hostile inputs against every surface: HTTP routes (methods, paths, ids, headers, bodies),
 * multipart requests (REST and GraphQL), GraphQL documents built from the schema, WebSocket frames, and the contents
 * of dataset zips and NDJSON files. For every answer: no 5xx, no internals (stack, path, internal port, ECONN…), an
 * answer within a bound; after each family the server still serves. Seeded (FUZZ_SEED) so a failure reproduces;
 * each family stops at its time budget (about 60 s in all), FUZZ_RUNS scales the number of inputs.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);
const ANSWER_WITHIN_MS = 20_000;

let platform: TestPlatform;
let account: TestAccount;
let schema: GraphQLSchema;
let internals: RegExp;
const ids: Record<string, string> = {};
let image: Buffer;
const stats: Record<string, number> = {};

beforeAll(async () => {
  platform = await startTestPlatform({
    ENTERPRISE_RATE_LIMIT_PER_MINUTE: '10000000',
    ENTERPRISE_RATE_LIMIT_PER_DAY: '10000000',
    ENTERPRISE_SHARED_INFERENCE_PER_HOUR: '10000000',
    ULTRALYTICS_CLI: '/bin/false',
  });
  account = await createAccount(platform, 'enterprise');
  schema = buildSchema(await readFile(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
  const ports = platform.platform.subgraphs.subgraphs.map((subgraph) => new URL(subgraph.url).port);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // What must never appear in an answer: stack frames, this checkout's and the data dir's paths, Node's socket error
  // codes, the subgraphs' addresses.
  internals = new RegExp(
    [
      '"stacktrace"',
      '\\n\\s+at \\S+ \\(',
      'node_modules',
      escape(process.cwd()),
      escape(platform.config.dataDir),
      escape(`${tmpdir()}/vp-`),
      'ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH',
      ...ports.map((port) => `(127\\.0\\.0\\.1|localhost):${port}`),
    ].join('|'),
  );
  image = await jpeg(32, 24);
  const project = await api(platform, account.apiKey, 'POST', '/api/projects', { name: 'fuzz' });
  ids.project = project.body.data.id;
  ids.dataset = (await api(platform, account.apiKey, 'POST', '/api/datasets', { name: 'fuzz', task: 'detect' })).body.data.id;
  const onnx = buildOnnxModel({
    task: 'detect',
    names: ['a', 'b'],
    imgsz: [32, 32],
    outputs: [{ name: 'output0', ...channelMajor([[16, 16, 8, 8, 0.9, 0.1]]) }],
  });
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(onnx)]), 'm.onnx');
  form.append('projectId', ids.project!);
  form.append('name', 'fuzz-model');
  const model = await fetch(`${platform.url}/api/models`, { method: 'POST', headers: { 'x-api-key': account.apiKey }, body: form });
  ids.model = ((await model.json()) as { data: { id: string } }).data.id;
});
afterAll(async () => {
  console.log(
    `fuzz (seed ${SEED}): ${Object.entries(stats)
      .map(([family, count]) => `${family} ${count}`)
      .join(', ')}`,
  );
  await platform?.stop();
});

/** One answer checked: below 500 and no INTERNAL_ERROR, nothing internal. */
function checkAnswer(where: string, status: number, text: string): void {
  // A server fault inside a 200 (GraphQL's partial data) is one too.
  if (status >= 500 || text.includes('"INTERNAL_ERROR"')) throw new Error(`${where}: answered ${status}: ${text.slice(0, 500)}`);
  const leak = internals.exec(text);
  if (leak) throw new Error(`${where}: the answer shows internals (${leak[0]}): ${text.slice(0, 500)}`);
}

async function send(family: string, path: string, init: RequestInit): Promise<void> {
  stats[family] = (stats[family] ?? 0) + 1;
  let response: Response;
  try {
    response = await fetch(`${platform.url}${path}`, { ...init, signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  } catch (error) {
    throw new Error(`${init.method ?? 'GET'} ${path.slice(0, 200)}: no answer within ${ANSWER_WITHIN_MS} ms`, { cause: error });
  }
  const sent = typeof init.body === 'string' ? ` with ${init.body.slice(0, 300)}` : '';
  checkAnswer(`${init.method ?? 'GET'} ${path.slice(0, 200)}${sent}`, response.status, await response.text());
}

async function stillServing(): Promise<void> {
  const health = await fetch(`${platform.url}/health`, { signal: AbortSignal.timeout(5_000) });
  expect(health.status).toBe(200);
  expect((await api(platform, account.apiKey, 'GET', '/api/projects')).status).toBe(200);
}

const run = (property: fc.IAsyncProperty<any>, numRuns: number, budgetMs: number) =>
  fc.assert(property, { seed: SEED, numRuns: numRuns * RUNS, interruptAfterTimeLimit: budgetMs * RUNS, endOnFailure: true });

// ---- building blocks -------------------------------------------------------------------------------------------

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', '\uffff', '../../etc/passwd', '%00', '%C3%28', '💥'.repeat(10), '<script>'),
  fc.constantFrom('x'.repeat(5_000), '9'.repeat(400), '-1', '1e308', 'NaN', 'Infinity', '3000000000', '640.5', 'null', 'true'),
);
const hostileNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 31, 2 ** 53 + 1, 1e12, 1e308, -1e308, 640.5, Number.MAX_SAFE_INTEGER),
);
const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    hostileText,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'name', 'task', 'id', 'scopes', 'epochs')),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
})).value;

/** Ids of every kind and shape: the platform's own, well-formed unknown ones, malformed, encoded garbage. */
const hostileId = fc.oneof(
  fc.constantFrom('project', 'dataset', 'model').map((kind) => ids[kind]!),
  fc.constantFrom('project', 'dataset', 'model', 'key', 'user', 'training').map((kind) => `${kind}_${'A'.repeat(20)}`),
  fc.stringMatching(/^[a-z]{1,10}_[0-9A-Za-z]{0,30}$/),
  hostileText.map((text) => {
    try {
      return encodeURIComponent(text) || 'x';
    } catch {
      return '%ED%A0%80'; // a lone surrogate, as UTF-8 bytes
    }
  }),
  fc.constantFrom('%00', '%C3%28', '%', '..', '%2e%2e', 'a'.repeat(3_000)),
);

const ROUTES: Array<[string[], string]> = [
  [['GET', 'POST'], '/api/api-keys'],
  [['DELETE'], '/api/api-keys/:key'],
  [['GET', 'POST'], '/api/datasets'],
  [['GET', 'DELETE'], '/api/datasets/:id'],
  [['POST'], '/api/datasets/:id/upload'],
  [['POST'], '/api/datasets/:id/export'],
  [['GET', 'POST'], '/api/projects'],
  [['GET', 'DELETE'], '/api/projects/:id'],
  [['GET', 'POST'], '/api/models'],
  [['GET', 'DELETE'], '/api/models/:id'],
  [['GET'], '/api/models/:id/files'],
  [['POST'], '/api/models/:id/predict'],
  [['GET', 'DELETE'], '/api/models/:id/training'],
  [['POST'], '/api/training/start'],
  [['GET'], '/api/storage'],
  [['GET', 'POST', 'DELETE'], '/api/trash'],
  [['POST', 'DELETE'], '/api/trash/empty'],
  [['POST'], '/'],
  [['POST'], '/predict'],
  [['GET', 'POST'], '/graphql'],
  [['GET'], '/graphql/explorer/:id'],
  [['GET'], '/files/:id'],
  [['GET'], '/health'],
  [['GET'], '/ready'],
  [['GET', 'PUT', 'PATCH', 'OPTIONS', 'HEAD'], '/api/:id'],
];

const authHeaders = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Record<string, string>>({}).map(() => ({ 'x-api-key': account.apiKey })) },
  fc.constant({}),
  hostileText.map((text) => ({ authorization: `Bearer ${text.replace(/[^\x20-\x7e]/g, '')}` })),
  fc.constant({ 'x-api-key': 'ul_' + '0'.repeat(40) }),
  fc.constant({ 'x-operator-token': 'forged.token' }),
);

// ---- the families ----------------------------------------------------------------------------------------------

describe('hostile inputs on every surface: no 5xx, no crash, no hang, no internals', () => {
  it('HTTP: every route, method, id, header and body', async () => {
    const request = fc.record({
      route: fc.constantFrom(...ROUTES),
      method: fc.nat(),
      id: hostileId,
      query: fc.dictionary(fc.constantFrom('page', 'limit', 'task', 'type', 'projectId', 'expires', 'signature', 'query'), hostileText, {
        maxKeys: 3,
      }),
      auth: authHeaders,
      contentType: fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/json; charset=latin1',
        undefined,
      ),
      body: fc.oneof(
        hostileJson.map((value) => JSON.stringify(value)),
        hostileText,
        fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
      ),
    });
    await run(
      fc.asyncProperty(request, async ({ route: [methods, template], method, id, query, auth, contentType, body }) => {
        const verb = methods[method % methods.length]!;
        const path = template.replace(/:\w+/g, () => id) + (Object.keys(query).length ? `?${new URLSearchParams(query)}` : '');
        const headers: Record<string, string> = { ...auth, 'apollo-require-preflight': 'true' };
        if (contentType) headers['content-type'] = contentType;
        await send('http', path, { method: verb, headers, body: verb === 'GET' || verb === 'HEAD' ? undefined : (body as BodyInit) });
      }),
      1500,
      14_000,
    );
    await stillServing();
  });

  it('multipart: random fields and files to every upload route, and GraphQL multipart with random operations and maps', async () => {
    const part = fc.record({
      name: fc.oneof(
        fc.constantFrom(
          'file',
          'model',
          'imgsz',
          'conf',
          'iou',
          'frameStride',
          'maxFrames',
          'projectId',
          'name',
          'operations',
          'map',
          '0',
          '1',
        ),
        fc.string({ maxLength: 10 }),
      ),
      value: fc.oneof(
        hostileText,
        hostileJson.map((value) => JSON.stringify(value)),
      ),
      file: fc.option(
        fc.oneof(
          fc.uint8Array({ maxLength: 3_000 }).map((bytes) => Buffer.from(bytes)),
          fc.constant(null).map(() => image),
          fc.constant(null).map(() => image.subarray(0, 100)),
          fc.constantFrom(Buffer.from('PK\u0003\u0004'), Buffer.from('{"type":"dataset"}\n'), Buffer.from('RIFF0000AVI LIST')),
        ),
      ),
      filename: fc.oneof(
        fc.constantFrom('a.jpg', 'd.zip', 'd.ndjson', 'm.onnx', 'm.pt', 'v.mp4', '../../x', ''),
        fc.string({ maxLength: 20 }),
      ),
    });
    const operations = fc.oneof(
      fc.constant(
        JSON.stringify({
          query: 'mutation($f: Upload!) { predict(modelId: "MODEL", file: $f) { images { shape } } }',
          variables: { f: null },
        }),
      ),
      fc.constant(
        JSON.stringify({ query: 'mutation($f: Upload!) { uploadDataset(id: "DATASET", file: $f) { id } }', variables: { f: null } }),
      ),
      hostileJson.map((value) => JSON.stringify(value)),
    );
    const map = fc.oneof(
      fc.constant('{"0":["variables.f"]}'),
      hostileJson.map((value) => JSON.stringify(value)),
      hostileText,
    );
    const target = fc.constantFrom(
      '/',
      '/predict',
      '/api/models',
      '/api/models/:model/predict',
      '/api/datasets/:dataset/upload',
      '/graphql',
    );
    await run(
      fc.asyncProperty(
        target,
        fc.array(part, { maxLength: 6 }),
        operations,
        map,
        fc.boolean(),
        async (route, parts, ops, mapping, specOrder) => {
          const form = new FormData();
          if (route === '/graphql' && specOrder) {
            form.append('operations', ops.replace('MODEL', ids.model!).replace('DATASET', ids.dataset!));
            form.append('map', mapping);
          }
          for (const { name, value, file, filename } of parts) {
            if (file) form.append(name, new Blob([new Uint8Array(file)]), filename);
            else form.append(name, value);
          }
          const path = route.replace(':model', ids.model!).replace(':dataset', ids.dataset!);
          await send('multipart', path, {
            method: 'POST',
            headers: { 'x-api-key': account.apiKey, 'apollo-require-preflight': 'true' },
            body: form,
          });
        },
      ),
      600,
      8_000,
    );
    await stillServing();
  });

  it('GraphQL: documents generated from the schema with hostile arguments, aliases, fragments and directives', async () => {
    await run(
      fc.asyncProperty(fc.gen(), fc.boolean(), async (g, garbage) => {
        const query = garbage ? g(() => fc.oneof(hostileText, fc.string({ unit: 'grapheme', maxLength: 200 }))) : document(g);
        const variables = g(() => fc.option(hostileJson)) ?? undefined;
        await send('graphql', '/graphql', {
          method: 'POST',
          headers: { 'x-api-key': account.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables, operationName: g(() => fc.option(fc.string({ maxLength: 8 }))) ?? undefined }),
        });
      }),
      800,
      8_000,
    );
    await stillServing();
  });

  it('WebSocket: random frames after a valid or invalid connection_init', async () => {
    const frame = fc.oneof(
      hostileJson.map((value) => JSON.stringify(value)),
      hostileText,
      fc
        .record({
          id: fc.oneof(fc.string({ maxLength: 8 }), fc.constant('1')),
          type: fc.constantFrom('subscribe', 'complete', 'ping', 'pong', 'connection_init', 'next', 'error', 'nonsense'),
          payload: fc.oneof(
            hostileJson,
            fc.record({
              query: fc.oneof(
                fc.constantFrom(
                  '{ me { id } }',
                  '{ dataset(id: "abc") { id } }',
                  'mutation { deleteModel(id: "model_x") { id } }',
                  '{ projects { items { id models { id } } } }',
                  'subscription { apiKeyEvents { keyId } }',
                  'subscription { trainingProgress(modelId: "x") { type } }',
                ),
                hostileText,
              ),
              variables: fc.option(hostileJson),
            }),
          ),
        })
        .map((message) => JSON.stringify(message)),
    );
    await run(
      fc.asyncProperty(fc.boolean(), hostileJson, fc.array(frame, { minLength: 1, maxLength: 6 }), async (validInit, params, frames) => {
        stats.websocket = (stats.websocket ?? 0) + 1;
        const socket = new WebSocket(`${platform.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
        const received: string[] = [];
        const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
        socket.on('message', (data) => received.push(String(data)));
        socket.on('error', () => undefined);
        await new Promise<void>((resolve) => {
          socket.on('open', () => resolve());
          socket.on('close', () => resolve());
        });
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: 'connection_init', payload: validInit ? { 'x-api-key': account.apiKey } : params }));
          for (const text of frames) socket.send(text);
          await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 300))]);
          socket.close();
        }
        const code = await Promise.race([closed, new Promise<number>((resolve) => setTimeout(() => resolve(-1), ANSWER_WITHIN_MS))]);
        if (code === -1) throw new Error('the socket did not close in time');
        if (code === 1011 || code === 4500)
          throw new Error(`the server closed the socket with an internal error (${code}): ${received.join(' ')}`);
        for (const message of received) checkAnswer('websocket', 200, message);
      }),
      400,
      6_000,
    );
    await stillServing();
  });

  it('dataset zips with hostile entries: names, contents, sizes, compression', async () => {
    const entry = fc.record({
      name: fc.oneof(
        fc.constantFrom(
          'data.yaml',
          'images/train/1.jpg',
          'images/val/2.png',
          'labels/train/1.txt',
          'train/a/1.jpg',
          'top/data.yaml',
          'top/images/train/1.jpg',
          'top/labels/train/1.txt',
        ),
        fc.constantFrom(
          '../evil.jpg',
          '/abs.jpg',
          'images/../../x.jpg',
          'images/train/\u0000.jpg',
          'images\\train\\1.jpg',
          '__MACOSX/x',
          '.hidden/x',
          'images/train/' + 'n'.repeat(300) + '.jpg',
        ),
        fc.string({ maxLength: 30 }),
      ),
      content: fc.oneof(
        fc.constant(null).map(() => image),
        fc.constantFrom(
          'names:\n  0: a\n  1: b\n',
          'names: [a, b]\nkpt_shape: [17, 3]\n',
          'names: {}\n',
          ': : :\n',
          'names: [' + 'x, '.repeat(100) + ']\n',
        ),
        fc
          .array(
            fc.array(hostileNumber, { maxLength: 9 }).map((row) => row.join(' ')),
            { maxLength: 20 },
          )
          .map((rows) => rows.join('\n')),
        fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
      ),
      method: fc.constantFrom(0 as const, 8 as const),
      lie: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, fc.integer({ min: -1000, max: 1000 }), fc.constant(2 ** 31)),
      corrupt: fc.boolean(),
    });
    await run(
      fc.asyncProperty(
        fc.array(entry, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('detect', 'classify', 'pose'),
        async (entries, task) => {
          const raw: RawEntry[] = entries.map(({ name, content, method, lie, corrupt }) => {
            const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
            const stored = method === 8 ? (corrupt ? Buffer.from(data).reverse() : deflateRawSync(data)) : data;
            return { name, stored, method, uncompressedSize: Math.max(0, data.length + lie), crc: crc32(data) };
          });
          const dataset = (await api(platform, account.apiKey, 'POST', '/api/datasets', { name: 'zip', task })).body.data.id as string;
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(rawZip(raw))]), 'd.zip');
          await send('zip', `/api/datasets/${dataset}/upload`, { method: 'POST', headers: { 'x-api-key': account.apiKey }, body: form });
        },
      ),
      200,
      7_000,
    );
    await stillServing();
  });

  it('NDJSON datasets with hostile headers, records, labels and URLs', async () => {
    const url = fc.oneof(
      fc.constantFrom(
        'http://127.0.0.1:9/1.jpg',
        'http://[::ffff:7f00:1]/1.jpg',
        'http://2130706433/1.jpg',
        'http://[::1]:9/x.jpg',
        'http://10.0.0.1/1.jpg',
        'http://169.254.169.254/latest',
        'http://[fd00::1]/1.jpg',
        'http://0x7f.1/1.jpg',
        'https://[::ffff:169.254.169.254]/',
        'http://[::1',
        'ftp://127.0.0.1/1.jpg',
        'http:///1.jpg',
      ),
      hostileText,
    );
    const header = fc.oneof(
      fc.constant({ type: 'dataset', task: 'detect', class_names: { 0: 'a', 1: 'b' } }),
      fc.record({
        type: fc.oneof(fc.constant('dataset'), hostileText),
        task: fc.oneof(fc.constantFrom('detect', 'pose', 'classify'), hostileText),
        class_names: hostileJson,
        kpt_shape: hostileJson,
      }),
      hostileJson,
    );
    const record = fc.record({
      type: fc.oneof(fc.constant('image'), hostileText),
      split: fc.oneof(fc.constantFrom('train', 'val'), hostileText),
      file: fc.oneof(fc.constantFrom('1.jpg', 'a/b.png', '../x.jpg', '/abs.jpg'), hostileText),
      url,
      annotations: fc.oneof(
        fc.record({ boxes: fc.array(fc.array(hostileNumber, { maxLength: 6 }), { maxLength: 5 }) }),
        fc.record({ classification: hostileJson }),
        hostileJson,
      ),
    });
    await run(
      fc.asyncProperty(header, fc.array(fc.oneof(record, hostileJson), { maxLength: 5 }), fc.boolean(), async (head, records, crlf) => {
        const lines = [head, ...records].map((line) => JSON.stringify(line) ?? 'null').join(crlf ? '\r\n' : '\n');
        const form = new FormData();
        form.append('file', new Blob([lines]), 'd.ndjson');
        await send('ndjson', `/api/datasets/${ids.dataset}/upload`, {
          method: 'POST',
          headers: { 'x-api-key': account.apiKey },
          body: form,
        });
      }),
      300,
      5_000,
    );
    await stillServing();
  });
});

// ---- GraphQL documents from the schema ---------------------------------------------------------------------------

type Gen = fc.GeneratorValue;

/** A random operation over the API schema: root fields with hostile arguments, sub-selections, aliases, directives. */
function document(g: Gen): string {
  const kind = g(fc.constantFrom, 'query', 'mutation', 'subscription') as 'query' | 'mutation' | 'subscription';
  const root = kind === 'query' ? schema.getQueryType() : kind === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return '{ me { id } }';
  const fields = Object.values(root.getFields());
  const count = g(fc.integer, { min: 1, max: 4 });
  const selections = Array.from({ length: count }, (_, i) => {
    const field = fields[g(fc.integer, { min: 0, max: fields.length - 1 })]!;
    const alias = g(fc.boolean) ? `a${i}: ` : '';
    return `${alias}${fieldText(g, field, 0)}`;
  });
  const directive = g(fc.boolean) ? ' @include(if: true)' : '';
  return `${kind}${directive} { ${selections.join(' ')} }`;
}

function fieldText(g: Gen, field: GraphQLField<unknown, unknown>, depth: number): string {
  const args = field.args.filter(() => g(fc.boolean)).map((arg) => `${arg.name}: ${literal(g, arg.type, 0)}`);
  const named = getNamedType(field.type);
  const head = `${field.name}${args.length ? `(${args.join(', ')})` : ''}`;
  if (!isObjectType(named)) return head;
  return `${head} { ${selection(g, named, depth + 1)} }`;
}

function selection(g: Gen, type: GraphQLObjectType, depth: number): string {
  const fields = Object.values(type.getFields());
  const scalars = fields.filter((field) => !isObjectType(getNamedType(field.type)));
  const chosen = depth > 3 ? scalars.slice(0, 2) : fields.filter(() => g(fc.boolean));
  const picked = chosen.length ? chosen : (scalars.length ? scalars : fields).slice(0, 1);
  return picked.map((field) => fieldText(g, field, depth)).join(' ') || '__typename';
}

function literal(g: Gen, type: GraphQLInputType, depth: number): string {
  if (g(fc.integer, { min: 0, max: 9 }) === 0)
    return g(fc.constantFrom, 'null', '"\\u0000"', '1e308', '-1', '"x"', '3000000000', '640.5', '[]', '{}', 'true');
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner))
    return `[${Array.from({ length: g(fc.integer, { min: 0, max: 3 }) }, () => literal(g, inner.ofType, depth + 1)).join(', ')}]`;
  if (isEnumType(inner)) return inner.getValues()[0]?.name ?? 'null';
  if (isInputObjectType(inner)) {
    if (depth > 2) return '{}';
    const fields = Object.values(inner.getFields()).filter((field) => isNonNullType(field.type) || g(fc.boolean));
    return `{ ${fields.map((field) => `${field.name}: ${literal(g, field.type, depth + 1)}`).join(', ')} }`;
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case 'Int':
        return String(g(fc.constantFrom, 0, 1, 20, -5, 2147483647, 100, 1000));
      case 'Float':
        return String(g(fc.constantFrom, 0, 0.5, 1, -1, 1e10, 0.01));
      case 'Boolean':
        return String(g(fc.boolean));
      case 'ID':
        return JSON.stringify(g(() => fc.oneof(fc.constantFrom(...Object.values(ids)), hostileText)));
      default:
        return JSON.stringify(g(() => hostileText));
    }
  }
  return 'null';
}

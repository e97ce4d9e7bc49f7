import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../kernel/events.js';
import { CALLER_HEADER, signCaller } from '../../kernel/auth.js';
import { gatewaySecret } from '../../platform/secret.js';
import { ModelsWithProjectsDocument, ProjectsWithModelsDocument, UploadModelFileDocument } from '../generated/graphql.js';
import { api, createAccount, graphql, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { buildOnnxModel } from '../support/onnx-builder.js';
import { countCatalogQueries, graphqlUpload, postForm, storedFiles } from './support.js';
import { describeWithFixtures, fixturePath, hasFixtures } from '../support/fixtures.js';

let platform: TestPlatform;
let owner: TestAccount;
let stranger: TestAccount;
const events: DomainEvent[] = [];

beforeAll(async () => {
  platform = await startTestPlatform();
  [owner, stranger] = await Promise.all([createAccount(platform, 'pro'), createAccount(platform, 'free')]);
  platform.platform.subgraphs.events.onLive((event) => events.push(event));
});
afterAll(() => platform?.stop());

const settle = () => platform.platform.subgraphs.events.settle();
const newProject = async (key = owner.apiKey, name = 'experiments') =>
  (await api(platform, key, 'POST', '/api/projects', { name })).body.data.id as string;
// A minimal PyTorch checkpoint as far as the platform looks: a zip archive.
const ptBytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60, 1)]);

describe('projects', () => {
  it('creates (201), gets, lists with meta and deletes to the trash', async () => {
    const created = await api(platform, owner.apiKey, 'POST', '/api/projects', {
      name: 'My Project',
      description: 'Detection experiments',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      success: true,
      data: { name: 'My Project', slug: 'my-project', description: 'Detection experiments' },
    });
    const id = created.body.data.id as string;
    expect(id).toMatch(/^project_/);
    expect((await api(platform, owner.apiKey, 'GET', `/api/projects/${id}`)).body.data.id).toBe(id);

    const list = await api(platform, owner.apiKey, 'GET', '/api/projects?page=1&limit=1');
    expect(list.status).toBe(200);
    expect(list.body.meta).toMatchObject({ page: 1, limit: 1 });
    expect(list.body.data).toHaveLength(1);
    const total = list.body.meta.total as number;

    const deleted = await api(platform, owner.apiKey, 'DELETE', `/api/projects/${id}`);
    expect(deleted.body).toEqual({ success: true, data: { id, deleted: true } });
    expect((await api(platform, owner.apiKey, 'GET', `/api/projects/${id}`)).status).toBe(404);
    expect((await api(platform, owner.apiKey, 'GET', '/api/projects')).body.meta.total).toBe(total - 1);
    expect((await api(platform, owner.apiKey, 'DELETE', `/api/projects/${id}`)).status).toBe(404);
  });

  it('refuses bad input with VALIDATION_ERROR', async () => {
    for (const [route, body] of [
      ['/api/projects', {}],
      ['/api/projects', { name: '   ' }],
      ['/api/projects', { name: 'x'.repeat(101) }],
      ['/api/projects', { name: 42 }],
    ] as const) {
      const res = await api(platform, owner.apiKey, 'POST', route, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
    for (const query of ['page=abc', 'page=0', 'limit=0', 'limit=1000', 'limit=-5']) {
      const res = await api(platform, owner.apiKey, 'GET', `/api/projects?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it("keeps every project private: another account's id is NOT_FOUND", async () => {
    const id = await newProject();
    for (const method of ['GET', 'DELETE']) {
      const res = await api(platform, stranger.apiKey, method, `/api/projects/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await api(platform, stranger.apiKey, 'GET', '/api/projects')).body.data.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await api(platform, undefined, 'GET', '/api/projects')).status).toBe(401);
  });
});

describe('models', () => {
  it('creates a model to train from JSON (201), with a default architecture per task', async () => {
    const projectId = await newProject();
    const created = await api(platform, owner.apiKey, 'POST', '/api/models', {
      projectId,
      name: 'scratch',
      task: 'segment',
      architecture: 'yolo11n-seg',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      projectId,
      name: 'scratch',
      task: 'segment',
      architecture: 'yolo11n-seg',
      status: 'pending',
      servable: false,
      files: [],
    });
    expect(created.body.data.id).toMatch(/^model_/);
    const v8 = await api(platform, owner.apiKey, 'POST', '/api/models', { projectId, name: 'v8', task: 'detect', architecture: 'yolov8n' });
    expect(v8.body.data.architecture).toBe('yolov8n');
    const defaulted = await api(platform, owner.apiKey, 'POST', '/api/models', { projectId, name: 'pose', task: 'pose' });
    expect(defaulted.body.data.architecture).toBe('yolo11n-pose');
  });

  it('refuses bad JSON input with VALIDATION_ERROR and a foreign project with NOT_FOUND', async () => {
    const projectId = await newProject();
    const bad = [
      { name: 'm', task: 'detect' },
      { projectId, task: 'detect' },
      { projectId, name: 'm', task: 'count' },
      { projectId, name: 'm' },
      { projectId, name: 'm', task: 'detect', architecture: 'resnet50' },
      { projectId, name: 'm', task: 'detect', architecture: 'yolo11n-seg' },
    ];
    for (const body of bad) {
      const res = await api(platform, owner.apiKey, 'POST', '/api/models', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
    const foreign = await api(platform, stranger.apiKey, 'POST', '/api/models', { projectId, name: 'm', task: 'detect' });
    expect(foreign.status).toBe(404);
    expect((await api(platform, owner.apiKey, 'GET', '/api/models?task=count')).body.error.code).toBe('VALIDATION_ERROR');
  });

  it('uploads .pt weights as a stored, downloadable, not servable model', async () => {
    const projectId = await newProject();
    const res = await postForm(platform, owner.apiKey, '/api/models', { projectId, name: 'weights' }, { name: 'best.pt', bytes: ptBytes });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ format: 'pt', task: null, servable: false, status: 'ready', sizeBytes: ptBytes.length });
    const files = await api(platform, owner.apiKey, 'GET', `/api/models/${res.body.data.id}/files`);
    expect(files.status).toBe(200);
    expect(files.body.data.files).toHaveLength(1);
    const download = await fetch(files.body.data.url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(ptBytes);
  });

  it('refuses bad uploads with VALIDATION_ERROR and leaves no row and no file', async () => {
    const projectId = await newProject();
    const before = {
      files: await storedFiles(platform),
      models: (await api(platform, owner.apiKey, 'GET', '/api/models')).body.meta.total,
    };
    const onnxHead = Buffer.from([0x08, 0x07, 0x12, 0x07]);
    const cases: Array<[string, Record<string, string>, { name: string; bytes: Buffer }]> = [
      ['text named .onnx', { projectId, name: 'x' }, { name: 'model.onnx', bytes: Buffer.from('this is not a model\n') }],
      ['truncated onnx', { projectId, name: 'x' }, { name: 'model.onnx', bytes: onnxHead }],
      ['text named .pt', { projectId, name: 'x' }, { name: 'model.pt', bytes: Buffer.from('hello') }],
      ['unknown extension', { projectId, name: 'x' }, { name: 'model.h5', bytes: ptBytes }],
      ['missing name', { projectId }, { name: 'model.pt', bytes: ptBytes }],
      ['missing project', { name: 'x' }, { name: 'model.pt', bytes: ptBytes }],
    ];
    for (const [label, fields, file] of cases) {
      const res = await postForm(platform, owner.apiKey, '/api/models', fields, file);
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_ERROR');
    }
    if (hasFixtures) {
      const real = await readFile(fixturePath('models/shapes-detect.onnx'));
      const res = await postForm(
        platform,
        owner.apiKey,
        '/api/models',
        { projectId, name: 'cut' },
        { name: 'cut.onnx', bytes: real.subarray(0, real.length >> 1) },
      );
      expect(res.body.error.code, 'truncated real onnx').toBe('VALIDATION_ERROR');
    }
    expect(await storedFiles(platform)).toEqual(before.files);
    expect((await api(platform, owner.apiKey, 'GET', '/api/models')).body.meta.total).toBe(before.models);
  });

  it('refuses an ONNX export whose output layout the runtime cannot serve, saying why', async () => {
    const projectId = await newProject();
    const before = await storedFiles(platform);
    const rows = (width: number) => ({ name: 'output0', dims: [1, 300, width], data: new Float32Array(300 * width) });
    const base = { names: ['a', 'b'], imgsz: [64, 64] as [number, number], end2end: true };
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['YOLO26 segment without prototypes', buildOnnxModel({ ...base, task: 'segment', outputs: [rows(38)] }), /4-D prototype output/],
      [
        'pose rows that do not fit kpt_shape',
        buildOnnxModel({ ...base, task: 'pose', kptShape: [17, 3], outputs: [rows(18)] }),
        /kpt_shape \[17, 3\]\) = 57, but output0 \[1, 300, 18\] has 18/,
      ],
    ];
    for (const [label, bytes, reason] of cases) {
      const res = await postForm(
        platform,
        owner.apiKey,
        '/api/models',
        { projectId, name: 'x' },
        { name: 'x.onnx', bytes: Buffer.from(bytes) },
      );
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_ERROR');
      expect(res.body.error.message, label).toMatch(reason);
    }
    expect(await storedFiles(platform)).toEqual(before);
  });

  it('answers a body cut off mid-upload with VALIDATION_ERROR and keeps nothing', async () => {
    const projectId = await newProject();
    const before = await storedFiles(platform);
    const boundary = 'cutoffboundary';
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="projectId"\r\n\r\n${projectId}\r\n--${boundary}\r\ncontent-disposition: form-data; name="name"\r\n\r\ncut\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="m.pt"\r\n\r\n`;
    const res = await fetch(`${platform.url}/api/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.apiKey}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.concat([Buffer.from(head), ptBytes]), // no closing boundary
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('VALIDATION_ERROR');
    expect(await storedFiles(platform)).toEqual(before);
  });

  it('lists with filters and paging, hides deleted models, keeps them private', async () => {
    const projectId = await newProject();
    const other = await newProject();
    for (const [project, task] of [
      [projectId, 'detect'],
      [projectId, 'pose'],
      [other, 'detect'],
    ] as const) {
      await api(platform, owner.apiKey, 'POST', '/api/models', { projectId: project, name: `${task}-model`, task });
    }
    const ofProject = await api(platform, owner.apiKey, 'GET', `/api/models?projectId=${projectId}`);
    expect(ofProject.body.meta).toEqual({ page: 1, limit: 20, total: 2 });
    const detect = await api(platform, owner.apiKey, 'GET', `/api/models?projectId=${projectId}&task=detect`);
    expect(detect.body.data.map((m: { task: string }) => m.task)).toEqual(['detect']);
    const paged = await api(platform, owner.apiKey, 'GET', `/api/models?projectId=${projectId}&page=2&limit=1`);
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.meta).toEqual({ page: 2, limit: 1, total: 2 });

    const id = detect.body.data[0].id as string;
    for (const route of [`/api/models/${id}`, `/api/models/${id}/files`]) {
      expect((await api(platform, stranger.apiKey, 'GET', route)).status).toBe(404);
    }
    expect((await api(platform, stranger.apiKey, 'DELETE', `/api/models/${id}`)).status).toBe(404);
    expect((await api(platform, stranger.apiKey, 'GET', `/api/models?projectId=${projectId}`)).body.meta.total).toBe(0);

    expect((await api(platform, owner.apiKey, 'DELETE', `/api/models/${id}`)).body.data).toEqual({ id, deleted: true });
    expect((await api(platform, owner.apiKey, 'GET', `/api/models/${id}`)).status).toBe(404);
    expect((await api(platform, owner.apiKey, 'GET', `/api/models?projectId=${projectId}`)).body.meta.total).toBe(1);
    // Deleting the project takes its models to the trash too.
    await api(platform, owner.apiKey, 'DELETE', `/api/projects/${projectId}`);
    expect((await api(platform, owner.apiKey, 'GET', `/api/models?projectId=${projectId}`)).body.meta.total).toBe(0);
  });

  it('serves downloads only with a valid, unexpired signature', async () => {
    const projectId = await newProject();
    const model = await postForm(platform, owner.apiKey, '/api/models', { projectId, name: 'w' }, { name: 'w.pt', bytes: ptBytes });
    const { url } = (await api(platform, owner.apiKey, 'GET', `/api/models/${model.body.data.id}/files`)).body.data as { url: string };
    const signed = new URL(url);
    const tampered = new URL(url);
    tampered.searchParams.set('signature', `${signed.searchParams.get('signature')!.slice(0, -2)}xx`);
    const expired = new URL(url);
    expired.searchParams.set('expires', String(Math.floor(Date.now() / 1000) - 10));
    const otherFile = new URL(url.replace('/w.pt', '/other.pt'));
    for (const bad of [tampered, expired, otherFile, new URL(`${signed.origin}${signed.pathname}`)]) {
      const res = await fetch(bad);
      expect(res.status, bad.toString()).toBe(403);
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it('reports storage used against the plan limit', async () => {
    const storage = await api(platform, owner.apiKey, 'GET', '/api/storage');
    expect(storage.status).toBe(200);
    expect(storage.body.data.limit).toBe(500 * 1024 ** 3); // pro, as the platform docs list it
    expect(storage.body.data.used).toBeGreaterThan(0);
    expect(storage.body.data.percentage).toBeCloseTo((storage.body.data.used / storage.body.data.limit) * 100, 2);
    const free = await api(platform, stranger.apiKey, 'GET', '/api/storage');
    expect(free.body.data).toEqual({ used: 0, limit: 100 * 1024 ** 3, percentage: 0 });
  });
});

describeWithFixtures('ONNX fixtures', () => {
  it('reads task, class names and image size of every Ultralytics ONNX export', async () => {
    const projectId = await newProject();
    const expected: Record<string, { task: string; classNames: string[]; imageSize: number[]; kptShape?: number[] }> = {
      'shapes-detect.onnx': { task: 'detect', classNames: ['circle', 'square', 'triangle'], imageSize: [256, 256] },
      'shapes-detect-640.onnx': { task: 'detect', classNames: ['circle', 'square', 'triangle'], imageSize: [640, 640] },
      'shapes-segment.onnx': { task: 'segment', classNames: ['circle', 'square', 'triangle'], imageSize: [256, 256] },
      'shapes-pose.onnx': { task: 'pose', classNames: ['square'], imageSize: [256, 256], kptShape: [4, 3] },
      'shapes-obb.onnx': { task: 'obb', classNames: ['bar', 'plate'], imageSize: [256, 256] },
      'shapes-classify.onnx': { task: 'classify', classNames: ['circle', 'square', 'triangle'], imageSize: [128, 128] },
    };
    const onnxFiles = (await readdir(fixturePath('models'))).filter((name) => name.endsWith('.onnx'));
    expect(onnxFiles.length).toBeGreaterThanOrEqual(6);
    events.length = 0;
    for (const name of onnxFiles) {
      const res = await postForm(
        platform,
        owner.apiKey,
        '/api/models',
        { projectId, name },
        { name, bytes: await readFile(fixturePath('models', name)) },
      );
      expect(res.status, name).toBe(201);
      expect(res.body.data).toMatchObject({ format: 'onnx', servable: true, status: 'ready' });
      if (expected[name]) expect(res.body.data, name).toMatchObject(expected[name]!);
      if (name === 'shapes-detect-dynamic.onnx') expect(res.body.data).toMatchObject({ task: 'detect', dynamic: true });
    }
    await settle();
    const ready = events.filter((event) => event.type === 'model.ready');
    expect(ready).toHaveLength(onnxFiles.length);
    expect(ready.every((event) => event.accountId === owner.userId)).toBe(true);
    const pose = ready.find((event) => (event.payload as { task: string }).task === 'pose')!;
    expect(pose.payload).toMatchObject({
      names: ['square'],
      imgsz: [256, 256],
      stride: 32,
      kptShape: [4, 3],
      dynamic: false,
      end2end: false,
    });
    expect(Object.keys(pose.payload as object).sort()).toEqual([
      'dynamic',
      'end2end',
      'fileKey',
      'imgsz',
      'kptShape',
      'modelId',
      'name',
      'names',
      'projectId',
      'stride',
      'task',
    ]);
  });

  it('uploads through GraphQL multipart and publishes model.deleted on delete', async () => {
    const projectId = await newProject();
    const bytes = await readFile(fixturePath('models/shapes-obb.onnx'));
    const res = await graphqlUpload(
      platform,
      owner.apiKey,
      UploadModelFileDocument,
      { projectId, name: 'obb' },
      { variable: 'file', name: 'obb.onnx', bytes },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.uploadModel).toMatchObject({
      task: 'obb',
      classNames: ['bar', 'plate'],
      imageSize: [256, 256],
      servable: true,
      project: { id: projectId },
    });
    const bad = await graphqlUpload(
      platform,
      owner.apiKey,
      UploadModelFileDocument,
      { projectId, name: 'bad' },
      { variable: 'file', name: 'bad.onnx', bytes: Buffer.from('nope') },
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('VALIDATION_ERROR');

    events.length = 0;
    await api(platform, owner.apiKey, 'DELETE', `/api/models/${res.data.uploadModel.id}`);
    await settle();
    expect(events.filter((event) => event.type === 'model.deleted').map((event) => event.payload)).toEqual([
      expect.objectContaining({ modelId: res.data.uploadModel.id, projectId }),
    ]);
  });
});

describe('federation', () => {
  it('resolves a page of 100 models with their projects in a constant number of queries', async () => {
    const account = await createAccount(platform);
    const projects = await Promise.all([1, 2, 3, 4].map((i) => newProject(account.apiKey, `p${i}`)));
    for (let i = 0; i < 100; i++) {
      await api(platform, account.apiKey, 'POST', '/api/models', { projectId: projects[i % 4], name: `m${i}`, task: 'detect' });
    }
    let page: Awaited<ReturnType<typeof graphql<any, any>>> | undefined;
    const queries = await countCatalogQueries(platform, async () => {
      page = await graphql(platform, account.apiKey, ModelsWithProjectsDocument, { limit: 100 });
    });
    expect(page!.errors).toBeUndefined();
    expect(page!.data.models.items).toHaveLength(100);
    expect(page!.data.models.items.every((model: { project: { id: string } }) => projects.includes(model.project.id))).toBe(true);
    expect(queries).toBeLessThanOrEqual(3); // the page, its count, the projects

    const nested = await countCatalogQueries(platform, async () => {
      const result = await graphql(platform, account.apiKey, ProjectsWithModelsDocument, {});
      expect(result.data!.projects.items.flatMap((project) => project.models)).toHaveLength(100);
    });
    expect(nested).toBeLessThanOrEqual(4); // projects, count, models of all projects, their projects
  });

  it("resolves references only for the caller's own entities", async () => {
    const projectId = await newProject();
    const catalogUrl = platform.platform.subgraphs.subgraphs.find((subgraph) => subgraph.name === 'catalog')!.url;
    const secret = gatewaySecret(platform.config, { generate: false });
    const entities = async (account: TestAccount) => {
      const caller = {
        kind: 'account' as const,
        accountId: account.userId,
        plan: 'pro' as const,
        scopes: ['projects' as const],
        keyId: account.keyId,
      };
      const request = {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Project { id name } } }',
        variables: { r: [{ __typename: 'Project', id: projectId }] },
      };
      const response = await fetch(catalogUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [CALLER_HEADER]: signCaller(caller, secret, 'catalog', request) },
        body: JSON.stringify(request),
      });
      return ((await response.json()) as { data: { _entities: unknown[] } }).data._entities;
    };
    expect(await entities(owner)).toEqual([{ id: projectId, name: 'experiments' }]);
    expect(await entities(stranger)).toEqual([null]);
  });
});

import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTrainableModelDocument, UploadDatasetFileDocument } from '../generated/graphql.js';
import { api, createAccount, graphql, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { detectZip, graphqlUpload, jpeg, postForm, storedFiles, zip } from './support.js';
import { describeWithFixtures, fixturePath } from '../support/fixtures.js';

let platform: TestPlatform;
let owner: TestAccount;
let stranger: TestAccount;

beforeAll(async () => {
  platform = await startTestPlatform();
  [owner, stranger] = await Promise.all([createAccount(platform), createAccount(platform)]);
});
afterAll(() => platform?.stop());

const newDataset = async (task = 'detect', name = 'my-dataset') =>
  (await api(platform, owner.apiKey, 'POST', '/api/datasets', { name, task })).body.data.id as string;
const upload = (id: string, name: string, bytes: Buffer, key = owner.apiKey) =>
  postForm(platform, key, `/api/datasets/${id}/upload`, {}, { name, bytes });
const splits = (data: { splits: Array<{ name: string; imageCount: number }> }) =>
  Object.fromEntries(data.splits.map((split) => [split.name, split.imageCount]));

describe('datasets', () => {
  it('creates (201) with the seed fields, gets, lists with meta and task filter, deletes to the trash', async () => {
    const created = await api(platform, owner.apiKey, 'POST', '/api/datasets', {
      name: 'My Dataset',
      task: 'segment',
      description: 'A custom dataset',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: 'My Dataset',
      slug: 'my-dataset',
      task: 'segment',
      description: 'A custom dataset',
      imageCount: 0,
      classCount: 0,
      visibility: 'private',
    });
    const id = created.body.data.id as string;
    expect(id).toMatch(/^dataset_/);
    expect(created.body.data.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect((await api(platform, owner.apiKey, 'GET', `/api/datasets/${id}`)).body.data.id).toBe(id);

    await newDataset('detect');
    const segment = await api(platform, owner.apiKey, 'GET', '/api/datasets?task=segment');
    expect(segment.body.data.every((d: { task: string }) => d.task === 'segment')).toBe(true);
    expect(segment.body.data.map((d: { id: string }) => d.id)).toContain(id);
    const all = await api(platform, owner.apiKey, 'GET', '/api/datasets?page=1&limit=1');
    expect(all.body.meta).toMatchObject({ page: 1, limit: 1 });
    expect(all.body.meta.total).toBeGreaterThanOrEqual(2);

    expect((await api(platform, owner.apiKey, 'DELETE', `/api/datasets/${id}`)).body).toEqual({
      success: true,
      data: { id, deleted: true },
    });
    expect((await api(platform, owner.apiKey, 'GET', `/api/datasets/${id}`)).status).toBe(404);
    expect((await api(platform, owner.apiKey, 'GET', '/api/datasets')).body.meta.total).toBe(all.body.meta.total - 1);
  });

  it('refuses bad input with VALIDATION_ERROR', async () => {
    for (const body of [
      { task: 'detect' },
      { name: 'x' },
      { name: 'x', task: 'count' },
      { name: '', task: 'detect' },
      { name: 'x', task: 'detect', description: 5 },
    ]) {
      const res = await api(platform, owner.apiKey, 'POST', '/api/datasets', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
    for (const query of ['page=abc', 'limit=0', 'limit=1000', 'task=count']) {
      const res = await api(platform, owner.apiKey, 'GET', `/api/datasets?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
    }
  });

  it("keeps datasets private: another account's id is NOT_FOUND on every route", async () => {
    const id = await newDataset();
    for (const [method, route] of [
      ['GET', `/api/datasets/${id}`],
      ['DELETE', `/api/datasets/${id}`],
      ['POST', `/api/datasets/${id}/export`],
    ] as const) {
      const res = await api(platform, stranger.apiKey, method, route);
      expect(res.status, `${method} ${route}`).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await upload(id, 'd.zip', await detectZip(), stranger.apiKey)).status).toBe(404);
    expect((await api(platform, owner.apiKey, 'GET', `/api/datasets/${id}`)).body.data.imageCount).toBe(0);
  });
});

describe('dataset uploads', () => {
  it('counts images, classes and splits of a YOLO zip, also inside a top folder', async () => {
    const id = await newDataset();
    const res = await upload(id, 'dataset.zip', await detectZip());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ imageCount: 5, classCount: 2, classNames: ['a', 'b'] });
    expect(splits(res.body.data)).toEqual({ train: 3, val: 2 });

    const wrapped = await newDataset();
    const image = await jpeg();
    const folder = zip({
      'mine/data.yaml': 'names: [a, b]\n',
      'mine/images/train/x.jpg': image,
      'mine/labels/train/x.txt': '1 0.5 0.5 0.5 0.5\n',
    });
    expect((await upload(wrapped, 'mine.zip', folder)).body.data).toMatchObject({ imageCount: 1, classCount: 2 });
  });

  it('takes classify (<split>/<class>/image) and pose (kpt_shape) layouts', async () => {
    const image = await jpeg();
    const classify = await newDataset('classify');
    const res = await upload(classify, 'c.zip', zip({ 'train/cat/1.jpg': image, 'train/dog/2.jpg': image, 'val/cat/3.jpg': image }));
    expect(res.body.data).toMatchObject({ imageCount: 3, classCount: 2, classNames: ['cat', 'dog'] });

    const pose = await newDataset('pose');
    const keypoints = '0 0.5 0.5 0.4 0.4 0.3 0.3 2 0.7 0.3 2 0.7 0.7 1 0.3 0.7 0';
    const ok = await upload(
      pose,
      'p.zip',
      zip({ 'data.yaml': 'kpt_shape: [4, 3]\nnames: {0: square}\n', 'images/train/1.jpg': image, 'labels/train/1.txt': keypoints }),
    );
    expect(ok.body.data).toMatchObject({ imageCount: 1, classCount: 1, kptShape: [4, 3] });
  });

  it('refuses bad uploads with VALIDATION_ERROR and leaves no trace', async () => {
    const id = await newDataset();
    const image = await jpeg();
    const good = await detectZip();
    const cases: Array<[string, string, Buffer]> = [
      ['corrupt zip', 'd.zip', Buffer.from('PK\x03\x04 this is not really a zip archive')],
      ['truncated zip', 'd.zip', good.subarray(0, good.length - 40)],
      ['random bytes', 'd.zip', Buffer.alloc(100, 7)],
      ['class id out of range', 'd.zip', await detectZip({ 'labels/train/2.txt': '2 0.5 0.5 0.2 0.2\n' })],
      ['box with 3 values', 'd.zip', await detectZip({ 'labels/train/2.txt': '0 0.5 0.5 0.2\n' })],
      ['coordinates not normalised', 'd.zip', await detectZip({ 'labels/train/2.txt': '0 5 5 20 20\n' })],
      ['text named .jpg', 'd.zip', await detectZip({ 'images/train/3.jpg': 'not an image' })],
      ['no data.yaml', 'd.zip', zip({ 'images/train/1.jpg': image })],
      ['no images', 'd.zip', zip({ 'data.yaml': 'names: [a]\n' })],
      ['neither zip nor ndjson', 'notes.txt', Buffer.from('hello')],
      ['ndjson for another task', 'd.ndjson', Buffer.from('{"type":"dataset","task":"pose","class_names":{"0":"a"}}\n')],
      ['ndjson with bad json', 'd.ndjson', Buffer.from('{"type":"dataset","task":"detect","class_names":{"0":"a"}}\n{oops\n')],
      [
        'ndjson with class out of range',
        'd.ndjson',
        Buffer.from(
          '{"type":"dataset","task":"detect","class_names":{"0":"a"}}\n' +
            '{"type":"image","split":"train","file":"1.jpg","url":"http://127.0.0.1:9/1.jpg","annotations":{"boxes":[[3,0.5,0.5,0.1,0.1]]}}\n',
        ),
      ],
      [
        'ndjson image that cannot be downloaded',
        'd.ndjson',
        Buffer.from(
          '{"type":"dataset","task":"detect","class_names":{"0":"a"}}\n' +
            `{"type":"image","split":"train","file":"1.jpg","url":"${platform.url}/files/nothing.jpg?expires=1&signature=x","annotations":{}}\n`,
        ),
      ],
    ];
    const before = await storedFiles(platform);
    for (const [label, name, bytes] of cases) {
      const res = await upload(id, name, bytes);
      expect(res.status, label).toBe(400);
      expect(res.body.error.code, label).toBe('VALIDATION_ERROR');
    }
    const internal = await upload(
      id,
      'd.ndjson',
      Buffer.from(
        '{"type":"dataset","task":"detect","class_names":{"0":"a"}}\n' +
          '{"type":"image","split":"train","file":"1.jpg","url":"http://localhost:5432/1.jpg","annotations":{}}\n',
      ),
    );
    // One neutral answer for every download that cannot happen (internal address, closed port, bad status).
    expect(internal.body.error.message).toBe('NDJSON line 2: the image could not be downloaded');
    const missing = await postForm(platform, owner.apiKey, `/api/datasets/${id}/upload`, { note: 'no file' });
    expect(missing.body.error.code).toBe('VALIDATION_ERROR');
    expect(await storedFiles(platform)).toEqual(before);
    expect((await api(platform, owner.apiKey, 'GET', `/api/datasets/${id}`)).body.data).toMatchObject({
      imageCount: 0,
      classCount: 0,
      sizeBytes: 0,
    });
  });

  it('adds later uploads of the same classes, replacing same-named images, and refuses other classes', async () => {
    const id = await newDataset();
    await upload(id, 'd.zip', await detectZip());
    const filesAfterFirst = (await storedFiles(platform)).length;
    const again = await upload(id, 'd.zip', await detectZip({ 'images/test/9.jpg': await jpeg() }));
    expect(again.body.data.imageCount).toBe(6);
    expect(splits(again.body.data)).toEqual({ train: 3, val: 2, test: 1 });
    expect((await storedFiles(platform)).length).toBe(filesAfterFirst + 1);
    const other = await upload(id, 'd.zip', zip({ 'data.yaml': 'names: [x, y, z]\n', 'images/train/7.jpg': await jpeg() }));
    expect(other.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('uploads through GraphQL multipart, and models link to their dataset', async () => {
    const id = await newDataset();
    const res = await graphqlUpload(
      platform,
      owner.apiKey,
      UploadDatasetFileDocument,
      { id },
      { variable: 'file', name: 'd.zip', bytes: await detectZip() },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.uploadDataset).toMatchObject({ id, imageCount: 5, classCount: 2 });

    const projectId = (await api(platform, owner.apiKey, 'POST', '/api/projects', { name: 'p' })).body.data.id;
    const model = await graphql(platform, owner.apiKey, CreateTrainableModelDocument, {
      input: { projectId, name: 'm', task: 'detect', datasetId: id },
    });
    expect(model.data?.createModel).toMatchObject({
      architecture: 'yolo11n',
      status: 'pending',
      servable: false,
      dataset: { id, task: 'detect' },
    });
    const mismatch = await api(platform, owner.apiKey, 'POST', '/api/models', { projectId, name: 'm', task: 'pose', datasetId: id });
    expect(mismatch.body.error.code).toBe('VALIDATION_ERROR');
  });
});

describe('NDJSON export', () => {
  it('round-trips: the export re-uploads to the same counts, its image URLs download', async () => {
    const id = await newDataset();
    const original = (await upload(id, 'd.zip', await detectZip())).body.data;
    const exported = await api(platform, owner.apiKey, 'POST', `/api/datasets/${id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.data).toMatchObject({ imageCount: 5, format: 'ndjson' });
    const text = await (await fetch(exported.body.data.url)).text();
    const [header, ...images] = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(header).toMatchObject({ type: 'dataset', task: 'detect', class_names: { 0: 'a', 1: 'b' } });
    expect(images).toHaveLength(5);
    const labelled = images.find((image) => image.file === '1.jpg');
    expect(labelled).toMatchObject({
      type: 'image',
      split: 'train',
      width: 64,
      height: 48,
      annotations: {
        boxes: [
          [0, 0.5, 0.5, 0.2, 0.2],
          [1, 0.3, 0.3, 0.1, 0.1],
        ],
      },
    });
    const download = await fetch(labelled.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');

    const copy = await newDataset('detect', 'copy');
    const reuploaded = await upload(copy, 'export.ndjson', Buffer.from(text));
    expect(reuploaded.status).toBe(200);
    expect(reuploaded.body.data).toMatchObject({
      imageCount: original.imageCount,
      classCount: original.classCount,
      classNames: original.classNames,
    });
    expect(splits(reuploaded.body.data)).toEqual(splits(original));
  });
});

describeWithFixtures('dataset fixtures', () => {
  it('gives the true counts of the fixture zips', async () => {
    const detect = await newDataset('detect');
    const d = await upload(detect, 'shapes-detect-mini.zip', await readFile(fixturePath('datasets/shapes-detect-mini.zip')));
    expect(d.body.data).toMatchObject({ imageCount: 32, classCount: 3, classNames: ['circle', 'square', 'triangle'] });
    expect(splits(d.body.data)).toEqual({ train: 24, val: 8 });

    const classify = await newDataset('classify');
    const c = await upload(classify, 'shapes-classify-mini.zip', await readFile(fixturePath('datasets/shapes-classify-mini.zip')));
    expect(c.body.data).toMatchObject({ imageCount: 36, classCount: 3, classNames: ['circle', 'square', 'triangle'] });
    expect(splits(c.body.data)).toEqual({ train: 24, val: 12 });
  });
});

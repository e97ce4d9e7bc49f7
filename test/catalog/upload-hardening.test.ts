import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../kernel/limits.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { deflated, jpeg, postForm, rawZip, storedFiles, zip, type RawEntry } from './support.js';

/**
 * Hostile dataset uploads: each is refused with VALIDATION_ERROR, the server keeps serving, and nothing is left of it
 * (no file in the store or the spool folder, no image row, the dataset unchanged).
 */
let platform: TestPlatform;
let owner: TestAccount;
/** An enterprise account whose plan (ENTERPRISE_STORAGE_GB=0) has no storage at all. */
let full: TestAccount;

beforeAll(async () => {
  platform = await startTestPlatform({ ENTERPRISE_STORAGE_GB: '0' });
  [owner, full] = await Promise.all([createAccount(platform, 'pro'), createAccount(platform, 'enterprise')]);
});
afterAll(() => platform?.stop());

const DATA_YAML = 'names:\n  0: a\n  1: b\n';
const newDataset = async (account = owner, task = 'detect') =>
  (await api(platform, account.apiKey, 'POST', '/api/datasets', { name: 'hostile', task })).body.data.id as string;
const upload = (id: string, name: string, bytes: Buffer, account = owner) =>
  postForm(platform, account.apiKey, `/api/datasets/${id}/upload`, {}, { name, bytes });

/** Sends `bytes`, expects a clean refusal matching `message`, a live server and no trace; returns the answer. */
async function refused(name: string, bytes: Buffer, message: RegExp, account = owner) {
  const id = await newDataset(account);
  const before = await storedFiles(platform);
  const res = await upload(id, name, bytes, account);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('VALIDATION_ERROR');
  expect(res.body.error.message).toMatch(message);
  expect((await fetch(`${platform.url}/health`)).status).toBe(200);
  expect(await storedFiles(platform)).toEqual(before);
  expect((await api(platform, account.apiKey, 'GET', `/api/datasets/${id}`)).body.data).toMatchObject({ imageCount: 0, sizeBytes: 0 });
  return res;
}

describe('zip entries that fail while they are read', () => {
  it('refuses an image entry with a corrupt deflate stream (the process used to die of it)', async () => {
    const image = await jpeg();
    const corrupt: RawEntry = {
      name: 'images/train/2.jpg',
      stored: Buffer.from('this is not deflate data'.repeat(8)),
      method: 8,
      uncompressedSize: 5000,
      crc: 1,
    };
    await refused('d.zip', rawZip([deflated('data.yaml', DATA_YAML), deflated('images/train/1.jpg', image), corrupt]), /train\/2\.jpg/);
  });

  it('refuses entries whose declared size lies, both ways', async () => {
    const image = await jpeg();
    const smaller: RawEntry = { ...deflated('images/train/1.jpg', image), uncompressedSize: 100 };
    await refused('d.zip', rawZip([deflated('data.yaml', DATA_YAML), smaller]), /train\/1\.jpg/);
    const larger: RawEntry = { ...deflated('images/train/1.jpg', image), uncompressedSize: image.length + 1000 };
    await refused('d.zip', rawZip([deflated('data.yaml', DATA_YAML), larger]), /train\/1\.jpg/);
    const lyingLabel: RawEntry = { ...deflated('labels/train/1.txt', '0 0.5 0.5 0.1 0.1\n'.repeat(1000)), uncompressedSize: 10 };
    await refused(
      'd.zip',
      rawZip([deflated('data.yaml', DATA_YAML), deflated('images/train/1.jpg', image), lyingLabel]),
      /labels\/train\/1\.txt/,
    );
  });

  it('still serves uploads after all that', async () => {
    const id = await newDataset();
    const res = await upload(
      id,
      'd.zip',
      zip({ 'data.yaml': DATA_YAML, 'images/train/1.jpg': await jpeg(), 'labels/train/1.txt': '0 0.5 0.5 0.1 0.1\n' }),
    );
    expect(res.status).toBe(200);
    expect(res.body.data.imageCount).toBe(1);
  });
});

describe('budgets across a whole upload', () => {
  it('refuses 20 label files of 10 MB each (a 200 KB zip) by their declared sizes, before parsing one', async () => {
    const image = await jpeg();
    const row = '0 0.5 0.5 0.1 0.1\n';
    const label = deflated('label', row.repeat(Math.floor(LIMITS.labelFileBytes / row.length)));
    const entries = [deflated('data.yaml', DATA_YAML)];
    for (let i = 0; i < 20; i++) entries.push(deflated(`images/train/${i}.jpg`, image), { ...label, name: `labels/train/${i}.txt` });
    const bytes = rawZip(entries);
    expect(bytes.length).toBeLessThan(1024 ** 2);
    const started = Date.now();
    await refused('d.zip', bytes, /label files hold more than/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses more label rows than the budget, counted across files', async () => {
    const image = await jpeg();
    const perFile = Math.ceil(LIMITS.datasetLabelRows / 3) + 1;
    const label = deflated('label', '0 0.5 0.5 0.1 0.1\n'.repeat(perFile));
    const entries = [deflated('data.yaml', DATA_YAML)];
    for (let i = 0; i < 3; i++) entries.push(deflated(`images/train/${i}.jpg`, image), { ...label, name: `labels/train/${i}.txt` });
    await refused('d.zip', rawZip(entries), new RegExp(`more than ${LIMITS.datasetLabelRows} labels`));
  });

  it('refuses too many class names in data.yaml and in an NDJSON header, and an NDJSON line over its limit', async () => {
    const names = Array.from({ length: LIMITS.classNames + 1 }, (_, i) => `c${i}`);
    await refused('d.zip', zip({ 'data.yaml': `names: [${names.join(', ')}]\n`, 'images/train/1.jpg': await jpeg() }), /classes/);
    const header = JSON.stringify({ type: 'dataset', task: 'detect', class_names: Object.fromEntries(names.map((n, i) => [i, n])) });
    const image = '{"type":"image","split":"train","file":"1.jpg","url":"https://example.com/1.jpg","annotations":{}}';
    await refused('d.ndjson', Buffer.from(`${header}\n${image}\n`), /classes/);
    const huge = JSON.stringify({ type: 'dataset', task: 'detect', class_names: ['a'], padding: 'x'.repeat(LIMITS.ndjsonLineBytes) });
    await refused('d.ndjson', Buffer.from(`${huge}\n${image}\n`), /NDJSON line is longer than/);
  });
});

describe('storage is reserved before any image is written', () => {
  it('refuses a zip whose images declare more than the plan takes in one upload, before writing a byte', async () => {
    // 250 entries of (declared) 100 MB each: 25 GB out of a zip of a few KB; pro uploads take at most 20 GB.
    const tiny = deflateRawSync(Buffer.alloc(0));
    const entries: RawEntry[] = [deflated('data.yaml', DATA_YAML)];
    for (let i = 0; i < 250; i++) {
      entries.push({
        name: `images/train/${i}.png`,
        stored: tiny,
        method: 8,
        uncompressedSize: LIMITS.datasetImageBytes,
        crc: crc32(Buffer.alloc(0)),
      });
    }
    await refused('d.zip', rawZip(entries), /more than your plan's dataset upload limit/);
  });

  it("refuses a zip that does not fit the account's storage, before writing a byte", async () => {
    await refused('d.zip', zip({ 'data.yaml': DATA_YAML, 'images/train/1.jpg': await jpeg() }), /Storage limit of your plan reached/, full);
  });

  it('stops an NDJSON import once its downloaded images no longer fit, and removes what it wrote', async () => {
    // Images this platform exported itself (signed links, read straight from the store), imported by an account
    // without room: the bytes are refused as they arrive.
    const source = await newDataset();
    expect((await upload(source, 'd.zip', zip({ 'data.yaml': DATA_YAML, 'images/train/1.jpg': await jpeg() }))).status).toBe(200);
    const exported = await api(platform, owner.apiKey, 'POST', `/api/datasets/${source}/export`);
    const ndjson = Buffer.from(await (await fetch(exported.body.data.url)).arrayBuffer());
    await refused('d.ndjson', ndjson, /Storage limit of your plan reached/, full);
  });
});

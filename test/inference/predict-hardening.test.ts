import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { parse } from 'graphql';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlUpload, postForm } from '../catalog/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { hubPredict, uploadModel } from './support.js';

let platform: TestPlatform;
let alice: TestAccount;
let modelId: string;
let image: Buffer;
let dir: string;

const detectModel = (spec: { imgsz?: [number, number]; inputDims?: Array<number | string> } = {}) =>
  Buffer.from(
    buildOnnxModel({
      task: 'detect',
      names: ['cat', 'dog'],
      imgsz: spec.imgsz ?? [64, 64],
      ...(spec.inputDims ? { inputDims: spec.inputDims } : {}),
      outputs: [{ name: 'output0', ...channelMajor([[32, 32, 20, 10, 0.9, 0.1]]) }],
    }),
  );

const encode = (file: string, args: string[]) =>
  promisify(execFile)(ffmpeg.path, ['-y', '-loglevel', 'error', ...args, path.join(dir, file)]);

/** The FFmpeg processes this test process (and so the platform in it) is running. */
const ffmpegChildren = (): number => {
  try {
    return execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' })
      .split('\n')
      .filter((name) => name.trim() === 'ffmpeg').length;
  } catch {
    return 0; // ps exits 1 when no process matches
  }
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'predict-hardening-'));
  platform = await startTestPlatform({ ENTERPRISE_SHARED_INFERENCE_PER_HOUR: '3' });
  alice = await createAccount(platform);
  modelId = await uploadModel(platform, alice.apiKey, 'cats.onnx', detectModel());
  image = await sharp({ create: { width: 128, height: 128, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
});
afterAll(() => platform?.stop());

describe('models whose metadata would make every predict allocate gigabytes', () => {
  it('refuses an ONNX whose metadata says imgsz [12000, 12000] while its graph takes 256', async () => {
    const project = await api(platform, alice.apiKey, 'POST', '/api/projects', { name: 'lying-models' });
    const lying = detectModel({ imgsz: [12000, 12000], inputDims: [1, 3, 256, 256] });
    const answer = await postForm(
      platform,
      alice.apiKey,
      '/api/models',
      { projectId: project.body.data.id, name: 'liar' },
      { name: 'liar.onnx', bytes: lying },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(answer.body.error.message).toMatch(/does not match the metadata imgsz \[12000, 12000\]/);
    const symbolic = detectModel({ imgsz: [12000, 12000], inputDims: [1, 3, 'height', 'width'] });
    const unbounded = await postForm(
      platform,
      alice.apiKey,
      '/api/models',
      { projectId: project.body.data.id, name: 'wide' },
      { name: 'wide.onnx', bytes: symbolic },
    );
    expect(unbounded.status).toBe(400);
    expect(unbounded.body.error.message).toMatch(/larger than 4096 a side/);
    const models = await api(platform, alice.apiKey, 'GET', `/api/models?projectId=${project.body.data.id}`);
    expect(models.body.meta.total).toBe(0);
  });
});

describe('videos', () => {
  it('refuses a video of 8192x8192 frames from its header, without decoding it', async () => {
    await encode('huge.mkv', ['-f', 'lavfi', '-i', 'color=c=gray:size=8192x8192:duration=1:rate=5', '-c:v', 'mjpeg', '-q:v', '31']);
    const started = Date.now();
    const answer = await hubPredict(
      platform,
      alice.apiKey,
      { model: modelId },
      { name: 'huge.mkv', bytes: await readFile(path.join(dir, 'huge.mkv')) },
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_ERROR');
    expect(answer.body.error.message).toMatch(/8192x8192/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await hubPredict(platform, alice.apiKey, { model: modelId }, { name: 'i.png', bytes: image })).status).toBe(200);
  });

  it('stops FFmpeg when the client hangs up', async () => {
    await encode('long.mp4', ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25:duration=40', '-pix_fmt', 'yuv420p']);
    const video = await readFile(path.join(dir, 'long.mp4'));
    const form = new FormData();
    form.append('model', modelId);
    form.append('maxFrames', '1000');
    form.append('file', new Blob([new Uint8Array(video)]), 'long.mp4');
    const client = new AbortController();
    const request = fetch(`${platform.url}/`, {
      method: 'POST',
      headers: { 'x-api-key': alice.apiKey },
      body: form,
      signal: client.signal,
    }).catch((error: Error) => error);
    await expect.poll(ffmpegChildren, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
    client.abort();
    expect(await request).toBeInstanceOf(Error);
    await expect.poll(ffmpegChildren, { timeout: 5_000, interval: 50 }).toBe(0);
    expect((await fetch(`${platform.url}/health`)).status).toBe(200);
  });
});

describe('the shared inference limit of the plan (calls per hour), apart from the request limit', () => {
  it('counts HUB, Platform and GraphQL predict alike, refuses beyond it with 429 and its own headers', async () => {
    const account = await createAccount(platform, 'enterprise');
    const own = await uploadModel(platform, account.apiKey, 'mine.onnx', detectModel());
    const png = { name: 'i.png', bytes: image };
    const first = await fetchHub(account.apiKey, own);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-inference-ratelimit-limit')).toBe('3');
    expect(first.headers.get('x-inference-ratelimit-remaining')).toBe('2');
    expect(first.headers.get('x-ratelimit-limit')).toBe('3000');

    const platformPredict = await postForm(platform, account.apiKey, `/api/models/${own}/predict`, {}, png);
    expect(platformPredict.status).toBe(200);
    const PREDICT = parse('mutation($m: ID!, $f: Upload!) { predict(modelId: $m, file: $f) { images { shape } } }');
    expect((await graphqlUpload(platform, account.apiKey, PREDICT, { m: own }, { variable: 'f', ...png })).errors).toBeUndefined();

    const refused = await fetchHub(account.apiKey, own);
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('RATE_LIMITED');
    expect(refused.headers.get('x-inference-ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postForm(platform, account.apiKey, `/api/models/${own}/predict`, {}, png)).status).toBe(429);
    const overGraphQL = await graphqlUpload(platform, account.apiKey, PREDICT, { m: own }, { variable: 'f', ...png });
    expect(overGraphQL.status).toBe(429);
    expect(overGraphQL.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED' });
    // Everything else is still within the plan's own limit.
    expect((await api(platform, account.apiKey, 'GET', '/api/models')).status).toBe(200);
  });

  const fetchHub = (key: string, model: string) => {
    const form = new FormData();
    form.append('model', model);
    form.append('file', new Blob([new Uint8Array(image)]), 'i.png');
    return fetch(`${platform.url}/`, { method: 'POST', headers: { 'x-api-key': key }, body: form });
  };
});

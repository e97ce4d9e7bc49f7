import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { parse } from 'graphql';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlUpload } from '../catalog/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { hubPredict, uploadModel } from './support.js';

let platform: TestPlatform;
let alice: TestAccount;
let bob: TestAccount;
let modelId: string;
let image: Buffer;

/** A detect "network" with fixed answers on a 64×64 input: a cat, a weaker duplicate of it, and a dog. */
const detectModel = () =>
  Buffer.from(
    buildOnnxModel({
      task: 'detect',
      names: ['cat', 'dog'],
      imgsz: [64, 64],
      outputs: [
        {
          name: 'output0',
          ...channelMajor([
            [32, 32, 20, 10, 0.9, 0.1],
            [33, 32, 20, 10, 0.8, 0.05],
            [10, 10, 8, 8, 0.2, 0.6],
          ]),
        },
      ],
    }),
  );

beforeAll(async () => {
  platform = await startTestPlatform();
  [alice, bob] = await Promise.all([createAccount(platform), createAccount(platform)]);
  modelId = await uploadModel(platform, alice.apiKey, 'cats.onnx', detectModel());
  // 128×128: the model sees it letterboxed to 64×64 at gain 0.5, so answers come back doubled.
  image = await sharp({ create: { width: 128, height: 128, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
});
afterAll(() => platform?.stop());

const png = () => ({ name: 'image.png', bytes: image });

describe('HUB predict (POST /)', () => {
  it("answers Ultralytics' JSON: NMS applied, boxes in original pixels, shape, measured speed, metadata", async () => {
    const { status, body } = await hubPredict(platform, alice.apiKey, { model: modelId, imgsz: '640', conf: '0.25', iou: '0.45' }, png());
    expect(status).toBe(200);
    expect(body.images).toHaveLength(1);
    const [answer] = body.images;
    expect(answer.shape).toEqual([128, 128]);
    expect(answer.results).toEqual([
      { name: 'cat', class: 0, confidence: 0.9, box: { x1: 44, y1: 54, x2: 84, y2: 74 } },
      { name: 'dog', class: 1, confidence: 0.6, box: { x1: 12, y1: 12, x2: 28, y2: 28 } },
    ]);
    expect(Object.keys(answer.results[0])).toEqual(['name', 'class', 'confidence', 'box']);
    for (const stage of ['preprocess', 'inference', 'postprocess']) expect(answer.speed[stage]).toBeGreaterThan(0);
    expect(body.metadata).toMatchObject({ modelId, task: 'detect', names: ['cat', 'dog'], imageSize: [64, 64] });
  });

  it('takes the model as a HUB URL, on /predict too, and applies conf', async () => {
    const { status, body } = await hubPredict(
      platform,
      alice.apiKey,
      { model: `https://hub.ultralytics.com/models/${modelId}`, conf: '0.7' },
      png(),
      '/predict',
    );
    expect(status).toBe(200);
    expect(body.images[0].results.map((result: { name: string }) => result.name)).toEqual(['cat']);
  });

  it('answers every kind of bad input with VALIDATION_ERROR and keeps serving', async () => {
    const truncated = (
      await sharp({ create: { width: 64, height: 64, channels: 3, background: '#fff' } })
        .jpeg()
        .toBuffer()
    ).subarray(0, 200);
    const cases: Array<[string, Record<string, string>, { name: string; bytes: Buffer } | undefined]> = [
      ['imgsz below 32', { model: modelId, imgsz: '16' }, png()],
      ['imgsz above 1280', { model: modelId, imgsz: '2000' }, png()],
      ['conf 0', { model: modelId, conf: '0' }, png()],
      ['iou 0.99', { model: modelId, iou: '0.99' }, png()],
      ['conf not a number', { model: modelId, conf: 'high' }, png()],
      ['no file', { model: modelId }, undefined],
      ['no model', {}, png()],
      ['a text file', { model: modelId }, { name: 'notes.jpg', bytes: Buffer.from('just some text, not an image') }],
      ['a truncated JPEG', { model: modelId }, { name: 'cut.jpg', bytes: truncated }],
    ];
    for (const [label, fields, file] of cases) {
      const { status, body } = await hubPredict(platform, alice.apiKey, fields, file);
      expect(status, label).toBe(400);
      expect(body.error.code, label).toBe('VALIDATION_ERROR');
    }
    expect((await hubPredict(platform, alice.apiKey, { model: modelId }, png())).status).toBe(200);
  });

  it("answers 404 for an unknown model and for another account's model; 401 without a key", async () => {
    expect((await hubPredict(platform, alice.apiKey, { model: 'model_doesnotexist00000000' }, png())).body.error.code).toBe('NOT_FOUND');
    const malformed = await hubPredict(platform, alice.apiKey, { model: 'model_doesnotexist' }, png());
    expect(malformed.body.error).toMatchObject({ code: 'VALIDATION_ERROR', message: 'Invalid model ID' });
    const stolen = await hubPredict(platform, bob.apiKey, { model: modelId }, png());
    expect(stolen.status).toBe(404);
    expect(JSON.stringify(stolen.body)).not.toContain('cat');
    const anonymous = await fetch(`${platform.url}/`, { method: 'POST', body: new FormData() });
    expect(anonymous.status).toBe(401);
  });

  it('explains that a .pt model needs an ONNX export first', async () => {
    const weights = await uploadModel(platform, alice.apiKey, 'weights.pt', Buffer.from('PK\u0003\u0004 pretend torch zip'));
    const { status, body } = await hubPredict(platform, alice.apiKey, { model: weights }, png());
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/ONNX/);
  });

  it('needs the predict scope', async () => {
    const limited = await api(platform, alice.apiKey, 'POST', '/api/api-keys', { scopes: ['models'] });
    const { status, body } = await hubPredict(platform, limited.body.data.key, { model: modelId }, png());
    expect(status).toBe(403);
    expect(body.error.code).toBe('FORBIDDEN');
  });

  it('answers one entry per processed frame for a video, honouring frameStride and maxFrames', async () => {
    const file = path.join(tmpdir(), `clip-${process.pid}.mp4`);
    await promisify(execFile)(ffmpeg.path, [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=96x64:rate=10:duration=0.6',
      '-pix_fmt',
      'yuv420p',
      file,
    ]);
    const clip = { name: 'clip.mp4', bytes: await readFile(file) };
    const all = await hubPredict(platform, alice.apiKey, { model: modelId }, clip);
    expect(all.status).toBe(200);
    expect(all.body.images).toHaveLength(6);
    expect(all.body.images.map((frame: { shape: number[] }) => frame.shape)).toEqual(Array(6).fill([64, 96]));
    const strided = await hubPredict(platform, alice.apiKey, { model: modelId, frameStride: '2', maxFrames: '2' }, clip);
    expect(strided.body.images).toHaveLength(2);
  });
});

describe('Platform predict (POST /api/models/{id}/predict)', () => {
  it('answers predictions with the class name in "class"', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(image)]), 'image.png');
    form.append('conf', '0.5');
    const response = await fetch(`${platform.url}/api/models/${modelId}/predict`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.apiKey}` },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      success: true,
      predictions: [
        { class: 'cat', confidence: 0.9, box: { x1: 44, y1: 54, x2: 84, y2: 74 } },
        { class: 'dog', confidence: 0.6, box: { x1: 12, y1: 12, x2: 28, y2: 28 } },
      ],
    });
  });
});

describe('GraphQL predict (multipart upload through the gateway)', () => {
  const PREDICT = parse(`mutation($modelId: ID!, $file: Upload!, $conf: Float) {
    predict(modelId: $modelId, file: $file, conf: $conf) { images { shape results { name class confidence box { x1 y1 x2 y2 } } } }
  }`);

  it('runs the same pipeline', async () => {
    const { status, data, errors } = await graphqlUpload(
      platform,
      alice.apiKey,
      PREDICT,
      { modelId, conf: 0.5 },
      { variable: 'file', ...png() },
    );
    expect(errors).toBeUndefined();
    expect(status).toBe(200);
    expect(data.predict.images[0]).toEqual({
      shape: [128, 128],
      results: [
        { name: 'cat', class: 0, confidence: 0.9, box: { x1: 44, y1: 54, x2: 84, y2: 74 } },
        { name: 'dog', class: 1, confidence: 0.6, box: { x1: 12, y1: 12, x2: 28, y2: 28 } },
      ],
    });
  });

  it("does not run another account's model", async () => {
    const { errors } = await graphqlUpload(platform, bob.apiKey, PREDICT, { modelId }, { variable: 'file', ...png() });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

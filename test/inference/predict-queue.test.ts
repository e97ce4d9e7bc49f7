import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { hubPredict, uploadModel } from './support.js';

/**
 * Each model takes a bounded number of predictions at once (INFERENCE_MAX_IN_FLIGHT); past it the caller is told to
 * come back (429 RATE_LIMITED with Retry-After) instead of waiting behind an unbounded queue.
 */
let platform: TestPlatform;
let alice: TestAccount;
let modelId: string;
let image: Buffer;

beforeAll(async () => {
  platform = await startTestPlatform({ INFERENCE_MAX_IN_FLIGHT: '1' });
  alice = await createAccount(platform);
  const onnx = buildOnnxModel({
    task: 'detect',
    names: ['cat', 'dog'],
    imgsz: [64, 64],
    outputs: [{ name: 'output0', ...channelMajor([[32, 32, 20, 10, 0.9, 0.1]]) }],
  });
  modelId = await uploadModel(platform, alice.apiKey, 'busy.onnx', Buffer.from(onnx));
  // A 12-megapixel photo-like JPEG: decoding it keeps a prediction in flight long enough for the others to arrive.
  image = await sharp({
    create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
});
afterAll(() => platform?.stop());

it('refuses predictions past the model’s limit with 429 RATE_LIMITED and Retry-After, and serves again once free', async () => {
  const predict = () => hubPredict(platform, alice.apiKey, { model: modelId }, { name: 'photo.jpg', bytes: image });
  expect((await predict()).status).toBe(200); // loaded: the session exists before the burst
  const answers = await Promise.all(Array.from({ length: 8 }, predict));
  const statuses = answers.map((answer) => answer.status);
  expect(
    statuses.every((status) => status === 200 || status === 429),
    String(statuses),
  ).toBe(true);
  expect(statuses).toContain(200);
  expect(statuses).toContain(429);
  for (const refused of answers.filter((answer) => answer.status === 429)) {
    expect(refused.body).toMatchObject({
      success: false,
      error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } },
    });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  }
  // Nothing stays held: one at a time, every prediction is served.
  expect((await predict()).status).toBe(200);
  expect((await predict()).status).toBe(200);

  // /metrics shows where each served image's time went, and the refusals.
  const metrics = await (await fetch(`${platform.url}/metrics`)).text();
  const served = statuses.filter((status) => status === 200).length + 3;
  for (const stage of ['decode', 'letterbox', 'queued', 'run', 'postprocess']) {
    const count = new RegExp(`^inference_predict_stage_seconds_count\\{stage="${stage}"\\} (\\d+)$`, 'm').exec(metrics);
    expect(Number(count?.[1]), stage).toBe(served);
  }
  const refused = /^inference_predict_refused_total (\d+)$/m.exec(metrics);
  expect(Number(refused?.[1])).toBe(statuses.filter((status) => status === 429).length);
});

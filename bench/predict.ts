/**
 * HUB predict end to end over HTTP vs a bare onnxruntime `session.run` on the same tensor, for the detect fixtures
 * at 256 and 640 on bus.jpg: the server's overhead is end-to-end minus bare run, reported as a ratio.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { decodeImage, letterboxGeometry, letterboxTensor } from '../runtime/index.js';
import { ms, sequential, stats, throughput } from './http.js';
import { startBenchServer } from './platform.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../shared/fixtures');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const MODELS = [
  { file: 'shapes-detect.onnx', size: 256 },
  { file: 'shapes-detect-640.onnx', size: 640 },
];

export async function benchPredict(): Promise<void> {
  if (!existsSync(FIXTURES)) {
    console.log(`predict: skipped, the fixtures are not at ${FIXTURES}`);
    return;
  }
  const server = await startBenchServer('predict');
  const { apiKey } = server;
  const image = await readFile(path.join(FIXTURES, 'images/bus.jpg'));
  try {
    console.log(
      `predict: HUB predict of bus.jpg (810x1080) over HTTP to npm start (own process), ${REQUESTS} sequential requests per figure, ${availableParallelism()} cores`,
    );
    for (const { file, size } of MODELS) {
      const modelPath = path.join(FIXTURES, 'models', file);
      const modelId = await upload(server.url, apiKey, modelPath);

      const stages = { preprocess: [] as number[], inference: [] as number[], postprocess: [] as number[] };
      const predict = async () => {
        const form = new FormData();
        form.append('model', modelId);
        form.append('file', new Blob([new Uint8Array(image)]), 'bus.jpg');
        const response = await fetch(`${server.url}/`, { method: 'POST', headers: { 'x-api-key': apiKey }, body: form });
        if (!response.ok) throw new Error(`predict answered ${response.status}: ${await response.text()}`);
        const body = (await response.json()) as { images: Array<{ speed: Record<keyof typeof stages, number> }> };
        for (const stage of Object.keys(stages) as Array<keyof typeof stages>) stages[stage].push(body.images[0]!.speed[stage]);
      };
      await untilServed(predict); // the inference subgraph learns of the upload through domain events
      await sequential(10, predict); // warm-up: model load, JIT
      for (const stage of Object.keys(stages) as Array<keyof typeof stages>) stages[stage].length = 0;
      const endToEnd = stats(await sequential(REQUESTS, predict));
      const stageStats = {
        preprocess: stats(stages.preprocess),
        inference: stats(stages.inference),
        postprocess: stats(stages.postprocess),
      };
      const bare = stats(await bareRuns(modelPath, image));
      const rates: string[] = [];
      for (const concurrency of [1, 4, 16])
        rates.push(`c${concurrency} ${(await throughput(concurrency, DURATION_MS, predict)).toFixed(1)}/s`);

      const row = (label: string, s: { p50: number; p95: number }) =>
        `    ${label.padEnd(26)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}`;
      console.log(`  ${file} (${size}x${size}):`);
      console.log(row('end-to-end HUB predict', endToEnd));
      console.log(row('decode + letterbox', stageStats.preprocess));
      console.log(row('session run (in server)', stageStats.inference));
      console.log(row('post-process', stageStats.postprocess));
      console.log(row('bare session.run', bare));
      console.log(`    overhead ratio (e2e p50 / bare p50): ${(endToEnd.p50 / bare.p50).toFixed(2)}x   throughput: ${rates.join('  ')}`);
    }
  } finally {
    await server.stop();
  }
}

async function untilServed(predict: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await predict();
    } catch (error) {
      if (attempt > 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function upload(url: string, apiKey: string, modelPath: string): Promise<string> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const project = (await (
    await fetch(`${url}/api/projects`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"name":"bench"}',
    })
  ).json()) as { data: { id: string } };
  const form = new FormData();
  form.append('projectId', project.data.id);
  form.append('name', path.basename(modelPath));
  form.append('file', new Blob([new Uint8Array(await readFile(modelPath))]), path.basename(modelPath));
  const model = (await (await fetch(`${url}/api/models`, { method: 'POST', headers, body: form })).json()) as { data: { id: string } };
  return model.data.id;
}

/** onnxruntime alone, configured as the server's sessions are, on the tensor the server would build for this image. */
async function bareRuns(modelPath: string, image: Buffer): Promise<number[]> {
  const session = await ort.InferenceSession.create(modelPath, {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    intraOpNumThreads: availableParallelism(),
    interOpNumThreads: 1,
  });
  const dims = session.inputMetadata[0] as unknown as { shape: number[] };
  const [height, width] = [dims.shape[2]!, dims.shape[3]!];
  const pixels = await decodeImage(image);
  const tensor = new ort.Tensor(
    'float32',
    letterboxTensor(pixels, letterboxGeometry(pixels.height, pixels.width, [height, width], false, 32)),
    [1, 3, height, width],
  );
  const feeds = { [session.inputNames[0]!]: tensor };
  await sequential(10, async () => void (await session.run(feeds)));
  const samples = await sequential(REQUESTS, async () => void (await session.run(feeds)));
  await session.release();
  return samples;
}

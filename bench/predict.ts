/**
 * HUB predict end to end over HTTP (`npm start` in a process of its own) beside two references, each in a quiet
 * process of its own, run one after another in the same benchmark: a bare onnxruntime `session.run` of the same model
 * on the same tensor (bench/bare-session.ts), and Ultralytics' own predict of the same weights with PyTorch
 * (bench/ultralytics-predict.py, when ../shared/ultralytics is set up). Then requests/s at 1, 4 and 16 concurrent
 * requests against the bare session's back-to-back rate, and the server's peak RSS under 16 concurrent
 * 12-megapixel JPEGs.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { ms, sequential, stats, throughput } from './http.js';
import { startBenchServer } from './platform.js';

const SHARED = path.resolve(process.env.SHARED_DIR ?? path.join(import.meta.dirname, '../../shared'));
const FIXTURES = path.join(SHARED, 'fixtures');
const ULTRALYTICS_PYTHON = process.env.ULTRALYTICS_PYTHON ?? path.join(SHARED, 'ultralytics', 'python');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const MODELS = [
  { file: 'shapes-detect.onnx', size: 256 },
  { file: 'shapes-detect-640.onnx', size: 640 },
];
const STAGES = ['preprocess', 'inference', 'postprocess'] as const;
const run = promisify(execFile);

export async function benchPredict(): Promise<void> {
  if (!existsSync(FIXTURES)) {
    console.log(`predict: skipped, the fixtures are not at ${FIXTURES}`);
    return;
  }
  const imagePath = path.join(FIXTURES, 'images/bus.jpg');
  const image = await readFile(imagePath);
  const server = await startBenchServer('predict');
  const { apiKey } = server;
  try {
    console.log(
      `predict: HUB predict of bus.jpg (810x1080) over HTTP to npm start (own process); ${REQUESTS} sequential requests per figure; references in processes of their own; ${availableParallelism()} cores`,
    );
    let largest: { modelId: string } | undefined;
    for (const { file, size } of MODELS) {
      const modelPath = path.join(FIXTURES, 'models', file);
      const modelId = await upload(server.url, apiKey, modelPath);
      largest = { modelId };
      const speeds: Record<(typeof STAGES)[number], number[]> = { preprocess: [], inference: [], postprocess: [] };
      const predict = async (bytes: Buffer = image) => {
        const form = new FormData();
        form.append('model', modelId);
        form.append('file', new Blob([new Uint8Array(bytes)]), 'bus.jpg');
        const response = await fetch(`${server.url}/`, { method: 'POST', headers: { 'x-api-key': apiKey }, body: form });
        if (!response.ok) throw new Error(`predict answered ${response.status}: ${await response.text()}`);
        const body = (await response.json()) as { images: Array<{ speed: Record<(typeof STAGES)[number], number> }> };
        for (const stage of STAGES) speeds[stage].push(body.images[0]!.speed[stage]);
      };
      await untilServed(() => predict()); // the inference subgraph learns of the upload through domain events
      await sequential(10, () => predict()); // warm-up: model load, JIT
      for (const stage of STAGES) speeds[stage].length = 0;
      const endToEnd = stats(await sequential(REQUESTS, () => predict()));
      const inServer = Object.fromEntries(STAGES.map((stage) => [stage, stats(speeds[stage])]));
      const rates: number[] = [];
      for (const concurrency of [1, 4, 16]) rates.push(await throughput(concurrency, DURATION_MS, () => predict()));

      // The references, while the server sits idle.
      const bare = await bareSession(modelPath, imagePath);
      const ultralytics = await ultralyticsPredict(path.join(FIXTURES, 'models', 'shapes-detect.pt'), imagePath, size);

      const row = (label: string, s: { p50: number; p95: number }) =>
        `    ${label.padEnd(34)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}`;
      console.log(`  ${file} (${size}x${size}):`);
      console.log(row('end-to-end HUB predict', endToEnd));
      console.log(row('  in the server: preprocess', inServer.preprocess!));
      console.log(row('  in the server: inference', inServer.inference!));
      console.log(row('  in the server: postprocess', inServer.postprocess!));
      console.log(row('bare session.run (own process)', bare.latency));
      if (ultralytics) console.log(row('Ultralytics predict, PyTorch (own)', ultralytics));
      else console.log(`    Ultralytics predict: not measured (${ULTRALYTICS_PYTHON} is not set up)`);
      console.log(
        `    e2e / bare: ${(endToEnd.p50 / bare.latency.p50).toFixed(2)}x   in-server inference / bare: ${(inServer.inference!.p50 / bare.latency.p50).toFixed(2)}x` +
          (ultralytics ? `   e2e / Ultralytics: ${(endToEnd.p50 / ultralytics.p50).toFixed(2)}x` : ''),
      );
      console.log(
        `    req/s at 1 / 4 / 16 concurrent: ${rates.map((rate) => rate.toFixed(1)).join(' / ')}   bare session back to back: ${bare.perSecond.toFixed(1)}/s` +
          `   (${rates.map((rate) => `${((rate / bare.perSecond) * 100).toFixed(0)}%`).join(' / ')})`,
      );
    }

    // Memory: 16 concurrent predicts of a 12-megapixel JPEG on the 640 model.
    const photo = await sharp({
      create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    const before = memory(server.pid);
    const answers = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const form = new FormData();
        form.append('model', largest!.modelId);
        form.append('file', new Blob([new Uint8Array(photo)]), 'photo.jpg');
        return (await fetch(`${server.url}/`, { method: 'POST', headers: { 'x-api-key': apiKey }, body: form })).status;
      }),
    );
    const after = memory(server.pid);
    console.log(
      `  memory: 16 concurrent 12-megapixel JPEGs (${(photo.length / 1e6).toFixed(1)} MB each; answers ${summarise(answers)}): server RSS ${mb(before.rss)} before, peak RSS ${mb(after.peak)} (since start)`,
    );
  } finally {
    await server.stop();
  }
}

async function bareSession(modelPath: string, imagePath: string): Promise<{ latency: ReturnType<typeof stats>; perSecond: number }> {
  const script = path.join(import.meta.dirname, 'bare-session.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, modelPath, imagePath, String(REQUESTS)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { samples: number[]; perSecond: number };
  return { latency: stats(result.samples), perSecond: result.perSecond };
}

async function ultralyticsPredict(weights: string, imagePath: string, size: number): Promise<ReturnType<typeof stats> | undefined> {
  if (!existsSync(ULTRALYTICS_PYTHON) || !existsSync(weights)) return undefined;
  const script = path.join(import.meta.dirname, 'ultralytics-predict.py');
  try {
    const { stdout } = await run(ULTRALYTICS_PYTHON, [script, weights, imagePath, String(size), String(Math.min(REQUESTS, 50))], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return stats((JSON.parse(stdout.trim().split('\n').at(-1)!) as { samples: number[] }).samples);
  } catch {
    return undefined; // not set up (setup.sh not run): said in the report
  }
}

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function summarise(statuses: number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, count]) => `${count}x ${status}`).join(', ');
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

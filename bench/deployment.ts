/**
 * A dedicated deployment against the shared HUB route, on the same model and image: the cold start of a deployment
 * scaled to zero (as the client waits for it, and as the server measured loading the instance), then p50/p95 and
 * throughput of warm requests through the deployment's endpoint and through `POST /`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ms, sequential, stats, throughput } from './http.js';
import { startBenchServer, type BenchServer } from './platform.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../shared/fixtures');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5000);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 5);
/** Instances idle this long go, so the bench can measure several cold starts quickly. */
const SCALE_DOWN_MS = 1000;
const MODEL = 'shapes-detect.onnx';

export async function benchDeployment(): Promise<void> {
  if (!existsSync(FIXTURES)) {
    console.log(`deployment: skipped, the fixtures are not at ${FIXTURES}`);
    return;
  }
  const server = await startBenchServer('deployment', { DEPLOYMENT_SCALE_DOWN_MS: String(SCALE_DOWN_MS) });
  try {
    const image = await readFile(path.join(FIXTURES, 'images/bus.jpg'));
    const modelId = await upload(server, path.join(FIXTURES, 'models', MODEL));
    const deployment = await call(server, 'POST', '/api/deployments', { modelId, region: 'us-central1', minInstances: 0, maxInstances: 2 });
    const id = deployment.id as string;
    await until(server, id, (d) => d.status === 'ready');
    const endpoint = `${deployment.endpointUrl}/predict`;
    const predict = (url: string, fields: Record<string, string>) => async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([new Uint8Array(image)]), 'bus.jpg');
      const response = await fetch(url, { method: 'POST', headers: { 'x-api-key': server.apiKey }, body: form });
      if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    const viaEndpoint = predict(endpoint, { iou: '0.45' });
    const viaShared = predict(`${server.url}/`, { model: modelId });

    console.log(
      `deployment: ${MODEL} (256x256) on bus.jpg (810x1080), npm start as its own process; a deployment of min 0, max 2 instances`,
    );
    const clientCold: number[] = [];
    const serverCold: number[] = [];
    for (let i = 0; i < COLD_STARTS; i++) {
      await until(server, id, (d) => d.instances === 0);
      clientCold.push((await sequential(1, viaEndpoint))[0]!);
      const logs = await call(server, 'GET', `/api/deployments/${id}/logs?limit=5`);
      const entry = (logs.entries as Array<{ kind: string; coldStartMs: number | null }>).find((e) => e.kind === 'request');
      if (entry?.coldStartMs) serverCold.push(entry.coldStartMs);
    }
    const cold = stats(clientCold);
    const load = stats(serverCold);
    console.log(`  cold start (scaled to zero, ${COLD_STARTS} times): request p50 ${ms(cold.p50)}, instance start p50 ${ms(load.p50)}`);

    await sequential(10, viaEndpoint); // warm-up of both paths
    await sequential(10, viaShared);
    // Alternated, so both paths see the same load on this shared machine.
    const endpointSamples: number[] = [];
    const sharedSamples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      endpointSamples.push(...(await sequential(1, viaEndpoint)));
      sharedSamples.push(...(await sequential(1, viaShared)));
    }
    const warmEndpoint = stats(endpointSamples);
    const warmShared = stats(sharedSamples);
    const row = (label: string, s: { p50: number; p95: number }) =>
      `    ${label.padEnd(28)} p50 ${ms(s.p50).padStart(10)}  p95 ${ms(s.p95).padStart(10)}`;
    console.log(`  warm, ${REQUESTS} sequential requests each, alternating:`);
    console.log(row('deployment endpoint', warmEndpoint));
    console.log(row('shared HUB route (POST /)', warmShared));
    const rates: string[] = [];
    for (const [label, request] of [
      ['endpoint', viaEndpoint],
      ['shared', viaShared],
    ] as const) {
      rates.push(`${label} c4 ${(await throughput(4, DURATION_MS, request)).toFixed(1)}/s`);
    }
    console.log(`    throughput: ${rates.join('  ')}`);
    const metrics = await call(server, 'GET', `/api/deployments/${id}/metrics?range=1h`);
    console.log(
      `    the deployment's own metrics: ${metrics.requests} requests, p50 ${metrics.latencyP50Ms} ms, p95 ${metrics.latencyP95Ms} ms ` +
        `(server side), ${metrics.instanceStarts} instance starts, ${metrics.instanceStartAvgMs} ms each on average`,
    );
  } finally {
    await server.stop();
  }
}

async function call(server: BenchServer, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.url}${route}`, {
    method,
    headers: { authorization: `Bearer ${server.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as { data?: unknown };
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`);
  return json.data;
}

async function until(server: BenchServer, id: string, done: (deployment: any) => boolean): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (done(await call(server, 'GET', `/api/deployments/${id}`))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`deployment ${id} did not get there in time`);
}

async function upload(server: BenchServer, modelPath: string): Promise<string> {
  const project = await call(server, 'POST', '/api/projects', { name: 'bench-deployment' });
  const form = new FormData();
  form.append('projectId', project.id);
  form.append('name', path.basename(modelPath));
  form.append('file', new Blob([new Uint8Array(await readFile(modelPath))]), path.basename(modelPath));
  const response = await fetch(`${server.url}/api/models`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.apiKey}` },
    body: form,
  });
  return ((await response.json()) as { data: { id: string } }).data.id;
}

/**
 * Model upload throughput: a 100 MB `.pt` file sent as `POST /api/models` multipart to `npm start` running as its
 * own process, and the memory that server process held while receiving it (uploads stream to disk, so its peak
 * RSS should not grow with the file).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { startBenchServer } from './platform.js';

const MEGABYTES = Number(process.env.BENCH_UPLOAD_MB ?? 100);
const RUNS = Number(process.env.BENCH_UPLOAD_RUNS ?? 3);

/** Resident memory of a process from /proc, in MB. */
async function memoryOf(pid: number): Promise<{ rss: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { rss: Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024 };
}

export async function benchUpload(): Promise<void> {
  const server = await startBenchServer('upload');
  const { url } = server;
  try {
    const headers = { authorization: `Bearer ${server.apiKey}` };
    const project = (await (
      await fetch(`${url}/api/projects`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"name":"bench"}',
      })
    ).json()) as { data: { id: string } };
    // A torch checkpoint is a zip: the header is what the catalog checks; the rest is incompressible noise.
    const body = new Blob([new Uint8Array(Buffer.concat([Buffer.from('PK\u0003\u0004'), randomBytes(MEGABYTES * 1024 ** 2 - 4)]))]);
    const before = await memoryOf(server.pid);
    let peak = before.rss;
    const sampler = setInterval(() => void memoryOf(server.pid).then((m) => (peak = Math.max(peak, m.rss))), 10);
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const form = new FormData();
      form.append('projectId', project.data.id);
      form.append('name', `weights-${run}.pt`);
      form.append('file', body, `weights-${run}.pt`);
      const start = performance.now();
      const response = await fetch(`${url}/api/models`, { method: 'POST', headers, body: form });
      if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
      rates.push(MEGABYTES / ((performance.now() - start) / 1000));
    }
    clearInterval(sampler);
    const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
    console.log(`upload: ${MEGABYTES} MB .pt through POST /api/models (REST multipart -> gateway -> catalog -> disk), ${RUNS} runs`);
    console.log(`  throughput: median ${median.toFixed(1)} MB/s (runs: ${rates.map((r) => r.toFixed(1)).join(', ')})`);
    console.log(
      `  server RSS: ${before.rss.toFixed(0)} MB before, at most ${peak.toFixed(0)} MB while receiving (+${(peak - before.rss).toFixed(0)} MB)`,
    );
  } finally {
    await server.stop();
  }
}

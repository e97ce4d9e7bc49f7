/** Small load-generation helpers shared by the benchmarks: latency percentiles and throughput at a concurrency. */
export interface LatencyStats {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function stats(samples: number[]): LatencyStats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length };
}

/** Runs `request` `count` times one after another and returns each latency in ms. */
export async function sequential(count: number, request: () => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await request();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Requests per second with `concurrency` requests in flight for `durationMs`. */
export async function throughput(concurrency: number, durationMs: number, request: () => Promise<void>): Promise<number> {
  let done = 0;
  const end = performance.now() + durationMs;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        await request();
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

export const ms = (value: number) => `${value.toFixed(2)} ms`;

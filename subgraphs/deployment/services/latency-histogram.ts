/**
 * Request latencies as a sparse histogram of log-spaced buckets (each 2% wider than the last, from 0.1 ms): rows of
 * any number of requests merge by adding counts, so a minute, an hour or 30 days give p50/p95/p99 within 2%.
 */
export type Histogram = Map<number, number>;

const BASE_MS = 0.1;
const GROWTH = Math.log(1.02);

export function bucketOf(ms: number): number {
  return ms <= BASE_MS ? 0 : Math.ceil(Math.log(ms / BASE_MS) / GROWTH);
}

/** The upper bound of a bucket, in ms. */
export function bucketUpperMs(bucket: number): number {
  return BASE_MS * Math.exp(bucket * GROWTH);
}

export function record(histogram: Histogram, ms: number, count = 1): void {
  const bucket = bucketOf(ms);
  histogram.set(bucket, (histogram.get(bucket) ?? 0) + count);
}

export function merge(into: Histogram, from: Histogram): void {
  for (const [bucket, count] of from) into.set(bucket, (into.get(bucket) ?? 0) + count);
}

/** The latency under which a fraction `q` of the requests finished (the bucket's upper bound), or null without any. */
export function percentile(histogram: Histogram, q: number): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const bucket of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(bucket)!;
    if (seen >= rank) return Math.round(bucketUpperMs(bucket) * 100) / 100;
  }
  return null;
}

/** As stored in a metrics row (jsonb `{"<bucket>": count}`). */
export function toJson(histogram: Histogram): Record<string, number> {
  return Object.fromEntries(histogram);
}

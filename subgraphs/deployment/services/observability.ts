import { LOG_SEVERITIES, type DeploymentLogEntry } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';
import { merge, percentile, type Histogram } from './latency-histogram.js';
import { LOG_COLUMNS, toEntry } from './log-entries.js';
import type { DeploymentPool } from './pool.js';
import type { Telemetry } from './telemetry.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Each range with the width of one point of its series, and of one point of its sparkline (24 points). */
export const METRIC_RANGES = {
  '1h': { ms: HOUR, pointMs: MINUTE },
  '6h': { ms: 6 * HOUR, pointMs: 5 * MINUTE },
  '24h': { ms: 24 * HOUR, pointMs: 15 * MINUTE },
  '7d': { ms: 7 * 24 * HOUR, pointMs: HOUR },
  '30d': { ms: 30 * 24 * HOUR, pointMs: 4 * HOUR },
} as const;
export type MetricRange = keyof typeof METRIC_RANGES;
const SPARKLINE_POINTS = 24;

/** Retention as the docs give it: metrics 30 days, logs 7 days; and at most this many log entries per deployment. */
export const METRICS_RETENTION_MS = 30 * 24 * HOUR;
export const LOGS_RETENTION_MS = 7 * 24 * HOUR;
export const MAX_LOG_ENTRIES = 100_000;
const PRUNE_MS = 10 * MINUTE;

export const DEFAULT_LOG_LIMIT = 50;
export const MAX_LOG_LIMIT = 200;

export interface LatencyFigures {
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

export interface MetricPoint extends LatencyFigures {
  at: Date;
  requests: number;
  errors: number;
  /** The most instances up at once during the point. */
  instances: number;
}

export interface DeploymentMetrics extends LatencyFigures {
  deploymentId: string;
  range: MetricRange;
  from: Date;
  to: Date;
  requests: number;
  errors: number;
  /** errors / requests (0 without requests). */
  errorRate: number;
  /** Instances loaded in this process now. */
  instances: number;
  /** Instances started in the range (scale-ups and cold starts), and how long one took on average. */
  instanceStarts: number;
  instanceStartAvgMs: number | null;
  series: MetricPoint[];
}

export interface LogPage {
  entries: DeploymentLogEntry[];
  /** Pass it as `pageToken` for older entries; null on the last page. */
  nextPageToken: string | null;
}

/**
 * Metrics and logs as the owner reads them, from what endpoints recorded (this process's latest second written
 * first, so a read right after the requests counts them all), and their retention.
 */
export class Observability {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly telemetry: Telemetry,
    private readonly pool: DeploymentPool,
  ) {}

  async metrics(em: EntityManager, deploymentId: string, range: string, sparkline: boolean): Promise<DeploymentMetrics> {
    const chosen = checkRange(range);
    await this.telemetry.flush();
    const to = this.clock.now();
    const { ms } = METRIC_RANGES[chosen];
    const pointMs = sparkline ? ms / SPARKLINE_POINTS : METRIC_RANGES[chosen].pointMs;
    const from = new Date(to.getTime() - ms);
    const binning = [`${pointMs / 1000} seconds`, from];
    const where = `from deployment.metrics m where deployment_id = ? and minute >= ? and minute <= ?`;
    const [totals, buckets] = await Promise.all([
      em.execute<Array<{ bin: string; requests: number; errors: number; instances: number; starts: number; startMs: number }>>(
        `select date_bin(?::interval, minute, ?::timestamptz) as bin, sum(requests)::int as requests, sum(errors)::int as errors,
            max(instances_max) as instances, sum(cold_starts)::int as starts, sum(cold_start_ms)::float8 as "startMs"
          ${where} group by bin`,
        [...binning, deploymentId, from, to],
      ),
      em.execute<Array<{ bin: string; bucket: number; count: number }>>(
        `select date_bin(?::interval, minute, ?::timestamptz) as bin, h.key::int as bucket, sum(h.value::bigint)::int as count
          ${where.replace('m where', 'm, jsonb_each_text(m.latency) h where')} group by bin, bucket`,
        [...binning, deploymentId, from, to],
      ),
    ]);
    const histograms = new Map<number, Histogram>();
    for (const row of buckets) {
      const bin = new Date(row.bin).getTime();
      const histogram = histograms.get(bin) ?? new Map<number, number>();
      histogram.set(row.bucket, (histogram.get(row.bucket) ?? 0) + row.count);
      histograms.set(bin, histogram);
    }
    const byBin = new Map(totals.map((row) => [new Date(row.bin).getTime(), row]));
    const series: MetricPoint[] = [];
    for (let at = from.getTime(); at < to.getTime(); at += pointMs) {
      const row = byBin.get(at);
      series.push({
        at: new Date(at),
        requests: row?.requests ?? 0,
        errors: row?.errors ?? 0,
        instances: row?.instances ?? 0,
        ...latencyOf(histograms.get(at) ?? new Map()),
      });
    }
    const all: Histogram = new Map();
    for (const histogram of histograms.values()) merge(all, histogram);
    const requests = totals.reduce((sum, row) => sum + row.requests, 0);
    const errors = totals.reduce((sum, row) => sum + row.errors, 0);
    const starts = totals.reduce((sum, row) => sum + row.starts, 0);
    const startMs = totals.reduce((sum, row) => sum + row.startMs, 0);
    return {
      deploymentId,
      range: chosen,
      from,
      to,
      requests,
      errors,
      errorRate: requests === 0 ? 0 : Math.round((errors / requests) * 10_000) / 10_000,
      instances: this.pool.instances(deploymentId),
      instanceStarts: starts,
      instanceStartAvgMs: starts === 0 ? null : Math.round((startMs / starts) * 100) / 100,
      ...latencyOf(all),
      series,
    };
  }

  async logs(
    em: EntityManager,
    deploymentId: string,
    query: { severity?: string[] | null; limit?: number | null; pageToken?: string | null },
  ): Promise<LogPage> {
    const limit = query.limit ?? DEFAULT_LOG_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LOG_LIMIT) {
      throw validationError(`limit must be an integer from 1 to ${MAX_LOG_LIMIT}`, { limit });
    }
    const severities = checkSeverities(query.severity);
    const before = query.pageToken ? readPageToken(query.pageToken) : null;
    await this.telemetry.flush();
    const conditions = ['deployment_id = ?'];
    const params: unknown[] = [deploymentId];
    if (before) {
      conditions.push('(at, id) < (?::timestamptz, ?::bigint)');
      params.push(before.at, before.id);
    }
    if (severities) {
      conditions.push(`severity in (${severities.map(() => '?').join(', ')})`);
      params.push(...severities);
    }
    const rows = await em.execute<Record<string, unknown>[]>(
      // In the order things happened (requests are written a second later than lifecycle steps); `l.` for the
      // columns themselves, not the select list's text of them.
      `select ${LOG_COLUMNS} from deployment.logs l where ${conditions.join(' and ')} order by l.at desc, l.id desc limit ?`,
      [...params, limit + 1],
    );
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextPageToken: rows.length > limit ? pageToken(entries.at(-1)!) : null };
  }

  /** Deletes what is past retention now and then; the first pass runs at once. */
  start(): void {
    const prune = () => this.prune().catch((error: unknown) => console.error('[deployment] pruning telemetry failed:', error));
    void prune();
    this.timer = setInterval(() => void prune(), PRUNE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async prune(): Promise<void> {
    const now = this.clock.now().getTime();
    await this.db.transaction(async (em) => {
      await em.execute(`delete from deployment.logs where at < ?`, [new Date(now - LOGS_RETENTION_MS)]);
      await em.execute(`delete from deployment.metrics where minute < ?`, [new Date(now - METRICS_RETENTION_MS)]);
      // A busy deployment keeps its newest entries only.
      const crowded = await em.execute<Array<{ deploymentId: string }>>(
        `select deployment_id as "deploymentId" from deployment.logs group by deployment_id having count(*) > ?`,
        [MAX_LOG_ENTRIES],
      );
      for (const { deploymentId } of crowded) {
        await em.execute(
          `delete from deployment.logs where deployment_id = ? and id <= (
            select id from deployment.logs where deployment_id = ? order by id desc offset ? limit 1)`,
          [deploymentId, deploymentId, MAX_LOG_ENTRIES],
        );
      }
    });
  }
}

function latencyOf(histogram: Histogram): LatencyFigures {
  return { latencyP50Ms: percentile(histogram, 0.5), latencyP95Ms: percentile(histogram, 0.95), latencyP99Ms: percentile(histogram, 0.99) };
}

function checkRange(range: string): MetricRange {
  if (!(range in METRIC_RANGES)) throw validationError(`range must be one of ${Object.keys(METRIC_RANGES).join(', ')}`, { range });
  return range as MetricRange;
}

function checkSeverities(severity: string[] | null | undefined): string[] | null {
  if (!severity || severity.length === 0) return null;
  const unknown = severity.filter((level) => !(LOG_SEVERITIES as readonly string[]).includes(level));
  if (unknown.length > 0) throw validationError(`severity must be among ${LOG_SEVERITIES.join(', ')}`, { severity: unknown });
  return severity;
}

/** Where the next page starts: after the last entry given (opaque to clients). */
const pageToken = (last: DeploymentLogEntry) => Buffer.from(JSON.stringify({ at: last.at, id: last.id })).toString('base64url');

function readPageToken(token: string): { at: string; id: string } {
  try {
    const { at, id } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { at?: unknown; id?: unknown };
    if (typeof id === 'string' && /^\d{1,18}$/.test(id) && typeof at === 'string' && !Number.isNaN(Date.parse(at))) return { at, id };
  } catch {
    // refused below
  }
  throw validationError('pageToken is not one this API gave out', { pageToken: token.slice(0, 100) });
}

import { Counter, Gauge, Histogram as PromHistogram, type Registry } from 'prom-client';
import type { DeploymentLogEntry } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import { merge, record as recordLatency, toJson, type Histogram } from './latency-histogram.js';
import { lifecycleEntry, writeLogEntries, type LogTarget, type NewLogEntry } from './log-entries.js';

/** How often what endpoints recorded is written (queries for metrics and logs write it first). */
const FLUSH_MS = 1000;

/** One request through a deployment's endpoint, as its log entry and its metrics see it. */
export interface RequestRecord extends LogTarget {
  at: Date;
  /** The HTTP status answered (200, or the error's). */
  status: number;
  latencyMs: number;
  imageBytes: number | null;
  imageWidth: number | null;
  imageHeight: number | null;
  resultCount: number | null;
  coldStartMs: number | null;
  /** Why it failed. */
  error?: string;
}

/** One deployment's figures for one minute, not written yet. */
interface MinuteFigures {
  deploymentId: string;
  minute: Date;
  requests: number;
  errors: number;
  latency: Histogram;
  instancesMax: number;
  coldStarts: number;
  coldStartMs: number;
}

const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

/**
 * What deployments' traffic leaves behind: one log entry per request, per-minute metrics (requests, errors, a latency
 * histogram, instances), and Prometheus figures. Endpoints record in memory (the hot path writes nothing); a flush
 * every second writes the batch in one transaction — log rows, upserted minute rows, one `deployment.logged` event per
 * deployment for live subscribers. Every request is counted exactly once.
 */
export class Telemetry {
  private entries = new Map<string, { target: LogTarget; entries: NewLogEntry[] }>();
  private minutes = new Map<string, MinuteFigures>();
  /** The instance count last seen per deployment, and the minute it was last written for. */
  private readonly instanceSamples = new Map<string, { count: number; writtenFor: number }>();
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly forgotten = new Set<string>();
  private readonly requests: Counter<'deployment' | 'status'>;
  private readonly latency: PromHistogram<'deployment'>;
  private readonly instances: Gauge<'deployment'>;
  private readonly coldStarts: PromHistogram<'deployment'>;

  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    metrics: Registry,
  ) {
    const registers = [metrics];
    this.requests = new Counter({
      name: 'deployment_requests_total',
      help: "Requests through a deployment's endpoint, by HTTP status",
      labelNames: ['deployment', 'status'],
      registers,
    });
    this.latency = new PromHistogram({
      name: 'deployment_request_duration_seconds',
      help: "Server-side latency of a deployment's requests",
      labelNames: ['deployment'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers,
    });
    this.instances = new Gauge({
      name: 'deployment_instances',
      help: 'Instances of a deployment loaded in this process',
      labelNames: ['deployment'],
      registers,
    });
    this.coldStarts = new PromHistogram({
      name: 'deployment_instance_start_seconds',
      help: 'Time to start one instance of a deployment (load its model)',
      labelNames: ['deployment'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  start(): void {
    const tick = () => {
      this.timer = setTimeout(() => {
        this.flush()
          .catch((error: unknown) => console.error('[deployment] writing telemetry failed, will retry:', error))
          .finally(() => this.timer && tick());
      }, FLUSH_MS);
      this.timer.unref();
    };
    tick();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  request(record: RequestRecord): void {
    const failed = record.status >= 400;
    this.requests.inc({ deployment: record.deploymentId, status: String(record.status) });
    this.latency.observe({ deployment: record.deploymentId }, record.latencyMs / 1000);
    const figures = this.figures(record.deploymentId, record.at);
    figures.requests += 1;
    if (failed) figures.errors += 1;
    recordLatency(figures.latency, record.latencyMs);
    this.entry(record, {
      at: record.at,
      severity: record.status >= 500 ? 'ERROR' : failed ? 'WARNING' : 'INFO',
      kind: 'request',
      message: requestMessage(record),
      status: record.status,
      latencyMs: round(record.latencyMs),
      imageBytes: record.imageBytes,
      imageWidth: record.imageWidth,
      imageHeight: record.imageHeight,
      resultCount: record.resultCount,
      coldStartMs: record.coldStartMs === null ? null : round(record.coldStartMs),
    });
  }

  /** A lifecycle step that happens outside a transaction (instances starting and stopping). */
  lifecycle(target: LogTarget, severity: DeploymentLogEntry['severity'], message: string): void {
    this.entry(target, lifecycleEntry(this.clock.now(), severity, message));
  }

  /** An instance started in `ms`. */
  instanceStarted(deploymentId: string, ms: number): void {
    this.coldStarts.observe({ deployment: deploymentId }, ms / 1000);
    const figures = this.figures(deploymentId, this.clock.now());
    figures.coldStarts += 1;
    figures.coldStartMs += ms;
  }

  /** The deployment now has `count` instances in this process (recorded as the minute's maximum). */
  instancesNow(deploymentId: string, count: number): void {
    this.instances.set({ deployment: deploymentId }, count);
    const sample = this.instanceSamples.get(deploymentId);
    if (sample) sample.count = count;
    else this.instanceSamples.set(deploymentId, { count, writtenFor: 0 });
    this.sampleInstances(deploymentId, count);
  }

  /** Drops what is pending for a deleted deployment (and what requests still in flight record for it). */
  forget(deploymentId: string): void {
    this.forgotten.add(deploymentId);
    this.entries.delete(deploymentId);
    this.instanceSamples.delete(deploymentId);
    this.instances.remove({ deployment: deploymentId });
    for (const [key, figures] of this.minutes) if (figures.deploymentId === deploymentId) this.minutes.delete(key);
  }

  /** Writes everything recorded so far (after a flush under way, if any). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    // Every minute with instances up gets its row, traffic or not: "instances over time" has no holes.
    const minute = minuteOf(this.clock.now()).getTime();
    for (const [deploymentId, sample] of this.instanceSamples) {
      if (sample.count > 0 && sample.writtenFor !== minute) this.sampleInstances(deploymentId, sample.count);
    }
    if (this.entries.size === 0 && this.minutes.size === 0) return;
    const entries = this.entries;
    const minutes = this.minutes;
    this.entries = new Map();
    this.minutes = new Map();
    this.flushing = this.write(entries, minutes)
      .catch((error: unknown) => {
        // Put back for the next flush: nothing recorded is lost to a failed write.
        for (const [id, batch] of entries) {
          const newer = this.entries.get(id);
          if (newer) newer.entries.unshift(...batch.entries);
          else this.entries.set(id, batch);
        }
        for (const [key, figures] of minutes) this.mergeFigures(key, figures);
        throw error;
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async write(entries: Map<string, { target: LogTarget; entries: NewLogEntry[] }>, minutes: Map<string, MinuteFigures>) {
    await this.db.transaction(async (em) => {
      for (const figures of minutes.values()) {
        if (this.forgotten.has(figures.deploymentId)) continue;
        await em.execute(
          `insert into deployment.metrics as m (deployment_id, minute, requests, errors, latency, instances_max, cold_starts, cold_start_ms)
            values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)
            on conflict (deployment_id, minute) do update set
              requests = m.requests + excluded.requests,
              errors = m.errors + excluded.errors,
              latency = (select coalesce(jsonb_object_agg(k, s), '{}'::jsonb) from (
                select k, sum(v::bigint) as s from (
                  select * from jsonb_each_text(m.latency) union all select * from jsonb_each_text(excluded.latency)) t(k, v)
                group by k) u),
              instances_max = greatest(m.instances_max, excluded.instances_max),
              cold_starts = m.cold_starts + excluded.cold_starts,
              cold_start_ms = m.cold_start_ms + excluded.cold_start_ms`,
          [
            figures.deploymentId,
            figures.minute,
            figures.requests,
            figures.errors,
            JSON.stringify(toJson(figures.latency)),
            figures.instancesMax,
            figures.coldStarts,
            figures.coldStartMs,
          ],
        );
      }
      for (const { target, entries: batch } of entries.values()) {
        if (!this.forgotten.has(target.deploymentId)) await writeLogEntries(em, this.events, target, batch);
      }
    });
  }

  private sampleInstances(deploymentId: string, count: number): void {
    const now = this.clock.now();
    const figures = this.figures(deploymentId, now);
    figures.instancesMax = Math.max(figures.instancesMax, count);
    const sample = this.instanceSamples.get(deploymentId);
    if (sample) sample.writtenFor = minuteOf(now).getTime();
  }

  private entry(target: LogTarget, entry: NewLogEntry): void {
    const pending = this.entries.get(target.deploymentId);
    if (pending) pending.entries.push(entry);
    else
      this.entries.set(target.deploymentId, {
        target: { deploymentId: target.deploymentId, accountId: target.accountId },
        entries: [entry],
      });
  }

  private figures(deploymentId: string, at: Date): MinuteFigures {
    const minute = minuteOf(at);
    const key = `${deploymentId}|${minute.getTime()}`;
    let figures = this.minutes.get(key);
    if (!figures) {
      figures = { deploymentId, minute, requests: 0, errors: 0, latency: new Map(), instancesMax: 0, coldStarts: 0, coldStartMs: 0 };
      this.minutes.set(key, figures);
    }
    return figures;
  }

  private mergeFigures(key: string, from: MinuteFigures): void {
    const into = this.minutes.get(key);
    if (!into) return void this.minutes.set(key, from);
    into.requests += from.requests;
    into.errors += from.errors;
    merge(into.latency, from.latency);
    into.instancesMax = Math.max(into.instancesMax, from.instancesMax);
    into.coldStarts += from.coldStarts;
    into.coldStartMs += from.coldStartMs;
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function requestMessage(record: RequestRecord): string {
  const parts = [`POST /predict ${record.status}`, `${round(record.latencyMs)} ms`];
  if (record.imageWidth !== null && record.imageHeight !== null) parts.push(`${record.imageWidth}x${record.imageHeight}`);
  if (record.resultCount !== null) parts.push(`${record.resultCount} result${record.resultCount === 1 ? '' : 's'}`);
  if (record.coldStartMs !== null) parts.push(`cold start ${round(record.coldStartMs)} ms`);
  if (record.error) parts.push(record.error);
  return parts.join(' · ');
}

import { LockMode } from '@mikro-orm/core';
import { z } from 'zod';
import {
  EXTERNAL_GPU_TYPE,
  TrainingCompleted,
  TrainingEpoch,
  TrainingFailed,
  TrainingReported,
  TrainingStarted,
} from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { Consumer, EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { RunLogChunk } from '../entities/run-log.js';
import { TrainingJob, type JobSource, type ReportedResults } from '../entities/training-job.js';
import { toRecord } from '../worker/results.js';
import { jobPayload } from './job-payload.js';
import { READ_MODELS_CONSUMER } from './read-models.js';

/** A reported run that sends nothing for this long is failed: the machine, or its client, went away. */
export const REPORTED_RUN_SILENCE_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 1000;

/** Budgets of what a client may make us keep for one run. */
const MAX_LOG_CHUNK_CHARS = 64 * 1024;
const MAX_LOG_CHARS = 8 * 1024 * 1024;
const MAX_PLOTS_JSON_CHARS = 2 * 1024 * 1024;
const MAX_METRICS = 200;

/** Metric values as the client sends them: numbers, or null where it had NaN or infinity. */
const metricsSchema = z
  .record(z.string().max(200), z.number().nullable())
  .refine((metrics) => Object.keys(metrics).length <= MAX_METRICS, `at most ${MAX_METRICS} metrics`);

export const reportedEpochSchema = z.object({
  /** 0-based, as the client counts. */
  epoch: z.number().int().min(0).max(1_000_000),
  metrics: metricsSchema,
});
export type ReportedEpoch = z.input<typeof reportedEpochSchema>;

export const reportedCompletionSchema = z.object({
  metrics: metricsSchema.nullish(),
  bestEpoch: z.number().int().min(0).nullish(),
  bestFitness: z.number().nullish(),
  modelPath: z.string().max(1000).nullish(),
  modelSize: z.number().int().min(0).nullish(),
  classNames: z.array(z.string().max(1000)).max(100_000).nullish(),
  plots: z.array(z.record(z.string(), z.unknown())).max(100).nullish(),
});
export type ReportedCompletion = z.input<typeof reportedCompletionSchema>;

export interface ReportedConsole {
  chunkId: number;
  content: string;
  lineCount?: number | null;
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(`The report is malformed: ${result.error.issues[0]?.message ?? 'invalid'}`);
  return result.data;
}

/** Finite numbers only: the client turns NaN into null, which says "no value", not zero. */
const finite = (metrics: Record<string, number | null> | null | undefined) =>
  Object.entries(metrics ?? {}).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]));

/**
 * Runs on the user's own machine, as its Ultralytics client reports them (`POST /api/webhooks/training/metrics`). They
 * live beside the platform's own jobs (source `reported`) and publish the same events, so the model, its status,
 * `trainingProgress`, REST status, metrics and history look the same; the platform ran nothing, so nothing is charged
 * (`gpuType` external, 0 GPU seconds, cost 0). A cancel through the API (`cancelTraining`) is what the next report's
 * answer tells the client.
 */
export class ReportedRuns {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /**
   * The catalog registered a run (`training.reported`, in the transaction that made its model): its record starts.
   * On the consumer that follows the catalog's other events (a consumer more would cost every process a poll more).
   */
  consumeWith(catalogEvents: Consumer): void {
    catalogEvents.on(TrainingReported, async ({ payload, accountId }, em) => {
      if (await em.count(TrainingJob, { modelId: payload.modelId, source: 'reported' })) return; // delivered before
      const now = this.clock.now();
      const job = em.create(TrainingJob, {
        id: newId('training'),
        accountId: accountId!,
        modelId: payload.modelId,
        datasetId: payload.datasetId,
        task: payload.task,
        architecture: payload.architecture,
        baseWeightsKey: null,
        epochs: payload.epochs,
        imageSize: payload.imageSize ?? 640,
        gpuType: EXTERNAL_GPU_TYPE,
        hourlyPriceMicroUsd: 0,
        // Runs on the user's machine cost nothing: billing reserves nothing and charges nothing for them.
        estimatedCostMicroUsd: 0,
        reservedAt: null,
        status: 'running',
        snapshotKey: null,
        attempts: 1,
        workerId: null,
        leaseExpiresAt: null,
        epoch: 0,
        history: [],
        error: null,
        gpuSeconds: 0,
        costMicroUsd: 0,
        source: 'reported',
        device: payload.device,
        results: null,
        createdAt: now,
        startedAt: now,
        finishedAt: null,
        updatedAt: now,
      });
      await em.flush();
      await this.events.publish(em, TrainingStarted, job.accountId, { ...jobPayload(job), attempt: 1, gpuType: EXTERNAL_GPU_TYPE });
    });
  }

  /**
   * The model's reported run, waiting for its registration to arrive when the model was only just made. Outside any
   * transaction: it may wait for the consumer.
   */
  async find(em: EntityManager, accountId: string, modelId: string, source: JobSource | 'any' = 'reported'): Promise<TrainingJob | null> {
    const where = source === 'any' ? { accountId, modelId } : { accountId, modelId, source };
    const latest = () => em.findOne(TrainingJob, where, { orderBy: { createdAt: 'desc', id: 'desc' }, refresh: true });
    const found = await latest();
    if (found) return found;
    await this.events.catchUp(READ_MODELS_CONSUMER);
    return latest();
  }

  /** `epoch_end`: the epoch joins the run's history and goes out as `training.epoch`, as a worker's would. */
  async epoch(accountId: string, modelId: string, input: ReportedEpoch): Promise<TrainingJob> {
    const report = parsed(reportedEpochSchema, input);
    return this.onRunning(accountId, modelId, async (em, job) => {
      const epoch = report.epoch + 1; // epochs finished, as results.csv and the platform's runs count them
      if (job.history.some((record) => record.epoch === epoch)) return; // a report sent twice
      const now = this.clock.now();
      const seconds = Math.max(0, (now.getTime() - (job.startedAt ?? job.createdAt).getTime()) / 1000);
      const row = new Map<string, number>([['epoch', epoch], ['time', Math.round(seconds * 1000) / 1000], ...finite(report.metrics)]);
      const record = toRecord(row, job.task, job.epochs);
      // Reports are sent in the background and may overtake each other: the history stays in epoch order.
      job.history = [...job.history, record].sort((a, b) => a.epoch - b.epoch);
      job.epoch = Math.max(job.epoch, epoch);
      job.updatedAt = now;
      await em.flush();
      await this.events.publish(em, TrainingEpoch, accountId, { ...jobPayload(job), epoch, record });
    });
  }

  /** `console_output`: kept as the run's log by chunk id (order restored on reading, gaps tolerated). */
  async console(accountId: string, modelId: string, chunk: ReportedConsole): Promise<TrainingJob> {
    if (!Number.isInteger(chunk.chunkId) || chunk.chunkId < 0) throw validationError('chunkId must be a non-negative integer');
    return this.onRunning(accountId, modelId, async (em, job) => {
      job.updatedAt = this.clock.now();
      await em.flush();
      const [kept] = await em.execute<{ chars: string }[]>(
        `select coalesce(sum(length(content)), 0) as chars from training.run_logs where job_id = ?`,
        [job.id],
      );
      if (Number(kept?.chars ?? 0) >= MAX_LOG_CHARS) return; // the log is full: later output is dropped
      // A chunk sent twice (the client retries) is kept once.
      await em.execute(
        `insert into training.run_logs (job_id, chunk_id, content, line_count, created_at) values (?, ?, ?, ?, ?) on conflict do nothing`,
        [
          job.id,
          chunk.chunkId,
          chunk.content.slice(0, MAX_LOG_CHUNK_CHARS),
          Math.max(0, Math.min(chunk.lineCount ?? 0, 1_000_000)),
          this.clock.now(),
        ],
      );
    });
  }

  /**
   * `training_complete`: the results are kept and the run completes (`training.completed`, at no cost). A run cancelled
   * meanwhile stays cancelled and keeps the partial results the client sends.
   */
  async complete(accountId: string, modelId: string, input: ReportedCompletion): Promise<TrainingJob> {
    const report = parsed(reportedCompletionSchema, input);
    const plots = report.plots ?? [];
    const results: ReportedResults = {
      metrics: Object.fromEntries(finite(report.metrics)),
      bestEpoch: report.bestEpoch ?? null,
      bestFitness: typeof report.bestFitness === 'number' && Number.isFinite(report.bestFitness) ? report.bestFitness : null,
      classNames: report.classNames ?? null,
      plots: JSON.stringify(plots).length <= MAX_PLOTS_JSON_CHARS ? plots : [],
      modelPath: report.modelPath ?? null,
      modelSize: report.modelSize ?? null,
    };
    const id = await this.runOf(accountId, modelId);
    return this.db.transaction(async (em) => {
      const job = await this.lock(em, id);
      if (job.status !== 'running' && job.status !== 'cancelled') return job;
      const now = this.clock.now();
      job.results = results;
      job.updatedAt = now;
      if (job.status === 'running') {
        Object.assign(job, { status: 'completed', finishedAt: now });
        await em.flush();
        await this.events.publish(em, TrainingCompleted, accountId, {
          ...jobPayload(job),
          datasetId: job.datasetId ?? null,
          files: [], // the weights reached the model through their upload URL
          gpuType: EXTERNAL_GPU_TYPE,
          gpuSeconds: 0,
          costMicroUsd: 0,
        });
      } else await em.flush();
      return job;
    });
  }

  /** The run's console output, chunks in `chunkId` order after `afterChunk`. */
  async log(em: EntityManager, accountId: string, modelId: string, afterChunk: number, limit: number): Promise<RunLogChunk[]> {
    const job = await this.find(em, accountId, modelId);
    if (!job) throw notFound('Training of model', modelId);
    return em.find(
      RunLogChunk,
      { jobId: job.id, chunkId: { $gt: afterChunk } },
      { orderBy: { chunkId: 'asc' }, limit: Math.min(Math.max(limit, 1), 1000) },
    );
  }

  /** Fails the reported runs that went silent (a client that crashed or lost the network never says it stopped). */
  async sweep(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - REPORTED_RUN_SILENCE_MS);
    return this.db.transaction(async (em) => {
      const silent = await em.find(
        TrainingJob,
        { source: 'reported', status: 'running', updatedAt: { $lt: cutoff } },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const reason = `The machine training it sent nothing for ${REPORTED_RUN_SILENCE_MS / 60_000} minutes`;
      for (const job of silent) {
        Object.assign(job, { status: 'failed', error: reason, finishedAt: this.clock.now(), updatedAt: this.clock.now() });
        await em.flush();
        await this.events.publish(em, TrainingFailed, job.accountId, { ...jobPayload(job), reason });
      }
      return silent.length;
    });
  }

  /** Sweeps now and then; returns how to stop. */
  scheduleSweep(): () => void {
    const timer = setInterval(() => {
      this.sweep().catch((error: unknown) => console.error('[training] sweeping silent reported runs failed:', error));
    }, SWEEP_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Runs `work` on the model's run while it runs; a run that ended (cancelled, say) is answered as it is. */
  private async onRunning(
    accountId: string,
    modelId: string,
    work: (em: EntityManager, job: TrainingJob) => Promise<void>,
  ): Promise<TrainingJob> {
    const id = await this.runOf(accountId, modelId);
    return this.db.transaction(async (em) => {
      const job = await this.lock(em, id);
      if (job.status === 'running') await work(em, job);
      return job;
    });
  }

  /** The id of the model's reported run, looked up (and waited for) before any transaction opens. */
  private async runOf(accountId: string, modelId: string): Promise<string> {
    const found = await this.find(this.db.em(), accountId, modelId);
    if (!found) throw notFound('Training of model', modelId);
    return found.id;
  }

  private async lock(em: EntityManager, id: string): Promise<TrainingJob> {
    return (await em.findOne(TrainingJob, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }))!;
  }
}

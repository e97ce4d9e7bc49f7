import { hostname } from 'node:os';
import { p } from '@mikro-orm/core';
import type { Database, EntityManager } from './database.js';
import { randomBase62 } from './ids.js';

/**
 * A durable job queue on a table the owning subgraph keeps (its rows are its domain objects: exports, runs), with the
 * rules every job of the platform follows:
 * - workers claim the oldest queued job with `FOR UPDATE SKIP LOCKED` (they never wait on each other);
 * - a claim is a lease the worker renews by heartbeat; every write of the worker is guarded by "still mine and still
 *   running", so a job cancelled or taken back refuses them, which is how the worker learns to stop;
 * - a job whose lease ran out (its worker died or hangs) is queued again once, then failed with the reason;
 * - a worker stopping on purpose hands its job back without spending an attempt.
 */

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_JOB_STATUSES: JobStatus[] = ['queued', 'running'];

/** The columns every queued job has (`properties: { ..., ...jobColumns() }`); the migration must create them as well. */
export const jobColumns = () => ({
  status: p.text().$type<JobStatus>().index(),
  /** Runs started so far (a run whose worker died is retried once). */
  attempts: p.integer(),
  workerId: p.text().nullable(),
  leaseExpiresAt: p.datetime().nullable(),
  /** 0..1, as far as the worker can tell. */
  progress: p.double().$type<number>().runtimeType('number'),
  error: p.text().nullable(),
  /** Worker time spent on the job over every attempt. */
  workerSeconds: p.double().$type<number>().runtimeType('number'),
  startedAt: p.datetime().nullable(),
  finishedAt: p.datetime().nullable(),
  updatedAt: p.datetime(),
});

/** The same columns as SQL, for the owning subgraph's migration. */
export const JOB_COLUMNS_SQL = `status text not null, attempts int not null, worker_id text null, lease_expires_at timestamptz null,
  progress double precision not null, error text null, worker_seconds double precision not null, started_at timestamptz null,
  finished_at timestamptz null, updated_at timestamptz not null`;

/** What the queue itself knows of a job; `columns` adds what the work needs. */
export interface QueuedJob {
  id: string;
  accountId: string;
  attempts: number;
  /** Worker seconds of earlier attempts. */
  priorWorkerSeconds: number;
}

export interface JobQueueOptions<Job extends QueuedJob> {
  /** The schema-qualified table, e.g. `deployment.exports` (it has `id`, `account_id`, `created_at` and the job columns). */
  table: string;
  /** The select list of the rest of a claimed job, e.g. `model_id as "modelId", format`. */
  columns: string;
  /** How long a claim lasts without a heartbeat. */
  leaseMs: number;
  /** Runs of a job before a lost one is failed (default 2: one retry). */
  maxAttempts?: number;
  /** Only jobs matching this SQL condition (with `?` parameters) are claimed, e.g. a GPU type a worker serves. */
  claimable?: { where: string; params: unknown[] };
  /** Called inside the transaction of each change, to publish its domain event. */
  hooks?: {
    started?(em: EntityManager, job: Job): Promise<void>;
    requeued?(em: EntityManager, job: Job, reason: string): Promise<void>;
    failed?(em: EntityManager, job: Job, reason: string, workerSeconds: number): Promise<void>;
  };
}

const LEASE = `now() + ?::int * interval '1 millisecond'`;
const MINE = `id = ? and worker_id = ? and status = 'running'`;

/** A name for a worker that says where it runs: host, pid and a random part. */
export function newWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomBase62(6)}`;
}

export class JobQueue<Job extends QueuedJob> {
  private readonly maxAttempts: number;
  private readonly select: string;

  constructor(
    private readonly db: Database,
    private readonly options: JobQueueOptions<Job>,
  ) {
    this.maxAttempts = options.maxAttempts ?? 2;
    this.select = `id, account_id as "accountId", attempts, worker_seconds as "priorWorkerSeconds", ${options.columns}`;
  }

  /** The oldest claimable queued job, now running for `workerId`; `started` is called in the same transaction. */
  claim(workerId: string): Promise<Job | undefined> {
    const { table, claimable, leaseMs } = this.options;
    return this.db.transaction(async (em) => {
      const [job] = await em.execute<Job[]>(
        `update ${table} set status = 'running', worker_id = ?, attempts = attempts + 1, lease_expires_at = ${LEASE},
          progress = 0, started_at = coalesce(started_at, now()), updated_at = now()
        where id = (select id from ${table} where status = 'queued' ${claimable ? `and (${claimable.where})` : ''}
          order by created_at, id limit 1 for update skip locked)
        returning ${this.select}`,
        [workerId, leaseMs, ...(claimable?.params ?? [])],
      );
      if (!job) return undefined;
      job.priorWorkerSeconds = Number(job.priorWorkerSeconds);
      await this.options.hooks?.started?.(em, job);
      return job;
    });
  }

  /** Renews the lease (and records progress); false when the job is no longer `workerId`'s to run. */
  heartbeat(job: Job, workerId: string, runSeconds: number, progress?: number): Promise<boolean> {
    return this.db.transaction((em) =>
      this.update(em, job, workerId, runSeconds, `lease_expires_at = ${LEASE}, progress = coalesce(?::float8, progress)`, [
        this.options.leaseMs,
        progress ?? null,
      ]),
    );
  }

  /**
   * Marks the job completed and runs `then` in the same transaction (the job's results, its event); false, with
   * nothing written, when it was cancelled or taken back meanwhile.
   */
  complete(
    job: Job,
    workerId: string,
    runSeconds: number,
    then: (em: EntityManager, workerSeconds: number) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const mine = await this.update(
        em,
        job,
        workerId,
        runSeconds,
        `status = 'completed', progress = 1, finished_at = now(), lease_expires_at = null`,
        [],
      );
      if (mine) await then(em, this.workerSeconds(job, runSeconds));
      return mine;
    });
  }

  /** Fails the job with `reason` (`failed` is called in the same transaction); false when it is no longer mine. */
  fail(job: Job, workerId: string, reason: string, runSeconds: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const mine = await this.update(
        em,
        job,
        workerId,
        runSeconds,
        `status = 'failed', error = ?, finished_at = now(), lease_expires_at = null`,
        [reason],
      );
      if (mine) await this.options.hooks?.failed?.(em, job, reason, this.workerSeconds(job, runSeconds));
      return mine;
    });
  }

  /** A worker stopping on purpose hands its job back without spending one of its attempts. */
  release(job: Job, workerId: string, runSeconds: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const mine = await this.update(
        em,
        job,
        workerId,
        runSeconds,
        `status = 'queued', worker_id = null, lease_expires_at = null, attempts = attempts - 1, progress = 0`,
        [],
      );
      if (mine) await this.options.hooks?.requeued?.(em, job, 'its worker stopped');
      return mine;
    });
  }

  /**
   * Takes back running jobs whose lease ran out (their worker died or hangs): queued again while they have attempts
   * left, failed after that. Any worker does it, so no job stays running for a dead worker. Returns how many.
   */
  reapExpired(): Promise<number> {
    const { table } = this.options;
    return this.db.transaction(async (em) => {
      const expired = await em.execute<Job[]>(
        `select ${this.select} from ${table} where status = 'running' and lease_expires_at < now() for update skip locked`,
      );
      for (const job of expired) {
        if (job.attempts < this.maxAttempts) {
          await em.execute(
            `update ${table} set status = 'queued', worker_id = null, lease_expires_at = null, progress = 0, updated_at = now() where id = ?`,
            [job.id],
          );
          await this.options.hooks?.requeued?.(em, job, 'its worker stopped responding');
        } else {
          const reason = `Its worker stopped responding ${job.attempts} times`;
          await em.execute(
            `update ${table} set status = 'failed', error = ?, worker_id = null, lease_expires_at = null, finished_at = now(),
              updated_at = now() where id = ?`,
            [reason, job.id],
          );
          await this.options.hooks?.failed?.(em, job, reason, Number(job.priorWorkerSeconds));
        }
      }
      return expired.length;
    });
  }

  private async update(
    em: EntityManager,
    job: Job,
    workerId: string,
    runSeconds: number,
    set: string,
    params: unknown[],
  ): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update ${this.options.table} set ${set}, worker_seconds = ?, updated_at = now() where ${MINE} returning id`,
      [...params, this.workerSeconds(job, runSeconds), job.id, workerId],
    );
    return rows.length > 0;
  }

  private workerSeconds(job: Job, runSeconds: number): number {
    return Math.round((job.priorWorkerSeconds + runSeconds) * 1000) / 1000;
  }
}

/** What a job's work gives back: a failure reason, or the completion to record (and what to undo if it is refused). */
export type JobOutcome =
  | { failure: string }
  | {
      /** Runs inside the transaction that completes the job: its results and events. */
      complete(em: EntityManager, workerSeconds: number): Promise<void>;
      /** The job was cancelled while finishing: remove what the work stored. */
      discard?(): Promise<void>;
    };

/** What the work of one job may use. */
export interface JobControl {
  /** Aborted when the job is no longer this worker's (cancelled, taken back) or the worker stops: stop the work. */
  signal: AbortSignal;
  /** Seconds this attempt has run. */
  seconds(): number;
  /** Reports progress (0..1); stored with the next heartbeat. */
  progress(fraction: number): void;
}

export interface JobWorkerOptions<Job extends QueuedJob> {
  /** For log lines, e.g. `export-worker`. */
  name: string;
  queue: JobQueue<Job>;
  heartbeatMs: number;
  /** How often an idle worker looks for a job (default 500 ms). */
  pollMs?: number;
  /** How often expired leases are reaped (default a third of the lease). */
  reapMs: number;
  run(job: Job, control: JobControl): Promise<JobOutcome>;
}

export interface RunningJobWorker {
  id: string;
  /** Looks for a job now instead of at the next poll (a job was just queued in this process). */
  wake(): void;
  /** Stops the work under way (the job goes back to the queue) and the loop. */
  stop(): Promise<void>;
}

/**
 * A worker: claims jobs one at a time and runs them, renewing the lease by heartbeat; when a heartbeat finds the job
 * cancelled or taken back, the work is aborted. Meanwhile it reaps other workers' expired jobs.
 */
export function startJobWorker<Job extends QueuedJob>(options: JobWorkerOptions<Job>): RunningJobWorker {
  const id = newWorkerId();
  const { queue } = options;
  let stopped = false;
  let stopCurrent: (() => void) | undefined;
  let wakeUp: (() => void) | undefined;
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, options.pollMs ?? 500);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const reaper = setInterval(() => {
    queue.reapExpired().catch((error: unknown) => console.error(`[${options.name}] reaping failed:`, error));
  }, options.reapMs);
  reaper.unref();

  const runOne = async (job: Job) => {
    const controller = new AbortController();
    let interruption: 'lost' | 'stopping' | undefined;
    const interrupt = (why: 'lost' | 'stopping') => {
      interruption ??= why;
      controller.abort(why);
    };
    stopCurrent = () => interrupt('stopping');
    const startedAt = Date.now();
    const seconds = () => (Date.now() - startedAt) / 1000;
    let progress: number | undefined;
    const heartbeat = setInterval(() => {
      if (interruption) return;
      queue
        .heartbeat(job, id, seconds(), progress)
        .catch(() => true) // a failed beat is retried at the next one
        .then((mine) => !mine && interrupt('lost'));
    }, options.heartbeatMs);
    try {
      const outcome = await options.run(job, {
        signal: controller.signal,
        seconds,
        progress: (fraction) => void (progress = Math.min(1, Math.max(0, fraction))),
      });
      if (interruption === 'stopping') await queue.release(job, id, seconds());
      else if (interruption === 'lost') await ('complete' in outcome ? outcome.discard?.() : undefined);
      else if ('failure' in outcome) await queue.fail(job, id, outcome.failure, seconds());
      else if (!(await queue.complete(job, id, seconds(), (em, workerSeconds) => outcome.complete(em, workerSeconds)))) {
        await outcome.discard?.();
      }
    } catch (error) {
      if (interruption === 'stopping') await queue.release(job, id, seconds()).catch(() => undefined);
      else if (!interruption) await queue.fail(job, id, `The worker failed: ${(error as Error).message}`, seconds()).catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
      stopCurrent = undefined;
    }
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        const job = await queue.claim(id);
        if (job && stopped) await queue.release(job, id, 0);
        else if (job) {
          await runOne(job);
          continue;
        }
      } catch (error) {
        console.error(`[${options.name}] claiming failed:`, error);
      }
      if (!stopped) await idle();
    }
  })();

  return {
    id,
    wake: () => wakeUp?.(),
    async stop() {
      stopped = true;
      clearInterval(reaper);
      wakeUp?.();
      stopCurrent?.();
      await loop;
    },
  };
}

import type { Database, EntityManager } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import {
  TrainingCompleted,
  TrainingEpoch,
  TrainingFailed,
  TrainingRequeued,
  TrainingStarted,
  type EpochRecord,
  type JobFacts,
  type StoredWeights,
} from '../../../contracts/index.js';
import { costOf } from '../services/gpu-types.js';

/** A job whose worker stopped answering is run again once; a second loss fails it. */
export const MAX_ATTEMPTS = 2;

export interface ClaimedJob {
  id: string;
  accountId: string;
  modelId: string;
  datasetId: string;
  task: string;
  architecture: string | null;
  baseWeightsKey: string | null;
  epochs: number;
  imageSize: number;
  gpuType: string;
  hourlyPriceMicroUsd: number;
  snapshotKey: string;
  attempts: number;
}

const CLAIMED_COLUMNS = `id, account_id as "accountId", model_id as "modelId", dataset_id as "datasetId", task, architecture,
  base_weights_key as "baseWeightsKey", epochs, image_size as "imageSize", gpu_type as "gpuType",
  hourly_price_micro_usd::float8 as "hourlyPriceMicroUsd", snapshot_key as "snapshotKey", attempts`;

const LEASE = `now() + ?::int * interval '1 millisecond'`;
const MINE = `id = ? and worker_id = ? and status = 'running'`;

/**
 * The job queue as one worker sees it, on the database: claims with `FOR UPDATE SKIP LOCKED` (workers never wait on
 * each other), and every later write guarded by "still mine and still running" — a cancelled or reaped job refuses
 * them, which is how the worker learns to stop.
 *
 * Cost: a run's GPU seconds are measured from the moment its trainer process started (a run whose trainer never
 * started used none) and count only for the attempt that finishes: a requeued attempt's work is thrown away and so
 * is its time. The recorded cost is what billing charges: the GPU time's price while running and once completed,
 * 0 for failed runs (never charged).
 */
export class TrainingQueue {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    readonly workerId: string,
    private readonly leaseMs: number,
  ) {}

  /**
   * The oldest queued job on one of `gpuTypes` that has its dataset snapshot and billing's reservation, now running
   * here; `training.started`.
   */
  claim(gpuTypes: string[]): Promise<ClaimedJob | undefined> {
    return this.db.transaction(async (em) => {
      const [job] = await em.execute<ClaimedJob[]>(
        `update training.jobs set status = 'running', worker_id = ?, attempts = attempts + 1, lease_expires_at = ${LEASE},
          started_at = coalesce(started_at, now()), gpu_seconds = 0, cost_micro_usd = 0, updated_at = now()
        where id = (select id from training.jobs where status = 'queued' and snapshot_key is not null
          and reserved_at is not null and gpu_type in (${gpuTypes.map(() => '?').join(', ')}) order by created_at, id limit 1 for update skip locked)
        returning ${CLAIMED_COLUMNS}`,
        [this.workerId, this.leaseMs, ...gpuTypes],
      );
      if (!job) return undefined;
      await this.events.publish(em, TrainingStarted, job.accountId, {
        ...this.facts(job, 'running', 0),
        attempt: job.attempts,
        gpuType: job.gpuType,
      });
      return job;
    });
  }

  /** Renews the lease; false when the job is no longer this worker's to run (cancelled, or reaped). */
  heartbeat(job: ClaimedJob, runSeconds: number): Promise<boolean> {
    return this.db.transaction((em) => this.update(em, job, runSeconds, `lease_expires_at = ${LEASE}`, [this.leaseMs]));
  }

  /** Stores finished epochs and publishes `training.epoch` for each; false when the job is no longer this worker's. */
  recordEpochs(job: ClaimedJob, records: EpochRecord[], runSeconds: number): Promise<boolean> {
    const last = records.at(-1)!;
    return this.db.transaction(async (em) => {
      const mine = await this.update(em, job, runSeconds, `epoch = ?, history = history || ?::jsonb, lease_expires_at = ${LEASE}`, [
        last.epoch,
        JSON.stringify(records),
        this.leaseMs,
      ]);
      if (!mine) return false;
      for (const record of records) {
        await this.events.publish(em, TrainingEpoch, job.accountId, { ...this.facts(job, 'running', record.epoch), record });
      }
      return true;
    });
  }

  /** `training.completed` with the stored weights; false when the job was cancelled meanwhile. */
  complete(job: ClaimedJob, files: StoredWeights[], runSeconds: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const mine = await this.update(em, job, runSeconds, `status = 'completed', finished_at = now(), lease_expires_at = null`, []);
      if (!mine) return false;
      const gpuSeconds = this.gpuSeconds(runSeconds);
      await this.events.publish(em, TrainingCompleted, job.accountId, {
        ...this.facts(job, 'completed', job.epochs),
        datasetId: job.datasetId,
        files,
        gpuType: job.gpuType,
        gpuSeconds,
        costMicroUsd: costOf(gpuSeconds, job.hourlyPriceMicroUsd),
      });
      return true;
    });
  }

  /** `training.failed` with the reason. */
  fail(job: ClaimedJob, reason: string, runSeconds: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const mine = await this.update(
        em,
        job,
        runSeconds,
        `status = 'failed', error = ?, finished_at = now(), lease_expires_at = null`,
        [reason],
        { charged: false },
      );
      if (mine) await this.events.publish(em, TrainingFailed, job.accountId, { ...this.facts(job, 'failed', 0), reason });
      return mine;
    });
  }

  /**
   * A worker stopping on purpose hands its job back without spending one of its attempts; the attempt's work is
   * thrown away, and so is its GPU time.
   */
  release(job: ClaimedJob): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const mine = await this.update(
        em,
        job,
        0,
        `status = 'queued', worker_id = null, lease_expires_at = null, attempts = attempts - 1, epoch = 0, history = '[]'::jsonb`,
        [],
      );
      if (mine)
        await this.events.publish(em, TrainingRequeued, job.accountId, {
          ...this.facts(job, 'queued', 0),
          reason: 'the worker stopped',
        });
      return mine;
    });
  }

  private async update(
    em: EntityManager,
    job: ClaimedJob,
    runSeconds: number,
    set: string,
    params: unknown[],
    { charged = true } = {},
  ): Promise<boolean> {
    const gpuSeconds = this.gpuSeconds(runSeconds);
    const rows = await em.execute<{ id: string }[]>(
      `update training.jobs set ${set}, gpu_seconds = ?, cost_micro_usd = ?, updated_at = now() where ${MINE} returning id`,
      [...params, gpuSeconds, charged ? costOf(gpuSeconds, job.hourlyPriceMicroUsd) : 0, job.id, this.workerId],
    );
    return rows.length > 0;
  }

  private gpuSeconds(runSeconds: number): number {
    return Math.round(runSeconds * 1000) / 1000;
  }

  private facts(job: ClaimedJob, status: JobFacts['status'], epoch: number): JobFacts {
    return { jobId: job.id, modelId: job.modelId, status, epoch, epochs: job.epochs };
  }
}

/**
 * Takes back running jobs whose lease ran out (their worker died or hangs): queued again for their second attempt,
 * failed after that. Any worker does it for every GPU type, so no job stays "running" for a dead worker.
 */
export function reapExpiredJobs(db: Database, events: EventBus): Promise<number> {
  return db.transaction(async (em) => {
    const expired = await em.execute<Array<{ id: string; accountId: string; modelId: string; attempts: number; epochs: number }>>(
      `select id, account_id as "accountId", model_id as "modelId", attempts, epochs from training.jobs
        where status = 'running' and lease_expires_at < now() for update skip locked`,
    );
    for (const job of expired) {
      const facts = { jobId: job.id, modelId: job.modelId, epochs: job.epochs, epoch: 0 };
      if (job.attempts < MAX_ATTEMPTS) {
        await em.execute(
          `update training.jobs set status = 'queued', worker_id = null, lease_expires_at = null, epoch = 0, history = '[]'::jsonb,
            gpu_seconds = 0, cost_micro_usd = 0, updated_at = now() where id = ?`,
          [job.id],
        );
        await events.publish(em, TrainingRequeued, job.accountId, {
          ...facts,
          status: 'queued',
          reason: 'its worker stopped responding',
        });
      } else {
        const reason = `Its worker stopped responding ${job.attempts} times`;
        await em.execute(
          `update training.jobs set status = 'failed', error = ?, worker_id = null, lease_expires_at = null, finished_at = now(),
            cost_micro_usd = 0, updated_at = now() where id = ?`,
          [reason, job.id],
        );
        await events.publish(em, TrainingFailed, job.accountId, { ...facts, status: 'failed', reason });
      }
    }
    return expired.length;
  });
}

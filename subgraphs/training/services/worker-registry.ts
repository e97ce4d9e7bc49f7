import type { Config } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';

export interface GpuAvailability {
  gpuType: string;
  hourlyPriceMicroUsd: number;
  /** Live workers serving it. */
  workers: number;
  /** Live workers serving it that run no job right now. */
  idleWorkers: number;
  /** Whether a job started now can run: some live worker serves the type. */
  available: boolean;
}

/** A worker seen within the last lease (`?`: its length in milliseconds). */
const live = (lastSeenAt: string) => `${lastSeenAt} > now() - ?::int * interval '1 millisecond'`;

/**
 * The workers alive now: each registers the GPU types it serves and renews its row as often as it renews a job's
 * lease; one not seen for a lease's length is gone (it died, or stopped without saying so). Times are the database's.
 */
export class WorkerRegistry {
  constructor(
    private readonly db: Database,
    private readonly config: Pick<Config, 'gpuTypes' | 'trainingLeaseMs'>,
  ) {}

  /** Registers (or renews) a worker serving `gpuTypes`. */
  async beat(workerId: string, gpuTypes: string[]): Promise<void> {
    await this.db.em().execute(
      `insert into training.workers (id, gpu_types, started_at, last_seen_at) values (?, ?::text[], now(), now())
          on conflict (id) do update set gpu_types = excluded.gpu_types, last_seen_at = now()`,
      [workerId, `{${gpuTypes.map((type) => `"${type}"`).join(',')}}`],
    );
  }

  /** A worker stopping on purpose leaves at once; rows of long-gone workers are cleared on the way. */
  async leave(workerId: string): Promise<void> {
    await this.db.em().execute(`delete from training.workers where id = ? or last_seen_at < now() - interval '1 day'`, [workerId]);
  }

  /** Whether a live worker serves `gpuType`. */
  async serves(em: EntityManager, gpuType: string): Promise<boolean> {
    const rows = await em.execute<unknown[]>(
      `select 1 from training.workers where ${live('last_seen_at')} and ? = any(gpu_types) limit 1`,
      [this.config.trainingLeaseMs, gpuType],
    );
    return rows.length > 0;
  }

  /** Every configured GPU type with what serves it now. */
  async availability(em: EntityManager): Promise<GpuAvailability[]> {
    const rows = await em.execute<{ gpu_type: string; workers: number; idle: number }[]>(
      `select t.gpu_type, count(*)::int as workers,
          count(*) filter (where not exists (
            select 1 from training.jobs j where j.worker_id = w.id and j.status = 'running'))::int as idle
        from training.workers w, unnest(w.gpu_types) as t(gpu_type)
        where ${live('w.last_seen_at')}
        group by t.gpu_type`,
      [this.config.trainingLeaseMs],
    );
    return this.config.gpuTypes.map(({ name, hourlyPriceMicroUsd }) => {
      const live = rows.find((row) => row.gpu_type === name);
      return {
        gpuType: name,
        hourlyPriceMicroUsd,
        workers: live?.workers ?? 0,
        idleWorkers: live?.idle ?? 0,
        available: (live?.workers ?? 0) > 0,
      };
    });
  }
}

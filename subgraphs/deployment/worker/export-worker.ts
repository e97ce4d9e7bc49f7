import { ExportFailed } from '../../../contracts/index.js';
import type { Config } from '../../../kernel/config.js';
import type { Database } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { JobQueue, startJobWorker, type RunningJobWorker } from '../../../kernel/job-queue.js';
import { runExport, type ClaimedExport } from './export-run.js';

export interface ExportWorkerDeps {
  config: Config;
  db: Database;
  events: EventBus;
  files: FileStore;
}

/** The export queue on `deployment.exports`: the kernel's rules; a failure (a lost job's too) is `export.failed`. */
export function exportQueue(db: Database, events: EventBus, config: Pick<Config, 'exportLeaseMs'>): JobQueue<ClaimedExport> {
  return new JobQueue<ClaimedExport>(db, {
    table: 'deployment.exports',
    columns: `model_id as "modelId", model_name as "modelName", format, image_size as "imageSize", half, dynamic,
      weights_key as "weightsKey", hourly_price_micro_usd::float8 as "hourlyPriceMicroUsd"`,
    leaseMs: config.exportLeaseMs,
    hooks: {
      failed: (em, job, reason, workerSeconds) =>
        events.publish(em, ExportFailed, job.accountId, {
          exportId: job.id,
          modelId: job.modelId,
          format: job.format,
          reason,
          workerSeconds,
          hourlyPriceMicroUsd: job.hourlyPriceMicroUsd,
        }),
    },
  });
}

/** An export worker (built into `npm start`, and in every `npm run worker`): one export at a time, any format. */
export function startExportWorker(deps: ExportWorkerDeps): RunningJobWorker {
  return startJobWorker({
    name: 'export-worker',
    queue: exportQueue(deps.db, deps.events, deps.config),
    heartbeatMs: deps.config.exportHeartbeatMs,
    reapMs: Math.max(250, Math.floor(deps.config.exportLeaseMs / 3)),
    run: (job, control) => runExport(deps, job, control),
  });
}

import { hostname } from 'node:os';
import type { Config } from '../../../kernel/config.js';
import type { Database } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { randomBase62 } from '../../../kernel/ids.js';
import { servedGpuTypes } from '../services/gpu-types.js';
import { WorkerRegistry } from '../services/worker-registry.js';
import { reapExpiredJobs, TrainingQueue } from './queue.js';
import { JobRun } from './runner.js';

/** How often an idle worker looks for a job. */
const IDLE_POLL_MS = 500;

export interface WorkerDeps {
  config: Config;
  db: Database;
  events: EventBus;
  files: FileStore;
}

export interface RunningWorker {
  id: string;
  gpuTypes: string[];
  /** Resolves once the worker is registered: from then on starts for its GPU types are accepted. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * A training worker: claims queued jobs of the GPU types it serves, one at a time, and runs them; meanwhile it takes
 * back other workers' jobs whose lease ran out. It registers itself and renews its registration as often as a lease
 * (starts for a GPU type no live worker serves are refused). Stopping hands a running job back to the queue.
 */
export function startTrainingWorker(deps: WorkerDeps, gpuTypes = servedGpuTypes(deps.config)): RunningWorker {
  const id = `${hostname()}-${process.pid}-${randomBase62(6)}`;
  const queue = new TrainingQueue(deps.db, deps.events, id, deps.config.trainingLeaseMs);
  const registry = new WorkerRegistry(deps.db, deps.config);
  const register = () =>
    registry.beat(id, gpuTypes).catch((error: unknown) => console.error('[training-worker] registering failed, will retry:', error));
  const ready = register();
  const presence = setInterval(() => void register(), deps.config.trainingHeartbeatMs);
  let stopped = false;
  let current: JobRun | undefined;
  let wakeUp: (() => void) | undefined;
  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, IDLE_POLL_MS);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const reaper = setInterval(
    () => {
      reapExpiredJobs(deps.db, deps.events).catch((error: unknown) => console.error('[training-worker] reaping failed:', error));
    },
    Math.max(250, Math.floor(deps.config.trainingLeaseMs / 3)),
  );

  const loop = (async () => {
    while (!stopped) {
      try {
        const job = await queue.claim(gpuTypes);
        if (job && stopped) await queue.release(job);
        else if (job) {
          current = new JobRun({ config: deps.config, files: deps.files, queue }, job);
          await current.run();
          current = undefined;
          continue;
        }
      } catch (error) {
        console.error('[training-worker] claiming failed:', error);
      }
      if (!stopped) await idle();
    }
  })();

  return {
    id,
    gpuTypes,
    ready,
    async stop() {
      stopped = true;
      clearInterval(reaper);
      clearInterval(presence);
      wakeUp?.();
      await current?.stop();
      await loop;
      await ready;
      await registry.leave(id).catch((error: unknown) => console.error('[training-worker] leaving the registry failed:', error));
    },
  };
}

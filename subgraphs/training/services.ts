import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { TrainingJobs } from './services/jobs.js';
import { ReportedRuns } from './services/reported-runs.js';
import { WorkerRegistry } from './services/worker-registry.js';

/** The training subgraph's services, built once per process. */
export function trainingServices(runtime: SubgraphRuntime) {
  const workers = new WorkerRegistry(runtime.db, runtime.config);
  return {
    workers,
    jobs: new TrainingJobs(runtime.db, runtime.events, runtime.clock, runtime.config, workers),
    reportedRuns: new ReportedRuns(runtime.db, runtime.events, runtime.clock),
  };
}

export type TrainingServices = ReturnType<typeof trainingServices>;
export type TrainingContext = SubgraphContext<TrainingServices>;

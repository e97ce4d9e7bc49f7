import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { TrainingJobs } from './services/jobs.js';
import { ReportedRuns } from './services/reported-runs.js';

/** The training subgraph's services, built once per process. */
export function trainingServices(runtime: SubgraphRuntime) {
  return {
    jobs: new TrainingJobs(runtime.db, runtime.events, runtime.clock, runtime.config),
    reportedRuns: new ReportedRuns(runtime.db, runtime.events, runtime.clock),
  };
}

export type TrainingServices = ReturnType<typeof trainingServices>;
export type TrainingContext = SubgraphContext<TrainingServices>;

import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { Deployments } from './services/deployments.js';
import { Endpoint } from './services/endpoint.js';
import { Exports } from './services/exports.js';
import { Lifecycle } from './services/lifecycle.js';
import { Observability } from './services/observability.js';
import { DeploymentPool } from './services/pool.js';
import { Telemetry } from './services/telemetry.js';

/** The deployment subgraph's services, built once per process: its instances, telemetry and exports. */
export function deploymentServices(runtime: SubgraphRuntime) {
  const { db, events, clock, config, files } = runtime;
  const telemetry = new Telemetry(db, events, clock, runtime.metrics);
  const lifecycle = new Lifecycle(db, events, clock);
  const pool = new DeploymentPool({
    db,
    files,
    clock,
    telemetry,
    lifecycle,
    scaleDownMs: config.deploymentScaleDownMs,
    usageIntervalMs: config.deploymentUsageIntervalMs,
  });
  return {
    telemetry,
    pool,
    deployments: new Deployments(db, events, clock, config, pool, lifecycle, telemetry),
    endpoint: new Endpoint(pool, telemetry, clock),
    observability: new Observability(db, clock, telemetry, pool),
    exports: new Exports(db, events, clock, config, files),
  };
}

export type DeploymentServices = ReturnType<typeof deploymentServices>;
export type DeploymentContext = SubgraphContext<DeploymentServices>;

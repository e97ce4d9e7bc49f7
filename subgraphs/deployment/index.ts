import { LIMITS } from '../../kernel/limits.js';
import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { deploymentDatabase } from './database.js';
import { DeploymentLiveResolver, DeploymentResolver } from './resolvers/deployment.resolver.js';
import { ExportResolver } from './resolvers/export.resolver.js';
import { deploymentServices, type DeploymentServices } from './services.js';
import { participateInGdpr } from '../../contracts/index.js';
import { deploymentAccountData } from './services/gdpr.js';
import { consumeModelEvents } from './services/read-models.js';

/**
 * Dedicated endpoints (deployments with instances of their own in this process, their logs and metrics) and model
 * exports (jobs the export workers run).
 */
export const deployment: SubgraphDefinition<DeploymentServices> = {
  name: 'deployment',
  database: deploymentDatabase,
  services: deploymentServices,
  resolvers: [DeploymentResolver, DeploymentLiveResolver, ExportResolver],
  maxUploadBytes: LIMITS.predictVideoBytes,
  async start(runtime, { telemetry, pool, deployments, exports, observability }) {
    consumeModelEvents({ events: runtime.events, clock: runtime.clock, deployments, exports });
    participateInGdpr(runtime, 'deployment', deploymentAccountData);
    telemetry.start();
    observability.start();
    await pool.start();
    return async () => {
      observability.stop();
      await pool.stop();
      await telemetry.stop();
    };
  },
};

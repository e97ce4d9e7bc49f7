import { DeploymentFailed, DeploymentReady, DeploymentUsage, type DeploymentLogEntry } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import type { Deployment } from '../entities/deployment.js';
import type { DeploymentSpec, UsagePeriod } from './capacity.js';
import { lifecycleEntry, writeLogEntries } from './log-entries.js';

/**
 * The steps of a deployment's life that its instances decide (deploying → ready, or failed), each one transaction with
 * its log entry and its event; and the usage reports billing charges.
 */
export class Lifecycle {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** A lifecycle log entry, written and published in the caller's transaction. */
  log(em: EntityManager, deployment: Pick<Deployment, 'id' | 'accountId'>, severity: DeploymentLogEntry['severity'], message: string) {
    return writeLogEntries(em, this.events, { deploymentId: deployment.id, accountId: deployment.accountId }, [
      lifecycleEntry(this.clock.now(), severity, message),
    ]);
  }

  /** Health check passed: ready (only from deploying; a stop meanwhile wins). */
  ready(spec: DeploymentSpec, instances: number): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows = await em.execute(
        `update deployment.deployments set status = 'ready', error = null, started_at = ?, updated_at = ? where id = ? and status = 'deploying'
          returning id`,
        [this.clock.now(), this.clock.now(), spec.id],
      );
      if (rows.length === 0) return false;
      await this.log(em, spec, 'INFO', `Ready: ${instances} instance${instances === 1 ? '' : 's'} passed the health check`);
      await this.events.publish(em, DeploymentReady, spec.accountId, { ...facts(spec), instances });
      return true;
    });
  }

  /** The deployment cannot come up (its model cannot be loaded): failed with the reason. */
  failed(spec: Pick<DeploymentSpec, 'id' | 'accountId' | 'modelId' | 'name' | 'region'>, reason: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows = await em.execute(
        `update deployment.deployments set status = 'failed', error = ?, updated_at = ? where id = ? and status = 'deploying' returning id`,
        [reason, this.clock.now(), spec.id],
      );
      if (rows.length === 0) return false;
      await this.log(em, spec, 'CRITICAL', `Failed: ${reason}`);
      await this.events.publish(em, DeploymentFailed, spec.accountId, { ...facts(spec), reason });
      return true;
    });
  }

  /** `deployment.usage` for one period of instance time (nothing for an idle period with no instance). */
  async usage(spec: DeploymentSpec, period: UsagePeriod): Promise<void> {
    if (period.instanceSeconds <= 0) return;
    await this.db.transaction((em) =>
      this.events.publish(em, DeploymentUsage, spec.accountId, {
        usageId: newId('usage'),
        deploymentId: spec.id,
        modelId: spec.modelId,
        region: spec.region,
        periodStart: period.periodStart.toISOString(),
        periodEnd: period.periodEnd.toISOString(),
        instanceSeconds: Math.round(period.instanceSeconds * 1000) / 1000,
        hourlyPriceMicroUsd: spec.hourlyPriceMicroUsd,
      }),
    );
  }
}

export function facts(deployment: Pick<DeploymentSpec, 'id' | 'modelId' | 'name' | 'region'>) {
  return { deploymentId: deployment.id, modelId: deployment.modelId, name: deployment.name, region: deployment.region };
}

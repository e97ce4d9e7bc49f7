import type { AccountDataOwner } from '../../../contracts/index.js';
import { DeployableModel } from '../entities/deployable-model.js';
import { Deployment } from '../entities/deployment.js';
import { ExportJob } from '../entities/export-job.js';

/**
 * Deployments' part of a GDPR request: deployments, their logs and metrics, and exports. Erasing stops first: every
 * deployment process follows the database and releases the instances of a deployment that is gone; an export's
 * worker finds its job gone at its next heartbeat and stops the exporter.
 */
export const deploymentAccountData: AccountDataOwner = {
  async export(em, accountId) {
    const deployments = await em.find(Deployment, { accountId }, { orderBy: { createdAt: 'asc' } });
    const ids = deployments.map((deployment) => deployment.id);
    const exports = await em.find(ExportJob, { accountId }, { orderBy: { createdAt: 'asc' } });
    return {
      deployments,
      deploymentLogs: ids.length ? await em.execute(`select * from deployment.logs where account_id = ? order by at, id`, [accountId]) : [],
      deploymentMetrics: ids.length
        ? await em.execute(
            `select * from deployment.metrics where deployment_id in (${ids.map(() => '?').join(', ')}) order by minute`,
            ids,
          )
        : [],
      exports: exports.map(({ weightsKey: _weights, fileKey: _file, ...job }) => job),
    };
  },
  async erase(em, accountId) {
    const ids = (await em.find(Deployment, { accountId }, { fields: ['id'] })).map((deployment) => deployment.id);
    if (ids.length) await em.execute(`delete from deployment.metrics where deployment_id in (${ids.map(() => '?').join(', ')})`, ids);
    await em.execute(`delete from deployment.logs where account_id = ?`, [accountId]);
    await em.nativeDelete(Deployment, { accountId });
    await em.nativeDelete(ExportJob, { accountId });
    await em.nativeDelete(DeployableModel, { accountId });
  },
};

import { defineEntity, p } from '@mikro-orm/core';

/** The lifecycle the platform docs draw: creating/deploying → ready ⇄ stopped; failed with a reason; deleted (gone). */
export const DEPLOYMENT_STATUSES = ['creating', 'deploying', 'ready', 'stopping', 'stopped', 'failed'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
/** A deployment in these states should have instances: every deployment process brings them up. */
export const RUNNING_STATUSES: DeploymentStatus[] = ['deploying', 'ready'];

/**
 * A dedicated endpoint: a model served by instances of its own. The row is the desired state (status, instance
 * bounds); each deployment process holds the instances and brings them back after a restart.
 */
const DeploymentSchema = defineEntity({
  name: 'Deployment',
  tableName: 'deployment.deployments',
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    modelId: p.text().index(),
    name: p.text(),
    region: p.text(),
    status: p.text().$type<DeploymentStatus>().index(),
    /** Why it failed (status failed). */
    error: p.text().nullable(),
    minInstances: p.integer(),
    maxInstances: p.integer(),
    /** onnxruntime threads of each instance. */
    cpu: p.integer(),
    /** Recorded as asked; the runtime does not cap it. */
    memoryGi: p.double().$type<number>().runtimeType('number'),
    /** What an instance-hour costs, as priced when the deployment was created. */
    hourlyPriceMicroUsd: p.bigint('number'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    /** When it last became ready, and last stopped. */
    startedAt: p.datetime().nullable(),
    stoppedAt: p.datetime().nullable(),
  },
});

export class Deployment extends DeploymentSchema.class {}
DeploymentSchema.setClass(Deployment);
export { DeploymentSchema };

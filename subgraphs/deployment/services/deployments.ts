import { LockMode } from '@mikro-orm/core';
import { DeploymentCreated, DeploymentDeleted, DeploymentStopped } from '../../../contracts/index.js';
import type { AccountCaller } from '../../../kernel/auth.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Config, DeploymentRegion } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { planEntitlements } from '../../../kernel/limits.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import { DeployableModel } from '../entities/deployable-model.js';
import { DEPLOYMENT_STATUSES, Deployment, RUNNING_STATUSES, type DeploymentStatus } from '../entities/deployment.js';
import { facts, type Lifecycle } from './lifecycle.js';
import type { DeploymentPool } from './pool.js';
import { READ_MODELS_CONSUMER } from './read-models.js';
import type { Telemetry } from './telemetry.js';

export interface DeploymentResourcesInput {
  cpu?: number | null;
  memoryGi?: number | null;
  minInstances?: number | null;
  maxInstances?: number | null;
}

/** The seed's body (`minInstances`/`maxInstances` at the top) and the docs' (`name`, `resources`), both accepted. */
export interface CreateDeploymentInput {
  modelId: string;
  region: string;
  name?: string | null;
  minInstances?: number | null;
  maxInstances?: number | null;
  resources?: DeploymentResourcesInput | null;
}

export interface DeploymentFilters {
  modelId?: string | null;
  status?: string | null;
}

export interface DeploymentHealth {
  healthy: boolean;
  /** What the endpoint would answer now: 200 serving, 503 not running, 500 failed. */
  status: number;
  latencyMs: number;
  message: string;
}

/** The docs' defaults: scale to zero, at most one instance, 1 CPU and 2 GiB. */
const DEFAULTS = { minInstances: 0, maxInstances: 1, cpu: 1, memoryGi: 2 };
const CPU_RANGE = [1, 8] as const;
const MEMORY_RANGE = [0.5, 32] as const;

/** Deployments as their owners manage them: create, list, start, stop, delete, health. */
export class Deployments {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'deploymentRegions' | 'deploymentHourlyPriceMicroUsd' | 'enterprise'>,
    private readonly pool: DeploymentPool,
    private readonly lifecycle: Lifecycle,
    private readonly telemetry: Telemetry,
  ) {}

  /** A new deployment of the caller's servable model; it deploys at once (poll it, or follow its logs, until ready). */
  async create(caller: AccountCaller, input: CreateDeploymentInput): Promise<Deployment> {
    const { accountId, plan } = caller;
    if (!input.modelId) throw validationError('modelId is required');
    const region = this.region(input.region);
    const entitled = planEntitlements(this.config)[plan];
    const resources = checkResources(input, entitled.maxInstancesPerDeployment, plan);
    const name = input.name == null ? undefined : checkName(input.name);
    await this.awaitCatalog(accountId, input.modelId);
    const deployment = await this.db.transaction(async (em) => {
      // One account's creations in turn: the plan's count cannot be passed by racing requests.
      await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`deployments:${accountId}`]);
      const model = await em.findOne(DeployableModel, { modelId: input.modelId, accountId, deleted: false });
      if (!model) throw notFound('Model', input.modelId);
      if (!model.onnxKey) {
        throw validationError('This model has no ONNX file to serve: export it to ONNX first (POST /api/exports with format "onnx")', {
          modelId: model.modelId,
        });
      }
      const count = await em.count(Deployment, { accountId });
      if (count >= entitled.deployments) {
        throw validationError(`Your ${plan} plan allows ${entitled.deployments} deployments: delete one first`, {
          limit: entitled.deployments,
        });
      }
      const now = this.clock.now();
      const deployment = em.create(Deployment, {
        id: newId('deployment'),
        accountId,
        modelId: model.modelId,
        name: await freeName(em, accountId, name ?? autoName(model.name, region)),
        region: region.name,
        status: 'deploying',
        error: null,
        ...resources,
        hourlyPriceMicroUsd: this.config.deploymentHourlyPriceMicroUsd,
        createdAt: now,
        updatedAt: now,
        startedAt: null,
        stoppedAt: null,
      });
      await em.flush();
      await this.events.publish(em, DeploymentCreated, accountId, {
        ...facts(deployment),
        minInstances: deployment.minInstances,
        maxInstances: deployment.maxInstances,
      });
      await this.lifecycle.log(
        em,
        deployment,
        'INFO',
        `Deploying model ${model.modelId} in ${region.name} (${region.location}): ${deployment.minInstances}-${deployment.maxInstances} instances, ` +
          `${deployment.cpu} CPU, ${deployment.memoryGi} GiB`,
      );
      return deployment;
    });
    void this.pool.reconcile(); // its instances start in this process now
    return deployment;
  }

  list(em: EntityManager, accountId: string, filters: DeploymentFilters, page: Page): Promise<{ items: Deployment[]; total: number }> {
    const where: Record<string, unknown> = { accountId };
    if (filters.modelId) where.modelId = filters.modelId;
    if (filters.status) where.status = checkStatus(filters.status);
    return findPage(em, Deployment, where, page);
  }

  async get(em: EntityManager, accountId: string, id: string): Promise<Deployment> {
    const deployment = await em.findOne(Deployment, { id, accountId });
    if (!deployment) throw notFound('Deployment', id);
    return deployment;
  }

  /** A stopped (or failed) deployment deploys again; a running one is left as it is. */
  async start(accountId: string, id: string): Promise<Deployment> {
    const deployment = await this.db.transaction(async (em) => {
      const deployment = await this.locked(em, accountId, id);
      if (RUNNING_STATUSES.includes(deployment.status)) return deployment;
      const model = await em.findOne(DeployableModel, { modelId: deployment.modelId, accountId });
      if (!model || model.deleted) throw validationError(`Its model ${deployment.modelId} is in the trash: restore it first`);
      if (!model.onnxKey) throw validationError(`Its model ${deployment.modelId} has no ONNX file to serve`);
      Object.assign(deployment, { status: 'deploying', error: null, updatedAt: this.clock.now() });
      await em.flush();
      await this.lifecycle.log(em, deployment, 'INFO', 'Starting');
      return deployment;
    });
    await this.pool.reconcile();
    return deployment;
  }

  /** Stops serving and releases the instances (and their billing); requests in flight finish first. */
  async stop(accountId: string, id: string): Promise<Deployment> {
    const deployment = await this.db.transaction(async (em) => {
      const deployment = await this.locked(em, accountId, id);
      if (deployment.status === 'stopped') return deployment;
      await this.markStopped(em, deployment, 'stopped by its owner');
      return deployment;
    });
    await this.pool.release(id);
    return deployment;
  }

  /** Deletes the deployment for good, with its logs and metrics; its instances go first. */
  async delete(accountId: string, id: string): Promise<Deployment> {
    const deployment = await this.db.transaction(async (em) => {
      const deployment = await this.locked(em, accountId, id);
      await this.remove(em, deployment);
      return deployment;
    });
    await this.pool.release(id);
    this.telemetry.forget(id);
    return deployment;
  }

  /** What the endpoint would answer now, and how long this check took. */
  async health(em: EntityManager, accountId: string, id: string): Promise<DeploymentHealth> {
    const started = performance.now();
    const deployment = await this.get(em, accountId, id);
    const answer = (healthy: boolean, status: number, message: string) => ({
      healthy,
      status,
      message,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
    });
    if (deployment.status === 'failed') return answer(false, 500, deployment.error ?? 'failed');
    if (deployment.status !== 'ready') return answer(false, 503, `the deployment is ${deployment.status}`);
    const capacity = await this.pool.open(id);
    if (!capacity) return answer(false, 503, 'the deployment has no capacity in this process yet');
    return answer(
      true,
      200,
      capacity.size > 0 ? `${capacity.size} instance(s) warm` : 'scaled to zero: the next request starts an instance',
    );
  }

  /** Inside the caller's transaction: the model's running deployments stop (its model went to the trash). */
  async stopAllOf(em: EntityManager, accountId: string, modelId: string, reason: string): Promise<void> {
    const running = await em.find(
      Deployment,
      { accountId, modelId, status: { $in: RUNNING_STATUSES } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    for (const deployment of running) await this.markStopped(em, deployment, reason);
    if (running.length > 0) this.db.onCommit(em, () => void this.pool.reconcile());
  }

  /** Inside the caller's transaction: the model's deployments are deleted (its model was deleted for good). */
  async deleteAllOf(em: EntityManager, accountId: string, modelId: string): Promise<void> {
    const deployments = await em.find(Deployment, { accountId, modelId });
    for (const deployment of deployments) await this.remove(em, deployment);
    this.db.onCommit(em, () => {
      for (const deployment of deployments) this.telemetry.forget(deployment.id);
      void this.pool.reconcile();
    });
  }

  private async markStopped(em: EntityManager, deployment: Deployment, reason: string): Promise<void> {
    const now = this.clock.now();
    Object.assign(deployment, { status: 'stopped' satisfies DeploymentStatus, stoppedAt: now, updatedAt: now });
    await em.flush();
    await this.lifecycle.log(em, deployment, 'INFO', `Stopped: ${reason}`);
    await this.events.publish(em, DeploymentStopped, deployment.accountId, { ...facts(deployment), reason });
  }

  private async remove(em: EntityManager, deployment: Deployment): Promise<void> {
    await em.execute(`delete from deployment.logs where deployment_id = ?`, [deployment.id]);
    await em.execute(`delete from deployment.metrics where deployment_id = ?`, [deployment.id]);
    await em.remove(deployment).flush();
    await this.events.publish(em, DeploymentDeleted, deployment.accountId, facts(deployment));
  }

  private async locked(em: EntityManager, accountId: string, id: string): Promise<Deployment> {
    const deployment = await em.findOne(Deployment, { id, accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!deployment) throw notFound('Deployment', id);
    return deployment;
  }

  private region(name: string | null | undefined): DeploymentRegion {
    if (!name) throw validationError('region is required (GraphQL: deploymentRegions lists them)');
    const region = this.config.deploymentRegions.find((known) => known.name === name);
    if (!region) throw validationError(`Unknown region "${name}" (GraphQL: deploymentRegions lists them)`, { region: name });
    return region;
  }

  /** Models reach this subgraph through the catalog's events: a deploy right after an upload waits for them once. */
  private async awaitCatalog(accountId: string, modelId: string): Promise<void> {
    const known = await this.db.em().findOne(DeployableModel, { modelId, accountId });
    if (!known?.onnxKey) await this.events.catchUp(READ_MODELS_CONSUMER);
  }
}

function checkResources(input: CreateDeploymentInput, maxAllowed: number, plan: string) {
  const resources = input.resources ?? {};
  const pick = (name: 'minInstances' | 'maxInstances') => {
    const top = input[name];
    const nested = resources[name];
    if (top != null && nested != null && top !== nested) {
      throw validationError(`${name} is given twice (${top} and resources.${name} ${nested})`, { [name]: top });
    }
    return top ?? nested ?? DEFAULTS[name];
  };
  const minInstances = pick('minInstances');
  const maxInstances = pick('maxInstances');
  const cpu = resources.cpu ?? DEFAULTS.cpu;
  const memoryGi = resources.memoryGi ?? DEFAULTS.memoryGi;
  if (!Number.isInteger(maxInstances) || maxInstances < 1) throw validationError('maxInstances must be an integer >= 1', { maxInstances });
  if (maxInstances > maxAllowed) {
    throw validationError(`maxInstances may be at most ${maxAllowed} on the ${plan} plan`, { maxInstances, limit: maxAllowed });
  }
  if (!Number.isInteger(minInstances) || minInstances < 0 || minInstances > maxInstances) {
    throw validationError('minInstances must be an integer from 0 to maxInstances', { minInstances, maxInstances });
  }
  if (!Number.isInteger(cpu) || cpu < CPU_RANGE[0] || cpu > CPU_RANGE[1]) {
    throw validationError(`resources.cpu must be an integer from ${CPU_RANGE[0]} to ${CPU_RANGE[1]}`, { cpu });
  }
  if (!Number.isFinite(memoryGi) || memoryGi < MEMORY_RANGE[0] || memoryGi > MEMORY_RANGE[1]) {
    throw validationError(`resources.memoryGi must be from ${MEMORY_RANGE[0]} to ${MEMORY_RANGE[1]}`, { memoryGi });
  }
  return { minInstances, maxInstances, cpu, memoryGi };
}

function checkName(raw: string): string {
  const name = raw.trim();
  if (name.length < 1 || name.length > 100) throw validationError('name must be 1-100 characters', { name: raw.slice(0, 120) });
  return name;
}

function checkStatus(status: string): DeploymentStatus {
  if (!(DEPLOYMENT_STATUSES as readonly string[]).includes(status)) {
    throw validationError(`status must be one of ${DEPLOYMENT_STATUSES.join(', ')}`, { status });
  }
  return status as DeploymentStatus;
}

/** The docs' auto-generated name: the model's and the region's city, e.g. `yolo26n-iowa`. */
function autoName(modelName: string, region: DeploymentRegion): string {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/\.(onnx|pt)$/, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const city = region.location.split(',')[0]!;
  return `${slug(modelName).slice(0, 60) || 'model'}-${slug(city) || region.name}`;
}

/** `name`, or `name-2`, `name-3`, ... when the account already has a deployment of that name. */
async function freeName(em: EntityManager, accountId: string, name: string): Promise<string> {
  const taken = new Set(
    (await em.find(Deployment, { accountId, name: { $like: `${name.replace(/[\\%_]/g, '\\$&')}%` } }, { fields: ['name'] })).map(
      (deployment) => deployment.name,
    ),
  );
  if (!taken.has(name)) return name;
  for (let suffix = 2; ; suffix++) if (!taken.has(`${name}-${suffix}`)) return `${name}-${suffix}`;
}

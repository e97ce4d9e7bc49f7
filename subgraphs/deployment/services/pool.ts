import type { Clock } from '../../../kernel/clock.js';
import type { Database } from '../../../kernel/database.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { RUNNING_STATUSES } from '../entities/deployment.js';
import { Capacity, type DeploymentSpec } from './capacity.js';
import type { Lifecycle } from './lifecycle.js';
import type { Telemetry } from './telemetry.js';

/** How often a process compares its instances with the database (deployments started or stopped elsewhere). */
const RECONCILE_MS = 2000;
/** A deployment whose warm instances could not all start tries again after this long. */
const REWARM_BACKOFF_MS = 30_000;

const SPEC_SQL = `select d.id, d.account_id as "accountId", d.model_id as "modelId", d.name, d.region, d.status,
    d.min_instances as "minInstances", d.max_instances as "maxInstances", d.cpu,
    d.hourly_price_micro_usd::float8 as "hourlyPriceMicroUsd",
    case when m.deleted then null else m.onnx_key end as "fileKey"
  from deployment.deployments d left join deployment.models m on m.model_id = d.model_id
  where d.status in (${RUNNING_STATUSES.map((status) => `'${status}'`).join(', ')})`;

type SpecRow = Omit<DeploymentSpec, 'fileKey'> & { fileKey: string | null };

export interface PoolDeps {
  db: Database;
  files: FileStore;
  clock: Clock;
  telemetry: Telemetry;
  lifecycle: Lifecycle;
  scaleDownMs: number;
  usageIntervalMs: number;
}

/**
 * This process's dedicated capacity for every running deployment, following the database: what is deploying or
 * ready there gets its instances here (`minInstances` warm, a deploying one health-checked and marked ready), what
 * is not any more loses them. A restarted process brings its instances back on its first pass; a deployment started
 * or stopped through another process is followed within seconds (at once when it was this one). Instance time is
 * reported for billing every `usageIntervalMs` and when a deployment's capacity is released.
 */
export class DeploymentPool {
  private readonly capacities = new Map<string, Capacity>();
  private readonly deploying = new Set<string>();
  private reconciling: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly deps: PoolDeps) {}

  get(deploymentId: string): Capacity | undefined {
    const capacity = this.capacities.get(deploymentId);
    return capacity && !capacity.isClosed ? capacity : undefined;
  }

  /** Instances of the deployment loaded in this process. */
  instances(deploymentId: string): number {
    return this.get(deploymentId)?.size ?? 0;
  }

  async start(): Promise<void> {
    await this.reconcile();
    this.timers.push(setInterval(() => void this.reconcile(), RECONCILE_MS));
    this.timers.push(setInterval(() => void this.reportUsage(), this.deps.usageIntervalMs));
    for (const timer of this.timers) timer.unref();
  }

  /** Releases every instance (the database still says what runs: the next start brings them back) and reports usage. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await this.reconciling;
    await Promise.all([...this.capacities.keys()].map((id) => this.release(id)));
  }

  /** The capacity of a running deployment, opened here if this process has none yet (it was started elsewhere). */
  async open(deploymentId: string): Promise<Capacity | undefined> {
    const existing = this.get(deploymentId);
    if (existing) return existing;
    await this.reconcile();
    return this.get(deploymentId);
  }

  /** Compares with the database in a pass that starts after this call (a change this process just made), and waits. */
  reconcile(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.reconciling) {
      this.reconciling = this.pass()
        .catch((error: unknown) => console.error('[deployment] following the database failed, will retry:', error))
        .finally(() => (this.reconciling = undefined));
      return this.reconciling;
    }
    this.queued ??= this.reconciling.then(() => {
      this.queued = undefined;
      return this.reconcile();
    });
    return this.queued;
  }

  /** Releases a deployment's capacity here (stopped, deleted) and reports its last instance time. */
  async release(deploymentId: string): Promise<void> {
    const capacity = this.capacities.get(deploymentId);
    if (!capacity) return;
    this.capacities.delete(deploymentId);
    await capacity.close();
    await this.deps.lifecycle.usage(capacity.spec, capacity.takeUsage()).catch((error: unknown) => {
      console.error(`[deployment] reporting the usage of ${deploymentId} failed:`, error);
    });
  }

  private async pass(): Promise<void> {
    const rows = await this.deps.db.em().execute<SpecRow[]>(SPEC_SQL);
    const running = new Set(rows.map((row) => row.id));
    for (const id of this.capacities.keys()) if (!running.has(id)) await this.release(id);
    for (const row of rows) {
      if (this.stopped) return;
      if (!row.fileKey) {
        if (row.status === 'deploying') await this.deps.lifecycle.failed(row, 'the model has no ONNX file to serve');
        continue;
      }
      const spec = { ...row, fileKey: row.fileKey };
      const current = this.capacities.get(row.id);
      // A new ONNX file (an export replaced it): the old instances go (requests in flight finish), new ones load it.
      if (current && current.spec.fileKey !== spec.fileKey) await this.release(row.id);
      let capacity = this.capacities.get(row.id);
      if (!capacity) this.capacities.set(row.id, (capacity = new Capacity(spec, this.deps)));
      // minInstances warm: at once when this process takes the deployment on, again after an instance failed to start.
      if (row.status === 'ready' && capacity.needsWarming(REWARM_BACKOFF_MS)) capacity.warm(row.minInstances).catch(() => undefined); // logged
      if (row.status === 'deploying' && !this.deploying.has(row.id)) void this.deploy(this.capacities.get(row.id)!);
    }
  }

  /** Deploying: the first instances (at least one, the health check) come up, then the deployment is ready. */
  private async deploy(capacity: Capacity): Promise<void> {
    const { spec } = capacity;
    this.deploying.add(spec.id);
    try {
      await capacity.warm(Math.max(1, spec.minInstances));
      if (!capacity.isClosed) await this.deps.lifecycle.ready(spec, capacity.size);
    } catch (error) {
      if (!capacity.isClosed && (await this.deps.lifecycle.failed(spec, (error as Error).message))) await this.release(spec.id);
    } finally {
      this.deploying.delete(spec.id);
    }
  }

  private async reportUsage(): Promise<void> {
    for (const capacity of this.capacities.values()) {
      await this.deps.lifecycle.usage(capacity.spec, capacity.takeUsage()).catch((error: unknown) => {
        console.error(`[deployment] reporting the usage of ${capacity.spec.id} failed:`, error);
      });
    }
  }
}

import type { Clock } from '../../../kernel/clock.js';
import { validationError } from '../../../kernel/errors.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { InvalidModelError, loadModel, type LoadedModel } from '../../../runtime/index.js';
import type { Telemetry } from './telemetry.js';

/** What a process needs to know to serve a running deployment. */
export interface DeploymentSpec {
  id: string;
  accountId: string;
  modelId: string;
  name: string;
  region: string;
  status: string;
  minInstances: number;
  maxInstances: number;
  /** onnxruntime threads per instance. */
  cpu: number;
  /** The model's ONNX file (file store key). */
  fileKey: string;
  hourlyPriceMicroUsd: number;
}

/** One instance: a loaded model (an onnxruntime session in a worker thread of its own) serving one request at a time. */
export class Instance {
  busy = false;
  idleTimer: NodeJS.Timeout | undefined;
  idleSince = Date.now();

  constructor(
    readonly number: number,
    readonly model: LoadedModel,
  ) {}
}

/** An instance lent to one request; `coldStartMs` is set when the request waited for the deployment to scale from zero. */
export interface Lease {
  instance: Instance;
  coldStartMs: number | null;
}

interface Waiter {
  resolve(lease: Lease): void;
  reject(error: unknown): void;
  /** No instance was running when the request arrived. */
  fromZero: boolean;
  coldStartMs: number | null;
}

/** Instance time accrued since the last report (billing's `deployment.usage`). */
export interface UsagePeriod {
  periodStart: Date;
  periodEnd: Date;
  instanceSeconds: number;
}

export interface CapacityDeps {
  files: FileStore;
  telemetry: Telemetry;
  clock: Clock;
  /** An idle instance beyond `minInstances` is released after this long. */
  scaleDownMs: number;
}

export const stoppedError = (id: string) =>
  validationError(`Deployment ${id} is not running: start it (POST /api/deployments/${id}/start) to serve requests`, {
    deploymentId: id,
  });

/**
 * The dedicated capacity of one deployment in this process. `minInstances` stay loaded; a request that finds every
 * instance busy starts another, up to `maxInstances`, and waits for the first one free; an instance idle for
 * `scaleDownMs` is released while more than `minInstances` run (down to zero when it is 0: the next request pays the
 * cold start, and its log entry says how long it was).
 */
export class Capacity {
  private instances: Instance[] = [];
  private starting = 0;
  private waiters: Waiter[] = [];
  private closed = false;
  private numbered = 0;
  private lastStartFailure = 0;
  private usage: { periodStart: Date; seconds: number; lastChange: number };

  constructor(
    readonly spec: DeploymentSpec,
    private readonly deps: CapacityDeps,
  ) {
    this.usage = { periodStart: deps.clock.now(), seconds: 0, lastChange: Date.now() };
  }

  get size(): number {
    return this.instances.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** An idle instance at once, else the first one that frees up or starts (starting one while below the maximum). */
  acquire(): Promise<Lease> {
    if (this.closed) return Promise.reject(stoppedError(this.spec.id));
    const idle = this.instances.find((instance) => !instance.busy);
    if (idle) {
      this.take(idle);
      return Promise.resolve({ instance: idle, coldStartMs: null });
    }
    return new Promise<Lease>((resolve, reject) => {
      this.waiters.push({ resolve, reject, fromZero: this.instances.length === 0, coldStartMs: null });
      if (this.waiters.length > this.starting && this.instances.length + this.starting < this.spec.maxInstances) {
        this.startInstance().catch(() => undefined); // reported to the waiters and the log
      }
    });
  }

  /** Gives an instance back: to the next waiting request, or idle (and released after `scaleDownMs` beyond the minimum). */
  release(instance: Instance): void {
    if (this.closed || !this.instances.includes(instance)) return;
    this.dispatch(instance);
  }

  /** Fewer than `minInstances` up or starting (an instance failed to start), and the last failure is `backoffMs` old. */
  needsWarming(backoffMs: number): boolean {
    return !this.closed && this.instances.length + this.starting < this.spec.minInstances && Date.now() - this.lastStartFailure > backoffMs;
  }

  /** Starts instances until `count` run (or are starting); resolves once they are up, throws if none could start. */
  async warm(count: number): Promise<void> {
    const wanted = Math.min(count, this.spec.maxInstances) - this.instances.length - this.starting;
    const results = await Promise.allSettled(Array.from({ length: Math.max(0, wanted) }, () => this.startInstance()));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure && this.instances.length === 0) throw failure.reason;
  }

  /** Releases every instance once its request in flight has finished; waiting requests are refused. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter.reject(stoppedError(this.spec.id));
    this.accrue();
    const instances = this.instances;
    this.instances = [];
    for (const instance of instances) clearTimeout(instance.idleTimer);
    this.deps.telemetry.instancesNow(this.spec.id, 0);
    await Promise.all(instances.map((instance) => instance.model.dispose()));
  }

  /** The instance time since the last report, and a new period from now. */
  takeUsage(): UsagePeriod {
    this.accrue();
    const period = { periodStart: this.usage.periodStart, periodEnd: this.deps.clock.now(), instanceSeconds: this.usage.seconds };
    this.usage = { periodStart: period.periodEnd, seconds: 0, lastChange: this.usage.lastChange };
    return period;
  }

  private async startInstance(): Promise<Instance> {
    const { spec, deps } = this;
    this.starting++;
    const started = performance.now();
    let model: LoadedModel;
    try {
      model = await deps.files.withLocalFile(spec.fileKey, (path) => loadModel(path, { intraOpNumThreads: spec.cpu }));
    } catch (error) {
      this.starting--;
      this.lastStartFailure = Date.now();
      const reason = (error as Error).message;
      deps.telemetry.lifecycle(target(spec), 'ERROR', `An instance failed to start: ${reason}`);
      if (this.instances.length === 0 && this.starting === 0) {
        const refused =
          error instanceof InvalidModelError ? validationError(`The deployment's model cannot be served: ${reason}`) : (error as Error);
        for (const waiter of this.waiters.splice(0)) waiter.reject(refused);
      }
      throw error;
    }
    this.starting--;
    const ms = performance.now() - started;
    if (this.closed) {
      await model.dispose();
      throw stoppedError(spec.id);
    }
    this.accrue();
    const instance = new Instance(++this.numbered, model);
    this.instances.push(instance);
    for (const waiter of this.waiters) if (waiter.fromZero) waiter.coldStartMs ??= ms;
    deps.telemetry.instanceStarted(spec.id, ms);
    deps.telemetry.instancesNow(spec.id, this.instances.length);
    deps.telemetry.lifecycle(
      target(spec),
      'INFO',
      `Instance ${instance.number} started in ${Math.round(ms)} ms (${this.instances.length} of at most ${spec.maxInstances} running)`,
    );
    this.dispatch(instance);
    return instance;
  }

  private dispatch(instance: Instance): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.take(instance);
      waiter.resolve({ instance, coldStartMs: waiter.coldStartMs });
      return;
    }
    instance.busy = false;
    instance.idleSince = Date.now();
    clearTimeout(instance.idleTimer);
    instance.idleTimer = setTimeout(() => this.retire(instance), this.deps.scaleDownMs);
    instance.idleTimer.unref();
  }

  private take(instance: Instance): void {
    instance.busy = true;
    clearTimeout(instance.idleTimer);
  }

  /** Scale-down: an instance idle since its timer was set goes, while more than the minimum run. */
  private retire(instance: Instance): void {
    if (instance.busy || this.closed || this.instances.length <= this.spec.minInstances || !this.instances.includes(instance)) return;
    this.accrue();
    this.instances = this.instances.filter((other) => other !== instance);
    const { telemetry } = this.deps;
    telemetry.instancesNow(this.spec.id, this.instances.length);
    telemetry.lifecycle(
      target(this.spec),
      'DEBUG',
      `Instance ${instance.number} stopped after ${Math.round((Date.now() - instance.idleSince) / 1000)} s idle (${this.instances.length} running)`,
    );
    void instance.model.dispose();
  }

  private accrue(): void {
    const now = Date.now();
    this.usage.seconds += (this.instances.length * (now - this.usage.lastChange)) / 1000;
    this.usage.lastChange = now;
  }
}

export const target = (spec: Pick<DeploymentSpec, 'id' | 'accountId'>) => ({ deploymentId: spec.id, accountId: spec.accountId });

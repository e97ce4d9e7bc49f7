import { LockMode } from '@mikro-orm/core';
import { TrainingCancelled, TrainingRequested } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Config } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { TrainableDataset, TrainableModel } from '../entities/trainable.js';
import { AccountBalance } from '../entities/billing-view.js';
import { ACTIVE_STATUSES, TrainingJob } from '../entities/training-job.js';
import { BILLING_VIEW_CONSUMER } from './billing-read-model.js';
import { estimateTrainingCost } from './estimate.js';
import { gpuTypeNamed } from './gpu-types.js';
import { jobPayload } from './job-payload.js';
import { READ_MODELS_CONSUMER } from './read-models.js';
import type { WorkerRegistry } from './worker-registry.js';

export interface StartTrainingInput {
  modelId: string;
  datasetId: string;
  epochs?: number | null;
  imageSize?: number | null;
  gpuType?: string | null;
}

const DEFAULT_EPOCHS = 100;
const DEFAULT_IMAGE_SIZE = 640;
/** How long a start waits for billing to announce a new account's balance before taking it as zero. */
const BALANCE_WAIT_MS = 5_000;

const usd = (microUsd: number) => `$${(microUsd / 1_000_000).toFixed(2)}`;

export class TrainingJobs {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'gpuTypes'>,
    private readonly workers: WorkerRegistry,
  ) {}

  /**
   * Queues a training run of the caller's model on the caller's dataset; the catalog is asked for a dataset snapshot
   * and billing for a reservation of its estimated cost. Refused, with nothing queued, when no live worker serves the
   * GPU type or the account's available balance cannot cover the estimate.
   */
  async start(accountId: string, input: StartTrainingInput): Promise<TrainingJob> {
    if (!input.modelId) throw validationError('modelId is required');
    if (!input.datasetId) throw validationError('datasetId is required');
    const epochs = input.epochs ?? DEFAULT_EPOCHS;
    if (!Number.isInteger(epochs) || epochs < 1 || epochs > 1000)
      throw validationError('epochs must be an integer from 1 to 1000', { epochs });
    const imageSize = input.imageSize ?? DEFAULT_IMAGE_SIZE;
    if (!Number.isInteger(imageSize) || imageSize < 32 || imageSize > 1280 || imageSize % 32 !== 0) {
      throw validationError('imageSize must be a multiple of 32 from 32 to 1280', { imageSize });
    }
    const gpu = gpuTypeNamed(this.config, input.gpuType ?? this.config.gpuTypes[0]!.name);
    await this.awaitCatalog(accountId, input);
    if (!(await this.workers.serves(this.db.em(), gpu.name))) {
      const available = (await this.workers.availability(this.db.em())).filter((type) => type.available).map((type) => type.gpuType);
      throw validationError(
        `No worker serves gpuType ${gpu.name} right now; available now: ${available.length ? available.join(', ') : 'none'}`,
        { gpuType: gpu.name, available },
      );
    }
    await this.awaitBalance(accountId);
    return this.db.transaction(async (em) => {
      // Locked: two starts for one model queue one job.
      const model = await em.findOne(
        TrainableModel,
        { modelId: input.modelId, accountId, deleted: false },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!model) throw notFound('Model', input.modelId);
      const dataset = await em.findOne(TrainableDataset, { datasetId: input.datasetId, accountId, deleted: false });
      if (!dataset) throw notFound('Dataset', input.datasetId);
      if (model.task && model.task !== dataset.task) {
        throw validationError(`The model does ${model.task}, the dataset is for ${dataset.task}`, {
          modelTask: model.task,
          datasetTask: dataset.task,
        });
      }
      if (!model.architecture && !model.weightsKey) {
        throw validationError('The model has neither an architecture nor .pt weights to train from', { modelId: model.modelId });
      }
      if (dataset.imageCount === 0) throw validationError('The dataset has no images', { datasetId: dataset.datasetId });
      if (await em.count(TrainingJob, { modelId: model.modelId, status: { $in: ACTIVE_STATUSES } })) {
        throw validationError('The model is already training', { modelId: model.modelId });
      }
      const estimate = estimateTrainingCost({
        epochs,
        imageSize,
        imageCount: dataset.imageCount,
        hourlyPriceMicroUsd: gpu.hourlyPriceMicroUsd,
      });
      await this.requireFunds(em, accountId, estimate);
      const now = this.clock.now();
      const job = em.create(TrainingJob, {
        id: newId('training'),
        accountId,
        modelId: model.modelId,
        datasetId: dataset.datasetId,
        task: dataset.task,
        architecture: model.weightsKey ? null : model.architecture,
        baseWeightsKey: model.weightsKey,
        epochs,
        imageSize,
        gpuType: gpu.name,
        hourlyPriceMicroUsd: gpu.hourlyPriceMicroUsd,
        status: 'queued',
        snapshotKey: null,
        attempts: 0,
        workerId: null,
        leaseExpiresAt: null,
        epoch: 0,
        history: [],
        error: null,
        gpuSeconds: 0,
        costMicroUsd: 0,
        estimatedCostMicroUsd: estimate,
        reservedAt: null,
        createdAt: now,
        startedAt: null,
        finishedAt: null,
        updatedAt: now,
      });
      await em.flush();
      await this.events.publish(em, TrainingRequested, accountId, {
        ...jobPayload(job),
        datasetId: dataset.datasetId,
        gpuType: job.gpuType,
        hourlyPriceMicroUsd: job.hourlyPriceMicroUsd,
        estimatedCostMicroUsd: estimate,
      });
      return job;
    });
  }

  /** The model's latest training job. */
  async latest(em: EntityManager, accountId: string, modelId: string): Promise<TrainingJob> {
    const job = await em.findOne(TrainingJob, { modelId, accountId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    if (!job) throw notFound('Training of model', modelId);
    return job;
  }

  /** Cancels the model's queued or running job; the worker running it stops the trainer at its next heartbeat. */
  cancel(accountId: string, modelId: string): Promise<TrainingJob> {
    return this.db.transaction(async (em) => {
      const { id } = await this.latest(em, accountId, modelId);
      const job = (await em.findOne(TrainingJob, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }))!;
      if (!ACTIVE_STATUSES.includes(job.status)) throw validationError(`The training is already ${job.status}`, { status: job.status });
      await this.markCancelled(em, job);
      return job;
    });
  }

  /** Inside the caller's transaction: cancels the model's active job, if any (its model went to the trash). */
  async cancelIn(em: EntityManager, accountId: string, modelId: string, reason: string): Promise<void> {
    const jobs = await em.find(
      TrainingJob,
      { accountId, modelId, status: { $in: ACTIVE_STATUSES } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    for (const job of jobs) await this.markCancelled(em, job, reason);
  }

  /** Whether the account knows this model here (a training run, or the catalog's word): subscriptions check it. */
  async knows(em: EntityManager, accountId: string, modelId: string): Promise<boolean> {
    return (await em.count(TrainableModel, { modelId, accountId })) > 0 || (await em.count(TrainingJob, { modelId, accountId })) > 0;
  }

  private async markCancelled(em: EntityManager, job: TrainingJob, reason?: string): Promise<void> {
    const now = this.clock.now();
    // A cancelled run is not charged (billing releases its reservation): its recorded cost goes to 0 with it.
    Object.assign(job, {
      status: 'cancelled',
      finishedAt: now,
      updatedAt: now,
      leaseExpiresAt: null,
      error: reason ?? null,
      costMicroUsd: 0,
    });
    await em.flush();
    await this.events.publish(em, TrainingCancelled, job.accountId, jobPayload(job));
  }

  /**
   * The account's available balance as billing last announced it, less the estimates of its jobs billing has not
   * reserved yet (they are not in that balance). The account's row is locked: two starts at once are checked in turn.
   */
  private async requireFunds(em: EntityManager, accountId: string, estimate: number): Promise<void> {
    const balance = await em.findOne(AccountBalance, { accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const [pending] = await em.execute<{ sum: string }[]>(
      `select coalesce(sum(estimated_cost_micro_usd), 0)::text as sum from training.jobs
        where account_id = ? and status in ('queued', 'running') and reserved_at is null`,
      [accountId],
    );
    const available = (balance?.availableMicroUsd ?? 0) - Number(pending?.sum ?? 0);
    if (estimate > available) {
      throw validationError(
        `Insufficient balance: the training is estimated at ${usd(estimate)}, your available balance is ${usd(available)}. Add credits or train for fewer epochs.`,
        { estimatedCostMicroUsd: estimate, availableMicroUsd: available },
      );
    }
  }

  /** Billing announces every new account's balance: a start right after sign-up waits for it (bounded). */
  private async awaitBalance(accountId: string): Promise<void> {
    const deadline = Date.now() + BALANCE_WAIT_MS;
    while ((await this.db.em().count(AccountBalance, { accountId })) === 0 && Date.now() < deadline) {
      await this.events.catchUp(BILLING_VIEW_CONSUMER, Math.max(0, deadline - Date.now()));
      if ((await this.db.em().count(AccountBalance, { accountId })) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Models and datasets reach this subgraph through the catalog's events: a start right after creating them may come
   * before those events did, so unknown ids wait for the read models to catch up once before they are not found.
   */
  private async awaitCatalog(accountId: string, input: StartTrainingInput): Promise<void> {
    const em = this.db.em();
    const known =
      (await em.count(TrainableModel, { modelId: input.modelId, accountId })) > 0 &&
      (await em.count(TrainableDataset, { datasetId: input.datasetId, accountId })) > 0;
    if (!known) await this.events.catchUp(READ_MODELS_CONSUMER);
  }
}

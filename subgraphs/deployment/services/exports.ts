import { LockMode } from '@mikro-orm/core';
import { ExportFailed } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Config } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { newId } from '../../../kernel/ids.js';
import { ACTIVE_JOB_STATUSES, JOB_STATUSES, type JobStatus } from '../../../kernel/job-queue.js';
import { LIMITS } from '../../../kernel/limits.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import { DeployableModel } from '../entities/deployable-model.js';
import { ExportJob } from '../entities/export-job.js';
import { exportFormat } from './export-formats.js';
import { READ_MODELS_CONSUMER } from './read-models.js';

export interface CreateExportInput {
  modelId: string;
  format: string;
  imageSize?: number | null;
  half?: boolean | null;
  dynamic?: boolean | null;
}

export interface ExportFilters {
  modelId?: string | null;
  status?: string | null;
}

export interface SignedDownload {
  url: string;
  expiresAt: Date;
}

/** Download links of finished exports live an hour (ask again for a fresh one). */
const DOWNLOAD_TTL_MS = 60 * 60 * 1000;
const DEFAULT_IMAGE_SIZE = 640;

/** Exports as their owners ask for them: queued for a worker, followed, cancelled, downloaded. */
export class Exports {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'exportHourlyPriceMicroUsd'>,
    private readonly files: FileStore,
  ) {}

  /** Queues an export of the caller's model's `.pt` weights; a worker runs `yolo export` for it. */
  async create(accountId: string, input: CreateExportInput): Promise<ExportJob> {
    if (!input.modelId) throw validationError('modelId is required');
    const format = exportFormat(input.format);
    const imageSize = input.imageSize ?? DEFAULT_IMAGE_SIZE;
    if (!Number.isInteger(imageSize) || imageSize < 32 || imageSize > 1280) {
      throw validationError('imgsz must be an integer from 32 to 1280', { imgsz: imageSize });
    }
    await this.awaitCatalog(accountId, input.modelId);
    return this.db.transaction(async (em) => {
      await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`exports:${accountId}`]);
      const model = await em.findOne(DeployableModel, { modelId: input.modelId, accountId, deleted: false });
      if (!model) throw notFound('Model', input.modelId);
      if (!model.weightsKey) {
        throw validationError('This model has no .pt weights to export: upload .pt weights or train it first', { modelId: model.modelId });
      }
      const active = await em.count(ExportJob, { accountId, status: { $in: ACTIVE_JOB_STATUSES } });
      if (active >= LIMITS.activeExportsPerAccount) {
        throw validationError(`At most ${LIMITS.activeExportsPerAccount} exports may be queued or running at once`, {
          limit: LIMITS.activeExportsPerAccount,
        });
      }
      const now = this.clock.now();
      const job = em.create(ExportJob, {
        id: newId('export'),
        accountId,
        modelId: model.modelId,
        modelName: model.name,
        format,
        imageSize,
        half: input.half ?? false,
        dynamic: input.dynamic ?? false,
        weightsKey: model.weightsKey,
        hourlyPriceMicroUsd: this.config.exportHourlyPriceMicroUsd,
        fileKey: null,
        fileName: null,
        sizeBytes: null,
        sha256: null,
        createdAt: now,
        status: 'queued',
        attempts: 0,
        workerId: null,
        leaseExpiresAt: null,
        progress: 0,
        error: null,
        workerSeconds: 0,
        startedAt: null,
        finishedAt: null,
        updatedAt: now,
      });
      await em.flush();
      return job;
    });
  }

  list(em: EntityManager, accountId: string, filters: ExportFilters, page: Page): Promise<{ items: ExportJob[]; total: number }> {
    const where: Record<string, unknown> = { accountId };
    if (filters.modelId) where.modelId = filters.modelId;
    if (filters.status) {
      if (!(JOB_STATUSES as readonly string[]).includes(filters.status)) {
        throw validationError(`status must be one of ${JOB_STATUSES.join(', ')}`, { status: filters.status });
      }
      where.status = filters.status;
    }
    return findPage(em, ExportJob, where, page);
  }

  async get(em: EntityManager, accountId: string, id: string): Promise<ExportJob> {
    const job = await em.findOne(ExportJob, { id, accountId });
    if (!job) throw notFound('Export', id);
    return job;
  }

  /**
   * Cancels a queued or running export (the worker kills the exporter at its next heartbeat); a finished one is
   * deleted with its file. `deleted` says which happened.
   */
  async cancel(accountId: string, id: string): Promise<{ job: ExportJob; deleted: boolean }> {
    const result = await this.db.transaction(async (em) => {
      const job = await em.findOne(ExportJob, { id, accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!job) throw notFound('Export', id);
      if (ACTIVE_JOB_STATUSES.includes(job.status)) {
        await this.markCancelled(em, job, 'cancelled by its owner');
        return { job, deleted: false };
      }
      await em.remove(job).flush();
      return { job, deleted: true };
    });
    if (result.deleted) await this.files.deletePrefix(fileKeys.modelExport(accountId, result.job.modelId, id));
    return result;
  }

  /** A signed link to the finished export's file, or null while there is none. */
  download(job: ExportJob, baseUrl: string | null): SignedDownload | null {
    if (job.status !== 'completed' || !job.fileKey) return null;
    const expiresAt = new Date(Date.now() + DOWNLOAD_TTL_MS);
    return { url: this.files.signedUrl(job.fileKey, { expiresAt, baseUrl }), expiresAt };
  }

  /** Inside the caller's transaction: the model's queued and running exports are cancelled (it went to the trash). */
  async cancelAllOf(em: EntityManager, accountId: string, modelId: string, reason: string): Promise<void> {
    const jobs = await em.find(
      ExportJob,
      { accountId, modelId, status: { $in: ACTIVE_JOB_STATUSES } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    for (const job of jobs) await this.markCancelled(em, job, reason);
  }

  /** Inside the caller's transaction: the model's exports are deleted (the catalog erases its folder, exports included). */
  async deleteAllOf(em: EntityManager, accountId: string, modelId: string): Promise<void> {
    await em.nativeDelete(ExportJob, { accountId, modelId });
  }

  /** Cancelled; billing is told what worker time it used (as `export.failed`, with the reason). */
  private async markCancelled(em: EntityManager, job: ExportJob, reason: string): Promise<void> {
    const now = this.clock.now();
    Object.assign(job, { status: 'cancelled' satisfies JobStatus, error: reason, finishedAt: now, updatedAt: now, leaseExpiresAt: null });
    await em.flush();
    await this.events.publish(em, ExportFailed, job.accountId, {
      exportId: job.id,
      modelId: job.modelId,
      format: job.format,
      reason,
      workerSeconds: job.workerSeconds,
      hourlyPriceMicroUsd: Number(job.hourlyPriceMicroUsd),
    });
  }

  /** A model uploaded a moment ago may not have reached this subgraph yet: wait for the catalog's events once. */
  private async awaitCatalog(accountId: string, modelId: string): Promise<void> {
    const known = await this.db.em().findOne(DeployableModel, { modelId, accountId });
    if (!known?.weightsKey) await this.events.catchUp(READ_MODELS_CONSUMER);
  }
}

import { Readable } from 'node:stream';
import { LockMode } from '@mikro-orm/core';
import yazl from 'yazl';
import {
  ApiKeyRevoked,
  GDPR_PARTICIPANTS,
  GdprExportReady,
  GdprPartDone,
  GdprRequested,
  participateInGdpr,
} from '../../../contracts/index.js';
import type { AccountCaller } from '../../../kernel/auth.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import { newId } from '../../../kernel/ids.js';
import { LIMITS } from '../../../kernel/limits.js';
import type { SubgraphRuntime } from '../../../kernel/subgraph.js';
import { Account } from '../entities/account.js';
import { ActivityEntry } from '../entities/activity-entry.js';
import { ApiKey } from '../entities/api-key.js';
import { GdprJob } from '../entities/gdpr-job.js';
import { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../entities/webhook.js';

/** The word a deletion request must carry: erasure cannot be undone. */
export const ERASE_CONFIRMATION = 'DELETE';
/** How long a download link of an export lives (the platform docs: one hour). */
export const EXPORT_LINK_TTL_MS = 60 * 60 * 1000;

/**
 * GDPR for an account: `export` gathers every subgraph's records and the account's files into one archive behind a
 * signed, expiring link; `erase` stops and deletes everything of the account everywhere. The account's keys stop
 * working in the request's own transaction; the rest runs on durable consumers and resumes after a restart.
 */
export class Gdpr {
  constructor(private readonly runtime: SubgraphRuntime) {}

  private get db(): Database {
    return this.runtime.db;
  }

  start(): void {
    participateInGdpr(this.runtime, 'account', {
      export: (em, accountId) => this.records(em, accountId),
      // The account's own rows go last, once every other subgraph has answered (see `finish`).
      erase: async () => undefined,
    });
    this.runtime.events.consumer('account.gdpr-collector').on(GdprPartDone, async (event, em) => {
      const job = await em.findOne(
        GdprJob,
        { id: event.payload.jobId, accountId: event.accountId! },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!job || job.status !== 'running') return;
      job.parts = [...new Set([...job.parts, event.payload.subgraph])];
      await em.flush();
      if (GDPR_PARTICIPANTS.every((subgraph) => job.parts.includes(subgraph))) await this.finish(em, job);
    });
  }

  async requestExport(caller: AccountCaller): Promise<GdprJob> {
    return this.db.transaction(async (em) => {
      if (await em.count(GdprJob, { accountId: caller.accountId, action: 'export', status: 'running' })) {
        throw validationError('An export is already running; poll GET /api/gdpr for its status');
      }
      return this.newJob(em, caller.accountId, 'export');
    });
  }

  /** Irreversible: every key of the account is revoked at once, then every subgraph erases its part. */
  async requestErase(caller: AccountCaller, confirmation: string | null | undefined): Promise<GdprJob> {
    if (confirmation !== ERASE_CONFIRMATION) {
      throw validationError(`Deleting an account cannot be undone: send confirmationWord "${ERASE_CONFIRMATION}" to confirm`);
    }
    return this.db.transaction(async (em) => {
      const keys = await em.find(ApiKey, { accountId: caller.accountId, revokedAt: null });
      const now = this.runtime.clock.now();
      for (const key of keys) {
        key.revokedAt = now;
        await this.runtime.events.publish(em, ApiKeyRevoked, caller.accountId, { keyId: key.id, name: key.name });
      }
      await em.flush();
      return this.newJob(em, caller.accountId, 'erase');
    });
  }

  async status(em: EntityManager, accountId: string, jobId: string | null): Promise<GdprJob> {
    const job = jobId
      ? await em.findOne(GdprJob, { id: jobId, accountId })
      : await em.findOne(GdprJob, { accountId }, { orderBy: { createdAt: 'desc', id: 'desc' } });
    if (!job) throw notFound('GDPR job', jobId ?? 'of this account');
    return job;
  }

  /** A signed link to a ready export's archive, valid for an hour from now. */
  downloadUrl(job: GdprJob, baseUrl: string | null): { url: string; expiresAt: Date } | null {
    if (job.action !== 'export' || job.status !== 'ready') return null;
    const expiresAt = new Date(this.runtime.clock.now().getTime() + EXPORT_LINK_TTL_MS);
    return { url: this.runtime.files.signedUrl(fileKeys.gdprArchive(job.accountId, job.id), { expiresAt, baseUrl }), expiresAt };
  }

  private async newJob(em: EntityManager, accountId: string, action: GdprJob['action']): Promise<GdprJob> {
    const job = em.create(GdprJob, {
      id: newId('gdpr'),
      accountId,
      action,
      status: 'running',
      parts: [],
      sizeBytes: null,
      createdAt: this.runtime.clock.now(),
      finishedAt: null,
    });
    await em.flush();
    await this.runtime.events.publish(em, GdprRequested, accountId, { jobId: job.id, action });
    return job;
  }

  /** Every subgraph has answered: the archive is made, or the account's last rows and every file of it go. */
  private async finish(em: EntityManager, job: GdprJob): Promise<void> {
    const { accountId } = job;
    if (job.action === 'export') {
      job.sizeBytes = await this.archive(accountId, job.id);
      job.status = 'ready';
      job.finishedAt = this.runtime.clock.now();
      await em.flush();
      await this.runtime.events.publish(em, GdprExportReady, accountId, { jobId: job.id, sizeBytes: job.sizeBytes });
      return;
    }
    // Files first: a retry after a failure below finds them gone and goes on.
    await this.runtime.files.deletePrefix(fileKeys.account(accountId));
    const deliveries = (await em.find(WebhookDelivery, { accountId }, { fields: ['id'] })).map((delivery) => delivery.id);
    await em.nativeDelete(WebhookAttempt, { deliveryId: { $in: deliveries } });
    await em.nativeDelete(WebhookDelivery, { accountId });
    await em.nativeDelete(WebhookEndpoint, { accountId });
    await em.nativeDelete(ActivityEntry, { accountId });
    await em.nativeDelete(ApiKey, { accountId });
    await em.nativeDelete(GdprJob, { accountId });
    await em.nativeDelete(Account, { id: accountId });
    await this.runtime.events.eraseAccount(em, accountId);
  }

  /** `records/<subgraph>.json` of each subgraph, then every file of the account under `files/`, zipped as a stream. */
  private async archive(accountId: string, jobId: string): Promise<number> {
    const { files } = this.runtime;
    const zip = new yazl.ZipFile();
    for (const subgraph of GDPR_PARTICIPANTS) {
      zip.addReadStreamLazy(`records/${subgraph}.json`, (callback) =>
        callback(null, files.open(fileKeys.gdprRecords(accountId, jobId, subgraph))),
      );
    }
    const root = fileKeys.account(accountId);
    const own = fileKeys.gdpr(accountId);
    for await (const { key } of files.list(root)) {
      if (key.startsWith(own)) continue; // earlier exports are not data of the account
      zip.addReadStreamLazy(`files/${key.slice(root.length)}`, (callback) => callback(null, files.open(key)));
    }
    zip.end();
    const stored = await files.put(fileKeys.gdprArchive(accountId, jobId), Readable.from(zip.outputStream), {
      maxBytes: LIMITS.gdprExportBytes,
    });
    return stored.size;
  }

  /** The account subgraph's own records: profile, key metadata (never the keys), activity, webhooks (never secrets). */
  private async records(em: EntityManager, accountId: string): Promise<Record<string, unknown[]>> {
    const account = await em.findOne(Account, accountId);
    const keys = await em.find(ApiKey, { accountId }, { orderBy: { createdAt: 'asc' } });
    const endpoints = await em.find(WebhookEndpoint, { accountId }, { orderBy: { createdAt: 'asc' } });
    const deliveries = await em.find(WebhookDelivery, { accountId }, { orderBy: { createdAt: 'asc' } });
    return {
      account: account ? [{ id: account.id, email: account.email, plan: account.plan, createdAt: account.createdAt }] : [],
      apiKeys: keys.map(({ id, name, prefix, scopes, createdAt, lastUsedAt, revokedAt }) => ({
        id,
        name,
        prefix,
        scopes,
        createdAt,
        lastUsedAt,
        revokedAt,
      })),
      activity: await em.find(ActivityEntry, { accountId }, { orderBy: { occurredAt: 'asc' } }),
      webhookEndpoints: endpoints.map(({ id, url, description, events, active, createdAt }) => ({
        id,
        url,
        description,
        events,
        active,
        createdAt,
      })),
      webhookDeliveries: deliveries.map(({ id, endpointId, eventType, status, attempts, createdAt, deliveredAt }) => ({
        id,
        endpointId,
        eventType,
        status,
        attempts,
        createdAt,
        deliveredAt,
      })),
      gdprJobs: await em.find(GdprJob, { accountId }, { orderBy: { createdAt: 'asc' } }),
    };
  }
}

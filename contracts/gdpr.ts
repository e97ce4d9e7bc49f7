import { Readable } from 'node:stream';
import { z } from 'zod';
import type { EntityManager } from '../kernel/database.js';
import { defineEvent } from '../kernel/event-contract.js';
import { fileKeys } from '../kernel/file-keys.js';
import { LIMITS } from '../kernel/limits.js';
import type { SubgraphRuntime } from '../kernel/subgraph.js';

/**
 * GDPR export and erasure across the platform. The account subgraph asks (`gdpr.requested`); every subgraph that owns
 * account data answers once it has exported its records or erased its rows (`gdpr.part-done`); the account subgraph
 * finishes when all have answered. Everything runs on durable consumers, so a restart midway resumes where it stopped.
 */

/** Every subgraph that owns data of an account; each must answer every request (a test checks the list is whole). */
export const GDPR_PARTICIPANTS = ['account', 'catalog', 'training', 'inference', 'deployment', 'billing'] as const;
export type GdprParticipant = (typeof GDPR_PARTICIPANTS)[number];

const ACTION = z.enum(['export', 'erase']);

export const GdprRequested = defineEvent({
  type: 'gdpr.requested',
  payload: z.object({ jobId: z.string(), action: ACTION }),
  public: null,
});

export const GdprPartDone = defineEvent({
  type: 'gdpr.part-done',
  payload: z.object({ jobId: z.string(), action: ACTION, subgraph: z.string() }),
  public: null,
});

export const GdprExportReady = defineEvent({
  type: 'gdpr.export-ready',
  payload: z.object({ jobId: z.string(), sizeBytes: z.number().int() }),
  public: (p) => ({
    resource: { type: 'gdpr', id: p.jobId },
    action: 'completed',
    summary: 'Your data export is ready to download',
    data: { jobId: p.jobId, sizeBytes: p.sizeBytes },
  }),
});

/** What a subgraph does for a GDPR request, inside the delivery transaction. */
export interface AccountDataOwner {
  /** The account's records this subgraph owns, as JSON rows by kind (no secrets, no file-store keys). */
  export(em: EntityManager, accountId: string): Promise<Record<string, unknown[]>>;
  /** Stops the account's running work and deletes every row of it this subgraph owns. Its files go with the account's folder. */
  erase(em: EntityManager, accountId: string): Promise<void>;
}

/** Makes `subgraph` answer every GDPR request with `owner`: records written to the file store, or rows erased. */
export function participateInGdpr(runtime: SubgraphRuntime, subgraph: GdprParticipant, owner: AccountDataOwner): void {
  runtime.events.consumer(`${subgraph}.gdpr`, { idempotent: true }).on(GdprRequested, async (event, em) => {
    const accountId = event.accountId!;
    const { jobId, action } = event.payload;
    if (action === 'export') {
      const records = JSON.stringify(
        { subgraph, exportedAt: runtime.clock.now().toISOString(), records: await owner.export(em, accountId) },
        null,
        2,
      );
      await runtime.files.put(fileKeys.gdprRecords(accountId, jobId, subgraph), Readable.from([records]), { maxBytes: LIMITS.exportBytes });
    } else {
      await owner.erase(em, accountId);
    }
    await runtime.events.publish(em, GdprPartDone, accountId, { jobId, action, subgraph });
  });
}

import { AccountPlanChanged, ApiKeyRevoked } from '../contracts/index.js';
import type { Config } from '../kernel/config.js';
import { openDatabase } from '../kernel/database.js';
import { EventBus, eventsSchema } from '../kernel/events.js';
import type { KeyIdentities } from './identity.js';

/** What must hear at once that a key stopped working: cached identities, and sockets opened with it. */
export interface RevocationListener {
  keyRevoked(keyId: string): void;
}

/**
 * Revocations reach this gateway as they commit, wherever they were made: the account subgraph publishes
 * `ApiKeyRevoked`, and the bus's live feed (LISTEN/NOTIFY on PostgreSQL, in-process on PGlite) wakes every process.
 * The key's cached identities are forgotten and its sockets closed before its next request is looked at.
 */
export function followRevocations(events: EventBus, identities: KeyIdentities, listeners: RevocationListener[]): void {
  events.onLive((event) => {
    // A plan change moves the account's rate limits and entitlements: its keys are looked up afresh.
    if (event.type === AccountPlanChanged.type && event.accountId) return identities.forgetAccount(event.accountId);
    if (event.type !== ApiKeyRevoked.type) return;
    const payload = ApiKeyRevoked.payload.safeParse(event.payload);
    if (!payload.success) return;
    identities.forgetKey(payload.data.keyId);
    for (const listener of listeners) listener.keyRevoked(payload.data.keyId);
  });
}

/**
 * A live-only event bus for a gateway running on its own (split layout): it owns no consumer, it only reads the
 * outbox the subgraphs write, on the gateway's own connection to their PostgreSQL.
 */
export async function openLiveEvents(config: Config): Promise<{ events: EventBus; close(): Promise<void> } | undefined> {
  if (!config.databaseUrl) return undefined;
  const db = await openDatabase(config, [eventsSchema]);
  const events = new EventBus(db, config.databaseUrl);
  await events.start();
  return {
    events,
    async close() {
      await events.stop();
      await db.close();
    },
  };
}

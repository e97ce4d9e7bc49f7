import { EVENT_CONTRACTS } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';
import type { AnyEventContract, DomainEvent } from '../../../kernel/event-contract.js';
import type { EventBus } from '../../../kernel/events.js';
import type { Page } from '../../../kernel/pagination.js';
import { Account } from '../entities/account.js';
import { ActivityEntry } from '../entities/activity-entry.js';

/** Every event users may see (a contract with a public projection) becomes an activity entry. */
export const PUBLIC_CONTRACTS: AnyEventContract[] = [...EVENT_CONTRACTS.values()].filter((contract) => contract.public !== null);

export interface ActivityFilter {
  startDate?: Date | null;
  endDate?: Date | null;
  search?: string | null;
  /** true: the archive; false: the inbox; unset: both. */
  archived?: boolean | null;
}

/** Which entries a bulk action applies to: some by id, or all of the account's. */
export interface ActivitySelection {
  eventIds?: string[] | null;
  all?: boolean | null;
}

const MAX_SEARCH = 200;
const MAX_IDS = 1000;

/** The entry an event makes: its public projection, nothing else (no file keys, no internal ids). */
export function entryOf(event: DomainEvent, contract: AnyEventContract): Omit<ActivityEntry, 'seenAt' | 'archivedAt'> {
  const view = contract.public!(event.payload);
  return {
    id: `event_${event.id}`,
    accountId: event.accountId!,
    eventType: event.type,
    resourceType: view.resource.type,
    resourceId: view.resource.id,
    resourceName: view.resource.name ?? null,
    action: view.action ?? event.type.split('.').at(-1)!,
    summary: view.summary,
    data: view.data,
    occurredAt: new Date(event.occurredAt),
  };
}

/** The activity feed: every public event of an account, newest first, with seen and archived marks. */
export class Activity {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Records each public event as an entry (once: the entry's id is the event's). */
  consume(): void {
    this.events.consumer('account.activity').on(PUBLIC_CONTRACTS, async (event, em) => {
      // An event of an account erased meanwhile (a run that ended as it was erased) makes no entry.
      if (!event.accountId || !(await em.count(Account, { id: event.accountId }))) return;
      const contract = EVENT_CONTRACTS.get(event.type)!;
      await em.upsert(ActivityEntry, { ...entryOf(event, contract), seenAt: null, archivedAt: null }, { onConflictAction: 'ignore' });
    });
  }

  async list(
    em: EntityManager,
    accountId: string,
    filter: ActivityFilter,
    page: Page,
  ): Promise<{ items: ActivityEntry[]; total: number; unseen: number }> {
    const where: Record<string, unknown> = { accountId };
    const occurredAt: Record<string, Date> = {};
    if (filter.startDate) occurredAt.$gte = filter.startDate;
    if (filter.endDate) occurredAt.$lte = filter.endDate;
    if (Object.keys(occurredAt).length) where.occurredAt = occurredAt;
    if (filter.archived === true) where.archivedAt = { $ne: null };
    if (filter.archived === false) where.archivedAt = null;
    const search = filter.search?.trim();
    if (search) {
      if (search.length > MAX_SEARCH) throw validationError(`search must be at most ${MAX_SEARCH} characters`);
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.$or = [{ summary: { $ilike: pattern } }, { resourceName: { $ilike: pattern } }, { eventType: { $ilike: pattern } }];
    }
    const [items, total] = await em.findAndCount(ActivityEntry, where as never, {
      orderBy: { occurredAt: 'desc', id: 'desc' },
      limit: page.limit,
      offset: page.offset,
    });
    const unseen = await em.count(ActivityEntry, { accountId, seenAt: null, archivedAt: null });
    return { items, total, unseen };
  }

  /** Marks entries seen; returns how many changed. */
  markSeen(accountId: string, selection: ActivitySelection): Promise<number> {
    return this.update(accountId, selection, { seenAt: this.clock.now() }, { seenAt: null });
  }

  /** Moves entries to the archive (or back to the inbox); returns how many changed. */
  archive(accountId: string, selection: ActivitySelection, archive: boolean): Promise<number> {
    return this.update(
      accountId,
      selection,
      { archivedAt: archive ? this.clock.now() : null },
      { archivedAt: archive ? null : { $ne: null } },
    );
  }

  private update(accountId: string, selection: ActivitySelection, changes: Partial<ActivityEntry>, unchanged: Record<string, unknown>) {
    const ids = selection.eventIds ?? [];
    if (!selection.all && ids.length === 0) throw validationError('Name the entries with eventIds, or send all: true');
    if (ids.length > MAX_IDS) throw validationError(`eventIds takes at most ${MAX_IDS} ids`);
    const where = { accountId, ...unchanged, ...(selection.all ? {} : { id: { $in: ids } }) };
    return this.db.em().nativeUpdate(ActivityEntry, where as never, changes);
  }
}

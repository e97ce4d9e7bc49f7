import { LockMode, p, type EntityClass, type FilterQuery } from '@mikro-orm/core';
import type { Clock } from './clock.js';
import type { Database, EntityManager } from './database.js';
import { AppError, notFound, validationError } from './errors.js';
import type { Page } from './pagination.js';

/** Deleted resources stay in the trash this long, restorable; then the purge job deletes them for good. */
export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The soft-delete filter of a trashable entity (`defineEntity({ filters: liveOnly })`): every read sees live rows
 * only unless it asks for the trash with `INCLUDING_TRASH`. Writes are not filtered (restores and purges reach
 * trashed rows).
 */
export const liveOnly = {
  live: {
    name: 'live',
    cond: (_args: unknown, type: 'read' | 'update' | 'delete') => (type === 'read' ? { deletedAt: null } : {}),
    args: false,
    default: true,
  },
};

/** The columns of a trashable entity (`properties: { ..., ...trashColumns() }`). */
export const trashColumns = () => ({
  /** Set while in the trash (restorable for 30 days). */
  deletedAt: p.datetime().nullable(),
  /** The item whose deletion took this one to the trash (a model's project), null when deleted itself. */
  trashedWith: p.text().nullable(),
});

/** Find options that reach trashed rows too. */
export const INCLUDING_TRASH = { filters: { live: false } } as const;

/** What a trashable row has: an owner, the time it went to the trash, and the item whose deletion took it there. */
export interface Trashable {
  id: string;
  accountId: string;
  deletedAt?: Date | null;
  /** Null for an item deleted itself; else the id of the item its deletion cascaded from (a model's project). */
  trashedWith?: string | null;
}

/** One item of an account's trash, as users see it. */
export interface TrashItem {
  type: string;
  id: string;
  name: string;
  sizeBytes: number;
  deletedAt: Date;
  /** When the purge job deletes it for good. */
  purgeAt: Date;
  /** Items that went to the trash with it (a project's models). */
  cascadedItems: number;
  /** The item's parent, when it has one (a model's project). */
  parentId: string | null;
}

/**
 * How one kind of resource lives in the trash. The trash moves rows in and out and deletes them; the kind says what
 * users see, what comes and goes with a row, which rules a restore must keep, and publishes its own events.
 */
export interface TrashKind<Row extends Trashable = any> {
  readonly type: string;
  readonly entity: EntityClass<Row>;
  describe(row: Row): { name: string; sizeBytes: number; parentId?: string | null };
  /** Rows that follow this one into the trash, out of it and into deletion (a project's models). */
  readonly children?: { kind: TrashKind; of(row: Row): Record<string, unknown> };
  /** Throws when a restore would break a rule (its parent is in the trash); may give the row a free slug. */
  beforeRestore?(em: EntityManager, row: Row): Promise<void>;
  onDeleted(em: EntityManager, row: Row): Promise<void>;
  onRestored(em: EntityManager, row: Row): Promise<void>;
  /** Deletes what the row owns besides itself (rows of its own) and publishes the purge; files follow that event. */
  onPurged(em: EntityManager, row: Row): Promise<void>;
}

/** The most trashed items a listing walks through (page * limit): a trash is a place to look, not an archive. */
const MAX_LISTED = 10_000;

/**
 * The trash shared by every subgraph that owns deletable resources: soft delete (with cascade), listing, restore,
 * permanent deletion and the purge of items older than the retention period. Each operation is one transaction.
 */
export class Trash {
  private readonly kinds: Map<string, TrashKind>;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    kinds: TrashKind[],
  ) {
    this.kinds = new Map(kinds.map((kind) => [kind.type, kind]));
  }

  get types(): string[] {
    return [...this.kinds.keys()];
  }

  /** Moves `row` (and its children) to the trash inside the caller's transaction. */
  async moveIn<Row extends Trashable>(em: EntityManager, kind: TrashKind<Row>, row: Row): Promise<void> {
    const now = this.clock.now();
    row.deletedAt = now;
    row.trashedWith = null;
    const children = kind.children ? await em.find(kind.children.kind.entity, kind.children.of(row) as FilterQuery<any>) : [];
    for (const child of children as Trashable[]) Object.assign(child, { deletedAt: now, trashedWith: row.id });
    await em.flush();
    for (const child of children) await kind.children!.kind.onDeleted(em, child);
    await kind.onDeleted(em, row);
  }

  /** Items an account deleted itself (not those that went with them), newest first. */
  async list(
    em: EntityManager,
    accountId: string,
    type: string | null | undefined,
    page: Page,
  ): Promise<{ items: TrashItem[]; total: number }> {
    const kinds = type ? [this.kindOf(type)] : [...this.kinds.values()];
    if (page.offset + page.limit > MAX_LISTED) throw validationError(`The trash lists at most ${MAX_LISTED} items`, { page: page.page });
    const where = { accountId, deletedAt: { $ne: null }, trashedWith: null };
    const found = await Promise.all(
      kinds.map(async (kind) => {
        const [rows, total] = await em.findAndCount(kind.entity, where as FilterQuery<any>, {
          ...INCLUDING_TRASH,
          orderBy: { deletedAt: 'desc', id: 'desc' } as never,
          limit: page.offset + page.limit,
        });
        return { kind, rows: rows as Trashable[], total };
      }),
    );
    const merged = found
      .flatMap(({ kind, rows }) => rows.map((row) => ({ kind, row })))
      .sort((a, b) => b.row.deletedAt!.getTime() - a.row.deletedAt!.getTime() || (a.row.id < b.row.id ? 1 : -1))
      .slice(page.offset, page.offset + page.limit);
    const items = await Promise.all(merged.map(({ kind, row }) => this.describe(em, kind, row)));
    return { items, total: found.reduce((sum, { total }) => sum + total, 0) };
  }

  /** Brings an item (and what went with it) back, keeping the kind's rules. */
  restore(accountId: string, type: string, id: string): Promise<TrashItem> {
    const kind = this.kindOf(type);
    return this.db.transaction(async (em) => {
      const row = await this.trashed(em, kind, accountId, id);
      if (this.clock.now().getTime() - row.deletedAt!.getTime() > TRASH_RETENTION_MS) throw notFound(label(kind), id);
      const item = await this.describe(em, kind, row);
      const children = kind.children
        ? ((await em.find(
            kind.children.kind.entity,
            { ...kind.children.of(row), trashedWith: row.id } as FilterQuery<any>,
            INCLUDING_TRASH,
          )) as Trashable[])
        : [];
      // The parent first: its children's rules (and slugs) are checked against it being back.
      for (const [restoredKind, restored] of [[kind, row] as const, ...children.map((child) => [kind.children!.kind, child] as const)]) {
        await restoredKind.beforeRestore?.(em, restored);
        Object.assign(restored, { deletedAt: null, trashedWith: null });
        await em.flush();
      }
      for (const child of children) await kind.children!.kind.onRestored(em, child);
      await kind.onRestored(em, row);
      return item;
    });
  }

  /** Deletes an item in the trash for good, with everything that belongs to it. */
  purge(accountId: string, type: string, id: string): Promise<TrashItem> {
    const kind = this.kindOf(type);
    return this.db.transaction(async (em) => {
      const row = await this.trashed(em, kind, accountId, id);
      const item = await this.describe(em, kind, row);
      await this.remove(em, kind, row);
      return item;
    });
  }

  /** Deletes every item of an account's trash for good; returns how many items (children included) went. */
  async empty(accountId: string): Promise<number> {
    let removed = 0;
    for (const kind of this.kinds.values()) {
      const rows = await this.db
        .em()
        .find(kind.entity, { accountId, deletedAt: { $ne: null }, trashedWith: null } as FilterQuery<any>, INCLUDING_TRASH);
      for (const row of rows as Trashable[]) removed += await this.purgeOne(kind, row.id);
    }
    return removed;
  }

  /** The daily job: items that have been in the trash longer than the retention period are deleted for good. */
  async purgeExpired(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - TRASH_RETENTION_MS);
    let removed = 0;
    for (const kind of this.kinds.values()) {
      const rows = await this.db.em().find(kind.entity, { deletedAt: { $lt: before }, trashedWith: null } as FilterQuery<any>, {
        ...INCLUDING_TRASH,
        fields: ['id'] as never,
      });
      for (const row of rows as Trashable[]) {
        removed += await this.purgeOne(kind, row.id).catch((error: unknown) => {
          console.error(`[trash] purging ${kind.type} ${row.id} failed, will retry on the next run:`, error);
          return 0;
        });
      }
    }
    return removed;
  }

  /**
   * One item and its children, in a transaction of their own (a failure never holds the others back). The row is
   * locked or skipped: two processes purging at once never delete (and announce) the same item twice.
   */
  private purgeOne(kind: TrashKind, id: string): Promise<number> {
    return this.db.transaction(async (em) => {
      const row = (await em.findOne(kind.entity, { id, deletedAt: { $ne: null } } as FilterQuery<any>, {
        ...INCLUDING_TRASH,
        lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
      })) as Trashable | null;
      return row ? this.remove(em, kind, row) : 0;
    });
  }

  private async remove(em: EntityManager, kind: TrashKind, row: Trashable): Promise<number> {
    // A purged parent takes all its children, also those deleted on their own before it.
    const children = kind.children
      ? ((await em.find(kind.children.kind.entity, kind.children.of(row) as FilterQuery<any>, INCLUDING_TRASH)) as Trashable[])
      : [];
    for (const child of children) await this.remove(em, kind.children!.kind, child);
    await kind.onPurged(em, row);
    em.remove(row);
    await em.flush();
    return 1 + children.length;
  }

  private async trashed(em: EntityManager, kind: TrashKind, accountId: string, id: string): Promise<Trashable> {
    const row = (await em.findOne(kind.entity, { id, accountId, deletedAt: { $ne: null } } as FilterQuery<any>, {
      ...INCLUDING_TRASH,
      lockMode: LockMode.PESSIMISTIC_WRITE,
    })) as Trashable | null;
    if (!row) throw notFound(`${label(kind)} in the trash`, id);
    return row;
  }

  private async describe(em: EntityManager, kind: TrashKind, row: Trashable): Promise<TrashItem> {
    const { name, sizeBytes, parentId } = kind.describe(row);
    const cascadedItems = kind.children
      ? await em.count(kind.children.kind.entity, { ...kind.children.of(row), trashedWith: row.id } as FilterQuery<any>, INCLUDING_TRASH)
      : 0;
    return {
      type: kind.type,
      id: row.id,
      name,
      sizeBytes,
      deletedAt: row.deletedAt!,
      purgeAt: new Date(row.deletedAt!.getTime() + TRASH_RETENTION_MS),
      cascadedItems,
      parentId: parentId ?? null,
    };
  }

  private kindOf(type: string): TrashKind {
    const kind = this.kinds.get(type);
    if (!kind) throw new AppError('VALIDATION_ERROR', `type must be one of ${this.types.join(', ')}`, { type });
    return kind;
  }
}

const label = (kind: TrashKind) => kind.type.charAt(0).toUpperCase() + kind.type.slice(1);

/** Runs the purge of expired trash now and every `intervalMs` (every process may: rows are locked or skipped). */
export function schedulePurge(trash: Trash, name: string, intervalMs = 60 * 60 * 1000): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const run = () => {
    running ??= trash
      .purgeExpired()
      .catch((error: unknown) => console.error(`[trash] ${name}: the purge failed, will retry:`, error))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/**
 * The indexes a trashable table needs, as raw DDL for its migration and its entity (the ORM matches them by name):
 * the trash listing's, and, when the rows have slugs, unique slugs among the live rows of one owner.
 */
export function trashIndexes(table: string, slugOwner?: string): Array<{ name: string; expression: string }> {
  const [schema, name] = table.split('.') as [string, string];
  const indexes = [
    {
      name: `${name}_trash_index`,
      expression: `create index ${name}_trash_index on ${schema}.${name} (account_id, deleted_at) where deleted_at is not null`,
    },
  ];
  if (slugOwner) {
    indexes.push({
      name: `${name}_live_slug_unique`,
      expression: `create unique index ${name}_live_slug_unique on ${schema}.${name} (${slugOwner}, slug) where deleted_at is null`,
    });
  }
  return indexes;
}

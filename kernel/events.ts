import pg from 'pg';
import type { Database, EntityManager, SchemaOwner } from './database.js';

export interface DomainEvent<Payload = Record<string, unknown>> {
  id: string;
  type: string;
  /** The account the event belongs to: live subscribers only ever see their own account's events. */
  accountId: string | null;
  payload: Payload;
  occurredAt: string;
}

/** A durable consumer's handler; it runs in the transaction that advances the consumer's position. */
export type EventHandler = (event: DomainEvent, em: EntityManager) => Promise<void>;
export type LiveHandler = (event: DomainEvent) => void;

const CHANNEL = 'domain_events';
const BATCH = 200;
/** Safety net when a wake-up is missed (e.g. a LISTEN connection that dropped). */
const POLL_MS = 1000;

/**
 * The outbox: events are rows written in the same transaction as the change that causes them.
 * Readers order by (transaction id, id) and only read below the oldest running transaction
 * (`pg_snapshot_xmin`), so an event committed late by a slow transaction is never skipped.
 */
export const eventsSchema: SchemaOwner = {
  schema: 'events',
  entities: [],
  migrations: [
    {
      name: '001-outbox',
      statements: [
        `create table events.outbox (
          id bigserial primary key,
          txid xid8 not null default pg_current_xact_id(),
          type text not null,
          account_id text,
          payload jsonb not null,
          occurred_at timestamptz not null default now())`,
        `create index outbox_order on events.outbox (txid, id)`,
        `create table events.consumers (name text primary key, last_txid xid8 not null, last_id bigint not null)`,
      ],
    },
  ],
};

interface Position {
  txid: string;
  id: string;
}

interface OutboxRow {
  id: string;
  txid: string;
  type: string;
  account_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date | string;
}

const SELECT_AFTER = `select id::text, txid::text, type, account_id, payload, occurred_at from events.outbox
  where (txid, id) > (?::xid8, ?::bigint) and txid < pg_snapshot_xmin(pg_current_snapshot())
  order by txid, id limit ${BATCH}`;

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    accountId: row.account_id,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/**
 * Domain events with at-least-once delivery. Durable consumers keep their position in the database, so they resume
 * after a restart and share work across processes (one process drains a consumer at a time). Live handlers see, in
 * this process, every event committed from their start on; they feed GraphQL subscriptions.
 */
export class EventBus {
  private readonly durable = new Map<string, EventHandler>();
  private readonly live: LiveHandler[] = [];
  private livePosition: Position | undefined;
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly databaseUrl: string | undefined,
  ) {}

  /** Records an event inside the caller's transaction: it exists exactly when the change does. */
  async publish(em: EntityManager, type: string, accountId: string | null, payload: Record<string, unknown>): Promise<void> {
    await em.execute(`insert into events.outbox (type, account_id, payload) values (?, ?, ?::jsonb)`, [
      type,
      accountId,
      JSON.stringify(payload),
    ]);
    // PostgreSQL sends the notification to every process only on commit; embedded PGlite has just this process.
    if (this.databaseUrl) await em.execute(`select pg_notify('${CHANNEL}', '')`);
    else this.db.onCommit(em, () => this.wake());
  }

  consume(name: string, handler: EventHandler): void {
    this.durable.set(name, handler);
  }

  onLive(handler: LiveHandler): void {
    this.live.push(handler);
  }

  async start(): Promise<void> {
    const [row] = await this.db.em().execute<{ xmin: string }[]>(`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`);
    this.livePosition = { txid: row!.xmin, id: '0' };
    if (this.databaseUrl) await this.listen(this.databaseUrl);
    this.schedule();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
  }

  /** Reads what is new now; calls coalesce while a read is under way. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  /** Resolves once everything committed before the call has reached every handler (tests, graceful stop). */
  async settle(): Promise<void> {
    this.wake();
    while (this.draining) await this.draining;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.wake();
      if (!this.stopped) this.schedule();
    }, POLL_MS);
    this.timer.unref();
  }

  private async listen(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      console.error('[events] LISTEN connection lost, falling back to polling:', error.message);
      this.listener = undefined;
      setTimeout(() => !this.stopped && this.listen(url).catch(() => undefined), POLL_MS).unref();
    });
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.listener = client;
  }

  private async drain(): Promise<void> {
    try {
      if (this.livePosition && this.live.length > 0) await this.drainLive();
      for (const [name, handler] of this.durable) await this.drainDurable(name, handler);
    } catch (error) {
      console.error('[events] delivery failed, will retry:', error);
    }
  }

  private async drainLive(): Promise<void> {
    for (;;) {
      const position = this.livePosition!;
      const rows = await this.db.em().execute<OutboxRow[]>(SELECT_AFTER, [position.txid, position.id]);
      for (const row of rows) {
        const event = toEvent(row);
        for (const handler of this.live) handler(event);
        this.livePosition = { txid: row.txid, id: row.id };
      }
      if (rows.length < BATCH) return;
    }
  }

  private async drainDurable(name: string, handler: EventHandler): Promise<void> {
    let more = true;
    while (more && !this.stopped) {
      more = await this.db.transaction(async (em) => {
        await em.execute(`insert into events.consumers (name, last_txid, last_id) values (?, '0', 0) on conflict do nothing`, [name]);
        const [position] = await em.execute<{ last_txid: string; last_id: string }[]>(
          `select last_txid::text, last_id::text from events.consumers where name = ? for update skip locked`,
          [name],
        );
        if (!position) return false; // another process is delivering to this consumer
        const rows = await em.execute<OutboxRow[]>(SELECT_AFTER, [position.last_txid, position.last_id]);
        for (const row of rows) await handler(toEvent(row), em);
        const last = rows.at(-1);
        if (last) {
          await em.execute(`update events.consumers set last_txid = ?::xid8, last_id = ? where name = ?`, [last.txid, last.id, name]);
        }
        return rows.length === BATCH;
      });
    }
  }
}

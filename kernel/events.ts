import pg from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Database, EntityManager, SchemaOwner } from './database.js';
import type { AnyEventContract, DomainEvent, PayloadOf } from './event-contract.js';

export type { DomainEvent } from './event-contract.js';

/** A durable consumer's handler; it runs inside the transaction that advances the consumer's position. */
export type EventHandler<Payload> = (event: DomainEvent<Payload>, em: EntityManager) => Promise<void>;
/** Sees, in this process, every event committed from the bus's start on (subscriptions). Never throws. */
export type LiveHandler = (event: DomainEvent) => void;

export interface EventBusOptions {
  /** Deliveries of one event to one consumer before it goes to the dead letters. */
  maxAttempts?: number;
  /** First retry delay; doubled on every further failure up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per-process delivery metrics (`events_*`); lag and dead letters are read from the database when scraped. */
  metrics?: Registry;
}

const CHANNEL = 'domain_events';
const BATCH = 200;
/** Safety net when a wake-up is missed (e.g. a LISTEN connection that dropped). */
const POLL_MS = 1000;
const DEFAULTS = { maxAttempts: 5, backoffMs: 250, maxBackoffMs: 30_000 };
const MAX_ERROR_CHARS = 2000;

/**
 * The outbox: events are rows written in the same transaction as the change that causes them. Readers order by
 * (transaction id, id) and only read below the oldest running transaction (`pg_snapshot_xmin`), so an event committed
 * late by a slow transaction is never skipped. Each durable consumer keeps its own position, its retry state, and its
 * dead letters: events it gave up on after `maxAttempts`, kept whole so an operator can replay them.
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
    {
      name: '002-versions-retries-dead-letters',
      statements: [
        `alter table events.outbox add column version int not null default 1`,
        `alter table events.consumers add column attempts int not null default 0,
          add column next_attempt_at timestamptz null, add column last_error text null`,
        `create table events.dead_letters (
          id bigserial primary key,
          consumer text not null,
          event_id bigint not null,
          type text not null,
          version int not null,
          account_id text,
          payload jsonb not null,
          occurred_at timestamptz not null,
          error text not null,
          attempts int not null,
          dead_at timestamptz not null default now(),
          replay_requested_at timestamptz null,
          replayed_at timestamptz null,
          constraint dead_letters_consumer_event unique (consumer, event_id))`,
        `create index dead_letters_pending on events.dead_letters (consumer) where replayed_at is null`,
        `create table events.processed (consumer text not null, event_id bigint not null, primary key (consumer, event_id))`,
      ],
    },
  ],
};

interface OutboxRow {
  id: string;
  txid: string;
  type: string;
  version: number;
  account_id: string | null;
  payload: unknown;
  occurred_at: Date | string;
}

const SELECT_AFTER = `select id::text, txid::text, type, version, account_id, payload, occurred_at from events.outbox
  where (txid, id) > (?::xid8, ?::bigint) and txid < pg_snapshot_xmin(pg_current_snapshot())
  order by txid, id limit ${BATCH}`;

function toEvent(row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    accountId: row.account_id,
    payload: row.payload,
    occurredAt: new Date(row.occurred_at).toISOString(),
  };
}

/** Why a delivery failed; a payload its contract refuses will never succeed, so it is not retried. */
type Delivery = { ok: true } | { ok: false; error: string; permanent: boolean };

/** A durable consumer: its handlers by event type, built with `on()`. */
export class Consumer {
  readonly handlers = new Map<string, { contract: AnyEventContract; handler: EventHandler<any> }>();

  constructor(
    readonly name: string,
    /** Record each delivered event id, so that an event delivered again (a replay, a crash before commit) is skipped. */
    readonly idempotent: boolean,
  ) {}

  on<Contract extends AnyEventContract>(contracts: Contract | readonly Contract[], handler: EventHandler<PayloadOf<Contract>>): this {
    for (const contract of Array.isArray(contracts) ? contracts : [contracts]) {
      if (this.handlers.has(contract.type)) throw new Error(`${this.name} handles ${contract.type} twice`);
      this.handlers.set(contract.type, { contract, handler });
    }
    return this;
  }
}

/** One independent reader of the outbox: a durable consumer or this process's live feed. */
interface Runner {
  drain(): Promise<void>;
  draining?: Promise<void>;
  again: boolean;
  timer?: NodeJS.Timeout;
  /** Where it had read up to when it last looked (unknown until its first read). */
  position?: Position;
}

interface Position {
  txid: string;
  id: string;
}

const before = (a: Position, b: Position) => BigInt(a.txid) < BigInt(b.txid) || (a.txid === b.txid && BigInt(a.id) < BigInt(b.id));

export interface DeadLetter {
  id: string;
  consumer: string;
  eventId: string;
  type: string;
  accountId: string | null;
  error: string;
  attempts: number;
  deadAt: Date;
  replayRequestedAt: Date | null;
  replayedAt: Date | null;
}

/**
 * Domain events with at-least-once delivery. Durable consumers keep their position in the database, so they resume
 * after a restart and share work across processes (one process drains a consumer at a time). Each consumer drains on
 * its own: a handler that throws is retried with backoff and, after `maxAttempts`, its event goes to the dead letters
 * and the consumer moves on; no consumer ever waits for another. Live handlers see, in this process, every event
 * committed from their start on; they feed GraphQL subscriptions.
 */
export class EventBus {
  private readonly consumers = new Map<string, Consumer>();
  private readonly runners = new Map<string, Runner>();
  private readonly live: LiveHandler[] = [];
  private livePosition: { txid: string; id: string } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private started = false;
  private stopped = false;
  private readonly options: typeof DEFAULTS;
  private readonly deliveries: Counter<'consumer'> | undefined;
  private readonly failures: Counter<'consumer'> | undefined;

  constructor(
    private readonly db: Database,
    private readonly databaseUrl: string | undefined,
    options: EventBusOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...withoutUndefined(options) };
    if (options.metrics) {
      const registers = [options.metrics];
      this.deliveries = new Counter({
        name: 'events_deliveries_total',
        help: 'Events delivered to a durable consumer',
        labelNames: ['consumer'],
        registers,
      });
      this.failures = new Counter({
        name: 'events_failures_total',
        help: 'Failed deliveries to a durable consumer',
        labelNames: ['consumer'],
        registers,
      });
      // Read from the database when scraped: they count what every process did, not just this one.
      const gauge = (name: string, help: string, read: () => Promise<Array<[string, number]>>) =>
        new Gauge({
          name,
          help,
          labelNames: ['consumer'],
          registers,
          async collect() {
            for (const [consumer, value] of await read()) this.set({ consumer }, value);
          },
        });
      gauge('events_consumer_lag', 'Committed events a durable consumer has not processed yet', () => this.lag());
      gauge('events_dead_letters', 'Events a durable consumer gave up on, not replayed yet', () => this.deadLetterCounts());
    }
  }

  /** Records an event inside the caller's transaction: it exists exactly when the change does. */
  async publish<Contract extends AnyEventContract>(
    em: EntityManager,
    contract: Contract,
    accountId: string | null,
    payload: PayloadOf<Contract>,
  ): Promise<void> {
    const checked = contract.payload.safeParse(payload);
    if (!checked.success) throw new Error(`Invalid ${contract.type} payload: ${checked.error.message}`);
    await em.execute(`insert into events.outbox (type, version, account_id, payload) values (?, ?, ?, ?::jsonb)`, [
      contract.type,
      contract.version,
      accountId,
      JSON.stringify(checked.data),
    ]);
    await this.notifyOnCommit(em);
  }

  /** Registers a durable consumer; add its handlers with `on()`. */
  consumer(name: string, options: { idempotent?: boolean } = {}): Consumer {
    if (this.consumers.has(name)) throw new Error(`Consumer ${name} is registered twice`);
    const consumer = new Consumer(name, options.idempotent ?? false);
    this.consumers.set(name, consumer);
    const runner: Runner = { drain: () => this.drainConsumer(consumer, runner), again: false };
    this.runners.set(name, runner);
    if (this.started) this.kick(name);
    return consumer;
  }

  onLive(handler: LiveHandler): void {
    this.live.push(handler);
  }

  async start(): Promise<void> {
    const [row] = await this.db.em().execute<{ xmin: string }[]>(`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`);
    this.livePosition = { txid: row!.xmin, id: '0' };
    this.runners.set('#live', { drain: () => this.drainLive(), again: false });
    if (this.databaseUrl) await this.listen(this.databaseUrl);
    this.started = true;
    this.schedule();
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const runner of this.runners.values()) clearTimeout(runner.timer);
    await Promise.all([...this.runners.values()].map((runner) => runner.draining));
    await this.listener?.end().catch(() => undefined);
  }

  /** Reads what is new now, for every reader; calls coalesce while a read is under way. */
  wake(): void {
    for (const name of this.runners.keys()) this.kick(name);
  }

  /** Resolves once everything committed before the call has reached every reader that is not waiting to retry. */
  async settle(): Promise<void> {
    this.wake();
    for (;;) {
      const busy = [...this.runners.values()].flatMap((runner) => (runner.draining ? [runner.draining] : []));
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  /**
   * Waits (at most `timeoutMs`) until consumer `name` — in this process or any other — has processed every event
   * committed before the call: a request that depends on a read model waits for it instead of answering stale.
   */
  async catchUp(name: string, timeoutMs = 5000): Promise<boolean> {
    const em = this.db.em();
    const [latest] = await em.execute<{ txid: string; id: string }[]>(
      `select txid::text, id::text from events.outbox order by txid desc, id desc limit 1`,
    );
    if (!latest) return true;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.kick(name);
      await this.runners.get(name)?.draining;
      const [state] = await em.execute<{ reached: boolean }[]>(
        `select (last_txid, last_id) >= (?::xid8, ?::bigint) as reached from events.consumers where name = ?`,
        [latest.txid, latest.id, name],
      );
      if (state?.reached) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Dead letters, newest first; `consumer` narrows to one consumer, `pending` to those not replayed yet. */
  async deadLetters(filter: { consumer?: string; pending?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    const where = ['true'];
    const params: unknown[] = [];
    if (filter.consumer) {
      where.push('consumer = ?');
      params.push(filter.consumer);
    }
    if (filter.pending) where.push('replayed_at is null');
    const rows = await this.db.em().execute<Array<Record<string, any>>>(
      `select id::text, consumer, event_id::text as "eventId", type, account_id as "accountId", error, attempts, dead_at as "deadAt",
          replay_requested_at as "replayRequestedAt", replayed_at as "replayedAt"
        from events.dead_letters where ${where.join(' and ')} order by id desc limit ?`,
      [...params, Math.min(Math.max(filter.limit ?? 100, 1), 1000)],
    );
    const date = (value: unknown) => (value ? new Date(value as string) : null);
    return rows.map((row) => ({
      ...(row as DeadLetter),
      deadAt: new Date(row.deadAt),
      replayRequestedAt: date(row.replayRequestedAt),
      replayedAt: date(row.replayedAt),
    }));
  }

  /**
   * Asks for dead letters to be delivered again (by id, or all pending ones of a consumer); the process that drains
   * the consumer does it on its next read. Returns how many were requested.
   */
  async replay(request: { ids?: string[]; consumer?: string }): Promise<number> {
    const where = ['replayed_at is null'];
    const params: unknown[] = [];
    if (request.ids) {
      if (request.ids.length === 0 || !request.ids.every((id) => /^\d{1,18}$/.test(id))) return 0;
      where.push(`id in (${request.ids.map(() => '?').join(', ')})`);
      params.push(...request.ids);
    }
    if (request.consumer) {
      where.push('consumer = ?');
      params.push(request.consumer);
    }
    return this.db.transaction(async (em) => {
      const rows = await em.execute<{ consumer: string }[]>(
        `update events.dead_letters set replay_requested_at = now() where ${where.join(' and ')} returning consumer`,
        params,
      );
      // A consumer waiting to retry something else takes the replays at once; it may run in another process.
      for (const consumer of new Set(rows.map((row) => row.consumer))) {
        await em.execute(`update events.consumers set next_attempt_at = null where name = ?`, [consumer]);
      }
      await this.notifyOnCommit(em);
      return rows.length;
    });
  }

  /** Erases an account's events (GDPR): its rows of the outbox and of the dead letters, in the caller's transaction. */
  async eraseAccount(em: EntityManager, accountId: string): Promise<void> {
    await em.execute(`delete from events.outbox where account_id = ?`, [accountId]);
    await em.execute(`delete from events.dead_letters where account_id = ?`, [accountId]);
  }

  private async notifyOnCommit(em: EntityManager): Promise<void> {
    // PostgreSQL sends the notification to every process only on commit; embedded PGlite has just this process.
    if (this.databaseUrl) await em.execute(`select pg_notify('${CHANNEL}', '')`);
    this.db.onCommit(em, () => this.wake());
  }

  private kick(name: string, delayMs = 0): void {
    const runner = this.runners.get(name);
    if (!runner || this.stopped || !this.started) return;
    if (delayMs > 0) {
      clearTimeout(runner.timer);
      runner.timer = setTimeout(() => this.kick(name), delayMs);
      runner.timer.unref();
      return;
    }
    if (runner.draining) {
      runner.again = true;
      return;
    }
    runner.draining = runner
      .drain()
      .catch((error: unknown) => console.error(`[events] ${name}: reading the outbox failed, will retry:`, error))
      .finally(() => {
        runner.draining = undefined;
        if (runner.again) {
          runner.again = false;
          this.kick(name);
        }
      });
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.poll()
        .catch(() => this.wake())
        .finally(() => !this.stopped && this.schedule());
    }, POLL_MS);
    this.timer.unref();
  }

  /**
   * The safety net's look: one read says whether any reader has something to do (an event past the furthest-behind
   * reader's position, or a replay asked for), instead of a transaction per consumer every second while idle.
   */
  private async poll(): Promise<void> {
    const readers = [...this.runners].filter(([name]) => name !== '#live' || this.live.length > 0);
    const positions = readers.map(([, runner]) => runner.position);
    if (positions.length === 0) return;
    if (positions.some((position) => !position)) return this.wake();
    const floor = (positions as Position[]).reduce((low, position) => (before(position, low) ? position : low));
    const [row] = await this.db.em().execute<{ news: boolean; replays: boolean }[]>(
      `select exists(select 1 from events.outbox where (txid, id) > (?::xid8, ?::bigint) and txid < pg_snapshot_xmin(pg_current_snapshot())) as news,
          exists(select 1 from events.dead_letters where replay_requested_at is not null and replayed_at is null) as replays`,
      [floor.txid, floor.id],
    );
    if (row?.news || row?.replays) this.wake();
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

  private async drainLive(): Promise<void> {
    const runner = this.runners.get('#live')!;
    runner.position = this.livePosition;
    if (this.live.length === 0) return;
    for (;;) {
      const position = this.livePosition!;
      const rows = await this.db.em().execute<OutboxRow[]>(SELECT_AFTER, [position.txid, position.id]);
      for (const row of rows) {
        const event = toEvent(row);
        for (const handler of this.live) {
          try {
            handler(event);
          } catch (error) {
            console.error(`[events] a live handler failed on ${event.type} ${event.id}:`, error);
          }
        }
        this.livePosition = { txid: row.txid, id: row.id };
      }
      runner.position = this.livePosition;
      if (rows.length < BATCH) return;
    }
  }

  /** Delivers what is new to one consumer, a batch per transaction, until it is caught up or must wait to retry. */
  private async drainConsumer(consumer: Consumer, runner: Runner): Promise<void> {
    let more = true;
    while (more && !this.stopped) {
      const step = await this.db.transaction((em) => this.deliverBatch(em, consumer));
      more = step.more;
      // Waiting to retry, or delivered by another process: the next poll looks again.
      runner.position = step.reached;
      if (step.retryInMs !== undefined) this.kick(consumer.name, step.retryInMs);
    }
  }

  private async deliverBatch(em: EntityManager, consumer: Consumer): Promise<{ more: boolean; retryInMs?: number; reached?: Position }> {
    const { name } = consumer;
    await em.execute(`insert into events.consumers (name, last_txid, last_id) values (?, '0', 0) on conflict do nothing`, [name]);
    const [state] = await em.execute<{ last_txid: string; last_id: string; attempts: number; wait_ms: number | null }[]>(
      `select last_txid::text, last_id::text, attempts,
          ceil(extract(epoch from (next_attempt_at - now())) * 1000)::int as wait_ms
        from events.consumers where name = ? for update skip locked`,
      [name],
    );
    if (!state) return { more: false }; // another process is delivering to this consumer
    if (state.wait_ms !== null && state.wait_ms > 0) return { more: false, retryInMs: state.wait_ms };
    const start = { txid: state.last_txid, id: state.last_id };
    await this.deliverReplays(em, consumer);

    const rows = await em.execute<OutboxRow[]>(SELECT_AFTER, [state.last_txid, state.last_id]);
    let position: OutboxRow | undefined;
    let attempts = state.attempts; // counts the failures of the first event not delivered yet
    for (const row of rows) {
      const delivery = await this.deliver(em, consumer, toEvent(row));
      if (delivery.ok) {
        position = row;
        attempts = 0;
        continue;
      }
      attempts += 1;
      if (delivery.permanent || attempts >= this.options.maxAttempts) {
        await em.execute(
          `insert into events.dead_letters (consumer, event_id, type, version, account_id, payload, occurred_at, error, attempts)
            values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) on conflict (consumer, event_id) do nothing`,
          [name, row.id, row.type, row.version, row.account_id, JSON.stringify(row.payload), row.occurred_at, delivery.error, attempts],
        );
        console.error(`[events] ${name} gave up on ${row.type} ${row.id} after ${attempts} attempt(s): ${delivery.error}`);
        position = row;
        attempts = 0;
        continue;
      }
      const retryInMs = Math.min(this.options.backoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
      await this.savePosition(em, name, position, { attempts, retryInMs, error: delivery.error });
      return { more: false, retryInMs };
    }
    // Nothing new and nothing to clear: no write.
    if (position || state.attempts !== 0) await this.savePosition(em, name, position, { attempts: 0 });
    return { more: rows.length === BATCH, reached: position ? { txid: position.txid, id: position.id } : start };
  }

  private async savePosition(
    em: EntityManager,
    name: string,
    position: OutboxRow | undefined,
    retry: { attempts: number; retryInMs?: number; error?: string },
  ): Promise<void> {
    await em.execute(
      `update events.consumers set
          last_txid = coalesce(?::xid8, last_txid), last_id = coalesce(?::bigint, last_id), attempts = ?,
          next_attempt_at = case when ?::int is null then null else now() + ?::int * interval '1 millisecond' end,
          last_error = ?
        where name = ?`,
      [
        position?.txid ?? null,
        position?.id ?? null,
        retry.attempts,
        retry.retryInMs ?? null,
        retry.retryInMs ?? null,
        retry.error ?? null,
        name,
      ],
    );
  }

  /** Dead letters an operator asked to replay: delivered once more, marked replayed on success. */
  private async deliverReplays(em: EntityManager, consumer: Consumer): Promise<void> {
    const rows = await em.execute<Array<OutboxRow & { dead_letter_id: string; event_id: string }>>(
      `select id::text as dead_letter_id, event_id::text, type, version, account_id, payload, occurred_at
        from events.dead_letters where consumer = ? and replay_requested_at is not null and replayed_at is null
        order by event_id limit ${BATCH}`,
      [consumer.name],
    );
    for (const row of rows) {
      const delivery = await this.deliver(em, consumer, toEvent({ ...row, id: row.event_id, txid: '0' }));
      await em.execute(
        delivery.ok
          ? `update events.dead_letters set replayed_at = now(), replay_requested_at = null where id = ?`
          : `update events.dead_letters set replay_requested_at = null, attempts = attempts + 1, error = ? where id = ?`,
        delivery.ok ? [row.dead_letter_id] : [delivery.error, row.dead_letter_id],
      );
    }
  }

  /** One event to one consumer, in a savepoint: a handler that throws leaves nothing of its work behind. */
  private async deliver(em: EntityManager, consumer: Consumer, event: DomainEvent): Promise<Delivery> {
    const registered = consumer.handlers.get(event.type);
    if (!registered) return { ok: true };
    const checked = registered.contract.payload.safeParse(event.payload);
    if (!checked.success || event.version !== registered.contract.version) {
      this.failures?.inc({ consumer: consumer.name });
      const why = checked.success
        ? `version ${event.version}, the consumer reads version ${registered.contract.version}`
        : checked.error.message;
      return {
        ok: false,
        permanent: true,
        error: `The payload does not match the ${event.type} contract: ${why}`.slice(0, MAX_ERROR_CHARS),
      };
    }
    try {
      await this.db.savepoint(em, async (inner) => {
        if (consumer.idempotent) {
          const fresh = await inner.execute<unknown[]>(
            `insert into events.processed (consumer, event_id) values (?, ?) on conflict do nothing returning 1`,
            [consumer.name, event.id],
          );
          if (fresh.length === 0) return; // delivered before: its effect happened then
        }
        await registered.handler({ ...event, payload: checked.data }, inner);
      });
      this.deliveries?.inc({ consumer: consumer.name });
      return { ok: true };
    } catch (error) {
      this.failures?.inc({ consumer: consumer.name });
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { ok: false, permanent: false, error: message.slice(0, MAX_ERROR_CHARS) };
    }
  }

  private async lag(): Promise<Array<[string, number]>> {
    const names = [...this.consumers.keys()];
    if (names.length === 0) return [];
    const rows = await this.db.em().execute<{ name: string; lag: string }[]>(
      `select c.name, (select count(*) from events.outbox o where (o.txid, o.id) > (c.last_txid, c.last_id)) as lag
        from events.consumers c where c.name in (${names.map(() => '?').join(', ')})`,
      names,
    );
    const found = new Map(rows.map((row) => [row.name, Number(row.lag)]));
    return names.map((name) => [name, found.get(name) ?? 0]);
  }

  private async deadLetterCounts(): Promise<Array<[string, number]>> {
    const names = [...this.consumers.keys()];
    if (names.length === 0) return [];
    const rows = await this.db.em().execute<{ consumer: string; count: string }[]>(
      `select consumer, count(*) from events.dead_letters
        where replayed_at is null and consumer in (${names.map(() => '?').join(', ')}) group by consumer`,
      names,
    );
    const found = new Map(rows.map((row) => [row.consumer, Number(row.count)]));
    return names.map((name) => [name, found.get(name) ?? 0]);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

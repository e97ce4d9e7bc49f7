import { Registry } from 'prom-client';
import { afterEach, expect, it } from 'vitest';
import { z } from 'zod';
import { openDatabase, type Database } from '../../kernel/database.js';
import { defineEvent, type DomainEvent } from '../../kernel/event-contract.js';
import { EventBus, eventsSchema, type EventBusOptions } from '../../kernel/events.js';
import { testConfig } from '../support/platform.js';

const open: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.stop();
});

/** A contract of its own per test, so events of other tests never reach its consumers. */
let contracts = 0;
const numbered = () =>
  defineEvent({ type: `test.numbered.${++contracts}.${Date.now()}`, payload: z.object({ n: z.number().int() }), public: null });

async function database(): Promise<{ db: Database; databaseUrl: string | undefined }> {
  const config = await testConfig();
  const db = await openDatabase(config, [eventsSchema]);
  open.push({ stop: () => db.close() });
  return { db, databaseUrl: config.databaseUrl };
}

function bus(db: Database, databaseUrl: string | undefined, options: EventBusOptions = {}) {
  const events = new EventBus(db, databaseUrl, { backoffMs: 20, maxBackoffMs: 100, ...options });
  open.push(events);
  return events;
}

const publish = (db: Database, events: EventBus, contract: ReturnType<typeof numbered>, n: number) =>
  db.transaction((em) => events.publish(em, contract, 'acct', { n }));

it('never delivers an event whose transaction rolled back, and delivers committed ones in order', async () => {
  const { db, databaseUrl } = await database();
  const events = bus(db, databaseUrl);
  const Numbered = numbered();
  const seen: DomainEvent[] = [];
  events.onLive((event) => event.type === Numbered.type && seen.push(event));
  await events.start();

  await publish(db, events, Numbered, 1);
  await expect(
    db.transaction(async (em) => {
      await events.publish(em, Numbered, 'acct', { n: 2 });
      throw new Error('change failed');
    }),
  ).rejects.toThrow('change failed');
  await publish(db, events, Numbered, 3);
  await events.settle();
  await expect.poll(() => seen.map((event) => (event.payload as { n: number }).n)).toEqual([1, 3]);
});

it('refuses to publish a payload its contract does not allow, and nothing of the change is kept', async () => {
  const { db, databaseUrl } = await database();
  const events = bus(db, databaseUrl);
  const Numbered = numbered();
  await expect(db.transaction((em) => events.publish(em, Numbered, 'acct', { n: 'one' } as never))).rejects.toThrow(/Invalid .* payload/);
  const [row] = await db.em().execute<{ count: string }[]>(`select count(*) from events.outbox where type = ?`, [Numbered.type]);
  expect(Number(row!.count)).toBe(0);
});

it('delivers to a durable consumer at least once, also events published while it was stopped', async () => {
  const { db, databaseUrl } = await database();
  const Numbered = numbered();
  const name = `durable-${contracts}`;
  const received: number[] = [];
  const subscribe = (events: EventBus) => events.consumer(name).on(Numbered, async (event) => void received.push(event.payload.n));

  const first = bus(db, databaseUrl);
  subscribe(first);
  await first.start();
  await publish(db, first, Numbered, 1);
  await expect.poll(() => received).toEqual([1]);
  await first.stop();

  // Published while no process consumes: the next one to start picks it up.
  await publish(db, bus(db, databaseUrl), Numbered, 2);
  const second = bus(db, databaseUrl);
  subscribe(second);
  await second.start();
  await expect.poll(() => received).toEqual([1, 2]);
});

it('retries a failing handler with backoff; nothing it wrote before throwing is kept', async () => {
  const { db, databaseUrl } = await database();
  await db.em().execute(`create table if not exists events.test_effects (consumer text, n int)`);
  const Numbered = numbered();
  const name = `retry-${contracts}`;
  let attempts = 0;
  const events = bus(db, databaseUrl);
  events.consumer(name).on(Numbered, async (event, em) => {
    await em.execute(`insert into events.test_effects values (?, ?)`, [name, event.payload.n]);
    attempts += 1;
    if (attempts < 3) throw new Error('webhook endpoint down');
  });
  await events.start();
  await publish(db, events, Numbered, 7);
  await expect.poll(() => attempts, { timeout: 5000 }).toBe(3);
  await events.settle();
  const rows = await db.em().execute<{ n: number }[]>(`select n from events.test_effects where consumer = ?`, [name]);
  expect(rows).toEqual([{ n: 7 }]);
  expect(await events.deadLetters({ consumer: name })).toEqual([]);
});

it('keeps every other consumer going past a poisoned event, dead-letters it with its error, shows it in metrics, and replays it once fixed', async () => {
  const { db, databaseUrl } = await database();
  const Numbered = numbered();
  const poisoned = `poisoned-${contracts}`;
  const healthy = `healthy-${contracts}`;
  const metrics = new Registry();
  const events = bus(db, databaseUrl, { maxAttempts: 3, metrics });
  let fixed = false;
  const poisonedSaw: number[] = [];
  const healthySaw: number[] = [];
  // Registered first, as the catalog's consumer was before the inference one: it must hold nobody up.
  events.consumer(poisoned).on(Numbered, async (event) => {
    if (event.payload.n === 2 && !fixed) throw new Error('cannot handle two');
    poisonedSaw.push(event.payload.n);
  });
  events.consumer(healthy).on(Numbered, async (event) => void healthySaw.push(event.payload.n));
  await events.start();

  for (const n of [1, 2, 3]) await publish(db, events, Numbered, n);
  await expect.poll(() => healthySaw).toEqual([1, 2, 3]);
  // The poisoned consumer gives up on 2 after three attempts and goes on to 3.
  await expect.poll(() => poisonedSaw, { timeout: 5000 }).toEqual([1, 3]);
  const [dead] = await events.deadLetters({ consumer: poisoned });
  expect(dead).toMatchObject({ consumer: poisoned, type: Numbered.type, attempts: 3, replayedAt: null });
  expect(dead!.error).toContain('cannot handle two');

  const text = await metrics.metrics();
  expect(text).toContain(`events_dead_letters{consumer="${poisoned}"} 1`);
  expect(text).toContain(`events_dead_letters{consumer="${healthy}"} 0`);
  expect(text).toContain(`events_consumer_lag{consumer="${healthy}"} 0`);
  expect(text).toMatch(new RegExp(`events_failures_total\\{consumer="${poisoned}"\\} 3`));
  expect(text).toMatch(new RegExp(`events_deliveries_total\\{consumer="${healthy}"\\} 3`));

  fixed = true;
  expect(await events.replay({ ids: [dead!.id] })).toBe(1);
  await expect.poll(() => poisonedSaw).toEqual([1, 3, 2]);
  await events.settle();
  expect(await events.deadLetters({ consumer: poisoned, pending: true })).toEqual([]);
  expect((await events.deadLetters({ consumer: poisoned }))[0]!.replayedAt).toBeInstanceOf(Date);
  expect(await metrics.metrics()).toContain(`events_dead_letters{consumer="${poisoned}"} 0`);
});

it('dead-letters at once an event whose payload its consumer cannot read (another version), without retrying', async () => {
  const { db, databaseUrl } = await database();
  const Numbered = numbered();
  const Newer = { ...Numbered, version: 2 };
  const name = `versioned-${contracts}`;
  let calls = 0;
  const events = bus(db, databaseUrl);
  events.consumer(name).on(Newer, async () => void calls++);
  await events.start();
  await publish(db, events, Numbered, 1);
  await expect.poll(async () => (await events.deadLetters({ consumer: name })).length).toBe(1);
  const [dead] = await events.deadLetters({ consumer: name });
  expect(dead).toMatchObject({ attempts: 1 });
  expect(dead!.error).toContain('version 1');
  expect(calls).toBe(0);
});

it('makes an idempotent consumer act once on an event delivered twice', async () => {
  const { db, databaseUrl } = await database();
  const Numbered = numbered();
  const name = `idempotent-${contracts}`;
  const effects: number[] = [];
  const events = bus(db, databaseUrl);
  events.consumer(name, { idempotent: true }).on(Numbered, async (event) => void effects.push(event.payload.n));
  await events.start();
  await publish(db, events, Numbered, 5);
  await expect.poll(() => effects).toEqual([5]);
  await events.settle();

  // Delivered again, as after a crash before the consumer's position was saved.
  await db.em().execute(`update events.consumers set last_txid = '0', last_id = 0 where name = ?`, [name]);
  events.wake();
  await events.settle();
  await publish(db, events, Numbered, 6);
  await expect.poll(() => effects).toEqual([5, 6]);
});

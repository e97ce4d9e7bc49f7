import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../kernel/database.js';
import { EventBus, eventsSchema, type DomainEvent } from '../../kernel/events.js';
import { testConfig } from '../support/platform.js';

const open: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()!.stop();
});

async function bus(db: Database, databaseUrl: string | undefined) {
  const events = new EventBus(db, databaseUrl);
  open.push(events);
  return events;
}

const publish = (db: Database, events: EventBus, type: string, n: number) =>
  db.transaction((em) => events.publish(em, type, 'acct', { n }));

it('never delivers an event whose transaction rolled back, and delivers committed ones in order', async () => {
  const config = await testConfig();
  const db = await openDatabase(config, [eventsSchema]);
  open.push({ stop: () => db.close() });
  const events = await bus(db, config.databaseUrl);
  const type = `test.rollback.${Date.now()}`;
  const seen: DomainEvent[] = [];
  events.onLive((event) => event.type === type && seen.push(event));
  await events.start();

  await publish(db, events, type, 1);
  await expect(
    db.transaction(async (em) => {
      await events.publish(em, type, 'acct', { n: 2 });
      throw new Error('change failed');
    }),
  ).rejects.toThrow('change failed');
  await publish(db, events, type, 3);
  await events.settle();
  await expect.poll(() => seen.map((event) => event.payload.n)).toEqual([1, 3]);
});

it('delivers to a durable consumer at least once, also events published while it was stopped', async () => {
  const config = await testConfig();
  const db = await openDatabase(config, [eventsSchema]);
  open.push({ stop: () => db.close() });
  const type = `test.durable.${Date.now()}`;
  const consumer = `test-consumer-${Date.now()}`;
  const received: number[] = [];
  const handler = async (event: DomainEvent) => void (event.type === type && received.push(event.payload.n as number));

  const first = await bus(db, config.databaseUrl);
  first.consume(consumer, handler);
  await first.start();
  await publish(db, first, type, 1);
  await expect.poll(() => received).toEqual([1]);
  await first.stop();

  // Published while no process consumes: the next one to start picks it up.
  const publisher = await bus(db, config.databaseUrl);
  await publish(db, publisher, type, 2);

  const second = await bus(db, config.databaseUrl);
  second.consume(consumer, handler);
  await second.start();
  await expect.poll(() => received).toEqual([1, 2]);
});

it('does not advance a consumer whose handler failed: the event comes again', async () => {
  const config = await testConfig();
  const db = await openDatabase(config, [eventsSchema]);
  open.push({ stop: () => db.close() });
  const type = `test.retry.${Date.now()}`;
  let attempts = 0;
  const events = await bus(db, config.databaseUrl);
  events.consume(`retry-${Date.now()}`, async (event) => {
    if (event.type !== type) return;
    attempts += 1;
    if (attempts === 1) throw new Error('webhook endpoint down');
  });
  await events.start();
  await publish(db, events, type, 1);
  await expect.poll(() => attempts, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
});

import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runChild } from '../../kernel/child-process.js';
import { openDatabase, type Database, type SchemaOwner } from '../../kernel/database.js';
import { JOB_COLUMNS_SQL, JobQueue, startJobWorker, type QueuedJob } from '../../kernel/job-queue.js';
import { testConfig } from '../support/platform.js';

/** A table of the test's own with the kernel's job columns, as a subgraph's migration creates them. */
const jobsSchema: SchemaOwner = {
  schema: 'jobtest',
  entities: [],
  migrations: [
    {
      name: '001-jobs',
      statements: [
        `create table jobtest.jobs (id text primary key, account_id text not null, created_at timestamptz not null,
          payload text not null, ${JOB_COLUMNS_SQL})`,
      ],
    },
  ],
};

interface TestJob extends QueuedJob {
  payload: string;
}

let db: Database;
let dataDir: string;
const happened: string[] = [];

beforeAll(async () => {
  const config = await testConfig();
  dataDir = config.dataDir;
  db = await openDatabase(config, [jobsSchema]);
});
afterAll(async () => {
  await db?.close();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  happened.length = 0;
  await db.em().execute(`delete from jobtest.jobs`);
});

function queue(leaseMs: number): JobQueue<TestJob> {
  return new JobQueue<TestJob>(db, {
    table: 'jobtest.jobs',
    columns: 'payload',
    leaseMs,
    hooks: {
      started: async (_em, job) => void happened.push(`started ${job.id} attempt ${job.attempts}`),
      requeued: async (_em, job, reason) => void happened.push(`requeued ${job.id}: ${reason}`),
      failed: async (_em, job, reason) => void happened.push(`failed ${job.id}: ${reason}`),
    },
  });
}

async function enqueue(id: string, payload = ''): Promise<void> {
  await db.em().execute(
    `insert into jobtest.jobs (id, account_id, created_at, payload, status, attempts, progress, worker_seconds, updated_at)
      values (?, 'account', now(), ?, 'queued', 0, 0, 0, now())`,
    [id, payload],
  );
}

const row = async (id: string) =>
  (
    await db
      .em()
      .execute<Array<{ status: string; attempts: number; error: string | null; worker_id: string | null }>>(
        `select status, attempts, error, worker_id from jobtest.jobs where id = ?`,
        [id],
      )
  )[0]!;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('claims each job once, oldest first; a worker whose lease ran out is refused, the job retried once, then failed', async () => {
  const jobs = queue(150);
  await enqueue('job_a');
  await enqueue('job_b');
  const first = await jobs.claim('worker-1');
  const second = await jobs.claim('worker-2');
  expect([first?.id, second?.id]).toEqual(['job_a', 'job_b']);
  expect(await jobs.claim('worker-3')).toBeUndefined();
  expect(await jobs.heartbeat(first!, 'worker-1', 0.1)).toBe(true);
  expect(await jobs.heartbeat(first!, 'worker-2', 0.1)).toBe(false); // not worker-2's

  // worker-1 dies: no more heartbeats. Its lease runs out and the job is queued again (its second attempt).
  await sleep(200);
  await jobs.complete(second!, 'worker-2', 0.2, async () => undefined);
  expect(await jobs.reapExpired()).toBe(1);
  expect(await row('job_a')).toMatchObject({ status: 'queued', attempts: 1, worker_id: null });
  expect(await jobs.heartbeat(first!, 'worker-1', 0.3)).toBe(false); // a late write of the dead worker is refused
  expect(await jobs.complete(first!, 'worker-1', 0.3, async () => void happened.push('completed by the dead worker'))).toBe(false);

  const retried = await jobs.claim('worker-3');
  expect(retried).toMatchObject({ id: 'job_a', attempts: 2, priorWorkerSeconds: 0.1 });
  await sleep(200);
  expect(await jobs.reapExpired()).toBe(1);
  expect(await row('job_a')).toMatchObject({ status: 'failed', attempts: 2, error: 'Its worker stopped responding 2 times' });
  expect(await row('job_b')).toMatchObject({ status: 'completed' });
  expect(happened).toEqual([
    'started job_a attempt 1',
    'started job_b attempt 1',
    'requeued job_a: its worker stopped responding',
    'started job_a attempt 2',
    'failed job_a: Its worker stopped responding 2 times',
  ]);
});

it('stops the work of a cancelled job: the heartbeat finds it cancelled and the process it runs is killed', async () => {
  await enqueue('job_c', 'sleep');
  let pid: number | undefined;
  let ended: (() => void) | undefined;
  const ran = new Promise<void>((resolve) => (ended = resolve));
  const worker = startJobWorker({
    name: 'test-worker',
    queue: queue(5000),
    heartbeatMs: 50,
    reapMs: 1000,
    pollMs: 20,
    async run(_job, control) {
      const child = runChild('sleep', ['30'], { cwd: dataDir, signal: control.signal });
      pid = child.pid;
      await child.exited;
      ended!();
      return { failure: 'interrupted' };
    },
  });
  try {
    await expect.poll(() => pid, { timeout: 5000 }).toBeDefined();
    await db.em().execute(`update jobtest.jobs set status = 'cancelled' where id = 'job_c'`);
    await ran;
    expect(() => process.kill(pid!, 0)).toThrow(); // gone
    expect(await row('job_c')).toMatchObject({ status: 'cancelled' }); // the worker did not record a failure over it
  } finally {
    await worker.stop();
  }
});

it('a worker stopping hands its job back without spending an attempt; another worker completes it', async () => {
  await enqueue('job_d');
  let started = 0;
  const blocking = startJobWorker({
    name: 'test-worker',
    queue: queue(5000),
    heartbeatMs: 50,
    reapMs: 1000,
    pollMs: 20,
    run: (_job, control) =>
      new Promise((resolve) => {
        started++;
        control.signal.addEventListener('abort', () => resolve({ failure: 'interrupted' }));
      }),
  });
  await expect.poll(() => started, { timeout: 5000 }).toBe(1);
  await blocking.stop();
  expect(await row('job_d')).toMatchObject({ status: 'queued', attempts: 0, worker_id: null });

  const finishing = startJobWorker({
    name: 'test-worker',
    queue: queue(5000),
    heartbeatMs: 50,
    reapMs: 1000,
    pollMs: 20,
    run: async (job) => ({
      complete: async (em) => void (await em.execute(`update jobtest.jobs set payload = 'done' where id = ?`, [job.id])),
    }),
  });
  try {
    await expect.poll(async () => (await row('job_d')).status, { timeout: 5000 }).toBe('completed');
    expect(await row('job_d')).toMatchObject({ attempts: 1 });
    const rows = await db.em().execute<Array<{ payload: string }>>(`select payload from jobtest.jobs where id = 'job_d'`);
    expect(rows).toEqual([{ payload: 'done' }]);
  } finally {
    await finishing.stop();
  }
});

import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { EntitySchema } from '@mikro-orm/core';
import { MikroORM as PgliteORM } from '@mikro-orm/pglite';
import { MikroORM as PostgresORM, type SqlEntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config.js';

export type EntityManager = SqlEntityManager;

/** One migration of one subgraph's schema: SQL statements applied once, in list order. */
export interface Migration {
  name: string;
  statements: string[];
}

/** The tables a subgraph owns: its PostgreSQL schema, entities and migrations. */
export interface SchemaOwner {
  schema: string;
  entities: EntitySchema<any, any>[];
  migrations: Migration[];
}

export interface Database {
  readonly kind: 'pglite' | 'postgresql';
  readonly orm: PgliteORM | PostgresORM;
  /** A fresh unit of work, isolated from every other request. */
  em(): EntityManager;
  /** Runs `work` in one transaction. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in a savepoint of the transaction `em` belongs to: if it throws, its writes (and its commit hooks) are
   * undone and the transaction goes on.
   */
  savepoint<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>): Promise<T>;
  /** Runs `hook` once the transaction `em` belongs to has committed (never if it rolls back). */
  onCommit(em: EntityManager, hook: () => void): void;
  close(): Promise<void>;
}

/**
 * Runs tasks one after another. A task that asks for another while it runs (a transaction opened inside a
 * transaction: never right on one connection) fails at once instead of waiting for itself forever.
 */
function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  // Work started inside a task but running after it (a timer, a callback) inherits the store: it only counts while
  // the task is still under way.
  const holding = new AsyncLocalStorage<{ active: boolean }>();
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    if (holding.getStore()?.active) {
      return Promise.reject(new Error('A transaction was opened inside another one (use its EntityManager, or db.savepoint)'));
    }
    const result = tail.then(() => {
      const state = { active: true };
      return holding.run(state, task).finally(() => (state.active = false));
    });
    tail = result.catch(() => undefined);
    return result;
  };
}

/** A process may own only the events schema (a bare worker): no entities is fine. */
const discovery = { warnWhenNoEntities: false };

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, owners: SchemaOwner[]): Promise<Database> {
  const entities = owners.flatMap((owner) => owner.entities);
  const orm = config.databaseUrl
    ? await PostgresORM.init({ entities, clientUrl: config.databaseUrl, pool: { min: 0, max: 10 }, discovery })
    : await openPglite(config.dataDir, entities);
  const commitHooks = new WeakMap<EntityManager, Array<() => void>>();
  // PGlite is one connection, and the query builder's PGlite driver keeps one transaction's state on it: two
  // transactions begun at once overwrite each other's commit (seen as WASM aborts). One at a time, then.
  const exclusive = config.databaseUrl ? undefined : oneAtATime();
  const db: Database = {
    kind: config.databaseUrl ? 'postgresql' : 'pglite',
    orm,
    em: () => orm.em.fork() as unknown as EntityManager,
    async transaction(work) {
      let hooks: Array<() => void> = [];
      const transact = () =>
        (orm.em.fork() as unknown as EntityManager).transactional((em) => {
          hooks = [];
          commitHooks.set(em, hooks);
          return work(em);
        });
      const result = await (exclusive ? exclusive(transact) : transact());
      // After the commit and outside the exclusive section: hooks may open transactions of their own.
      for (const hook of hooks) hook();
      return result;
    },
    async savepoint(em, work) {
      const parent = commitHooks.get(em);
      if (!parent) throw new Error('savepoint needs an EntityManager from db.transaction()');
      const hooks: Array<() => void> = [];
      const result = await em.transactional((inner) => {
        hooks.length = 0;
        commitHooks.set(inner as unknown as EntityManager, hooks);
        return work(inner as unknown as EntityManager);
      });
      parent.push(...hooks);
      return result;
    },
    onCommit(em, hook) {
      const hooks = commitHooks.get(em);
      if (!hooks) throw new Error('onCommit needs an EntityManager from db.transaction()');
      hooks.push(hook);
    },
    close: () => orm.close(),
  };
  for (const owner of owners) await migrate(db, owner);
  return db;
}

function openPglite(dataDir: string, entities: EntitySchema<any, any>[]) {
  const dbDir = path.join(dataDir, 'pglite');
  mkdirSync(dbDir, { recursive: true });
  return PgliteORM.init({ entities, dbName: dbDir, discovery });
}

/**
 * Applies a subgraph's pending migrations in one transaction under an advisory lock, so processes starting together
 * (split layout, parallel tests) never apply the same migration twice.
 */
async function migrate(db: Database, owner: SchemaOwner): Promise<void> {
  await db.transaction(async (em) => {
    await em.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`migrations:${owner.schema}`]);
    await em.execute(`create schema if not exists "${owner.schema}"`);
    await em.execute(
      `create table if not exists "${owner.schema}".schema_migrations (name text primary key, applied_at timestamptz not null default now())`,
    );
    const applied = new Set(
      (await em.execute<{ name: string }[]>(`select name from "${owner.schema}".schema_migrations`)).map((row) => row.name),
    );
    for (const migration of owner.migrations) {
      if (applied.has(migration.name)) continue;
      for (const statement of migration.statements) await em.execute(statement);
      await em.execute(`insert into "${owner.schema}".schema_migrations (name) values (?)`, [migration.name]);
    }
  });
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { runCli } from '../../cli/main.js';
import { loadConfig, type Config } from '../../kernel/config.js';
import { startAllInOne, type LaunchOptions, type RunningPlatform } from '../../platform/launch.js';

export interface TestPlatform {
  url: string;
  config: Config;
  platform: RunningPlatform;
  stop(): Promise<void>;
}

let databases = 0;

/**
 * On PostgreSQL each test platform is an install of its own: a database of its own (durable consumers and queues
 * of one test never pick up another test's events or jobs). The global setup drops them all after the run.
 */
async function freshDatabase(runDatabaseUrl: string): Promise<string> {
  const url = new URL(runDatabaseUrl);
  const name = `${url.pathname.slice(1)}_${process.pid}_${++databases}`;
  const client = new pg.Client({ connectionString: runDatabaseUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/** Test configuration: a fresh data dir, any free port, and a fresh database (PGlite, or PostgreSQL when asked). */
export async function testConfig(env: Record<string, string> = {}): Promise<Config> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vp-test-'));
  const runDatabase = inject('databaseUrl');
  const databaseUrl = runDatabase ? await freshDatabase(runDatabase) : undefined;
  return loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    GATEWAY_SECRET: databaseUrl ? 'test-gateway-secret' : '',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...env,
  });
}

/** The whole platform in this process, as `npm start` runs it. */
export async function startTestPlatform(env: Record<string, string> = {}, options: LaunchOptions = {}): Promise<TestPlatform> {
  const config = await testConfig(env);
  const platform = await startAllInOne(config, options);
  return {
    url: platform.url,
    config,
    platform,
    async stop() {
      await platform.stop();
      await rm(config.dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestAccount {
  userId: string;
  /** From the email unless chosen (`createAccount(target, plan, username)`). */
  username: string;
  keyId: string;
  apiKey: string;
}

let accounts = 0;

/** A new account with a key holding every scope, made with the operator CLI against the running platform. */
export async function createAccount(
  target: TestPlatform,
  plan: 'free' | 'pro' | 'enterprise' = 'pro',
  username?: string,
): Promise<TestAccount> {
  const port = new URL(target.url).port;
  const email = `user${++accounts}-${Date.now()}-${process.pid}@example.test`;
  const args = ['users', 'create', '--email', email, '--plan', plan, ...(username ? [`--username=${username}`] : [])];
  // The platform is known to run: no discovery (a health check slow under load must never start a second instance).
  return (await runCli(args, { ...target.config, port: Number(port) }, { url: target.url })) as TestAccount;
}

/** fetch with an API key, JSON in and out. */
export async function api(
  target: { url: string },
  key: string | undefined,
  method: string,
  route: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(`${target.url}${route}`, {
    method,
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** A GraphQL operation over HTTP through the gateway, typed by codegen. */
export async function graphql<R, V>(
  target: { url: string },
  key: string | undefined,
  document: import('@graphql-typed-document-node/core').TypedDocumentNode<R, V>,
  variables?: V,
): Promise<{
  status: number;
  data: R | null | undefined;
  errors: Array<{ message: string; extensions?: Record<string, any> }> | undefined;
}> {
  const { print } = await import('graphql');
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query: print(document), variables }),
  });
  const body = (await response.json()) as { data?: R | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
  return { status: response.status, data: body.data, errors: body.errors };
}

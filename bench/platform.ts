import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../cli/main.js';
import { randomBase62 } from '../kernel/ids.js';
import { loadConfig, type Config } from '../kernel/config.js';
import { startAllInOne, type RunningPlatform } from '../platform/launch.js';
import { freePort, spawnBin } from '../test/support/processes.js';

export interface BenchPlatform {
  platform: RunningPlatform;
  config: Config;
  user: { userId: string; keyId: string; apiKey: string };
  stop(): Promise<void>;
}

/** `npm start` in this process on a fresh data dir, with an enterprise account whose limits never bind. */
export async function startBenchPlatform(name: string): Promise<BenchPlatform> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `vp-bench-${name}-`));
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    DATA_DIR: dataDir,
    ENTERPRISE_RATE_LIMIT_PER_MINUTE: '100000000',
    ENTERPRISE_RATE_LIMIT_PER_DAY: '100000000',
  });
  const platform = await startAllInOne(config);
  const user = (await runCli(['users', 'create', '--email', `bench-${name}@example.test`, '--plan', 'enterprise'], {
    ...config,
    port: Number(new URL(platform.url).port),
  })) as BenchPlatform['user'];
  return {
    platform,
    config,
    user,
    async stop() {
      await platform.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BenchServer {
  url: string;
  apiKey: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * `npm start` as a process of its own, as users run it: its figures do not include the load generator's work,
 * which then runs on the other core like a client elsewhere would.
 */
export async function startBenchServer(name: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `vp-bench-${name}-`));
  const port = await freePort();
  const apiKey = `ul_${randomBase62(40)}`;
  const server = await spawnBin(
    'start.ts',
    [],
    {
      PORT: String(port),
      DATA_DIR: dataDir,
      BOOTSTRAP_API_KEY: apiKey,
      BOOTSTRAP_PLAN: 'enterprise',
      ENTERPRISE_RATE_LIMIT_PER_MINUTE: '100000000',
      ENTERPRISE_RATE_LIMIT_PER_DAY: '100000000',
      ...env,
    },
    /listening/,
  );
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    pid: server.child.pid!,
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

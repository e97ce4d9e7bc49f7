import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { runCli, SERVER_FILE } from '../../cli/main.js';
import { loadConfig } from '../../kernel/config.js';
import { api } from '../support/platform.js';
import { freePort, spawnBin, type Spawned } from '../support/processes.js';

/** A newcomer runs `npm start`, then the CLI without repeating the server's PORT: it must reach that server. */
let dataDir: string;
let server: Spawned;
let url: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vp-cli-'));
  const port = await freePort();
  server = await spawnBin('start.ts', [], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: '' }, /listening/);
  url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

it('finds the running server through DATA_DIR/server.json, whatever PORT the CLI is given', async () => {
  expect(JSON.parse(await readFile(path.join(dataDir, SERVER_FILE), 'utf8'))).toMatchObject({ url });
  const created = (await runCli(
    ['users', 'create', '--email', `found-${Date.now()}@example.test`],
    loadConfig({ DATA_DIR: dataDir, PORT: '1' }),
  )) as {
    apiKey: string;
  };
  // The key works on the running server: the account was made there, not in an embedded instance.
  expect((await api({ url }, created.apiKey, 'GET', '/api/api-keys')).status).toBe(200);
});

it('says on stderr when no server runs and it uses an embedded instance, and where its data is', async () => {
  const elsewhere = await mkdtemp(path.join(tmpdir(), 'vp-cli-embedded-'));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const port = await freePort();
    await runCli(['users', 'create', '--email', 'embedded@example.test'], loadConfig({ DATA_DIR: elsewhere, PORT: String(port) }));
    const said = stderr.mock.calls.map(([text]) => String(text)).join('');
    expect(said).toContain('No running server found');
    expect(said).toContain(`http://127.0.0.1:${port}`);
    expect(said).toContain(`embedded instance with its data in ${elsewhere}`);
  } finally {
    stderr.mockRestore();
    await rm(elsewhere, { recursive: true, force: true });
  }
});

it('takes its announcement away when the server stops', async () => {
  await server.stop();
  expect(existsSync(path.join(dataDir, SERVER_FILE))).toBe(false);
});

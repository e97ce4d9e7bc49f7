import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { openDatabase } from '../../kernel/database.js';
import { account } from '../../subgraphs/account/index.js';
import { MeDocument } from '../generated/graphql.js';
import { api, graphql, startTestPlatform, testConfig, type TestPlatform } from '../support/platform.js';

let platform: TestPlatform;
const OLD_STYLE_KEY = 'ul_OldStyleBase62Key0123456789abcdefABCDEF0123';

beforeAll(async () => {
  // A key of the earlier form (base62): keys issued before `ul_` + 40 hex keep working.
  platform = await startTestPlatform({ BOOTSTRAP_API_KEY: OLD_STYLE_KEY });
});
afterAll(() => platform?.stop());

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const cli = (args: string[]) => runCli(args, { ...platform.config, port: Number(new URL(platform.url).port) }) as Promise<any>;

describe('usernames', () => {
  it('takes the username chosen at creation and shows it as me { username }', async () => {
    const username = `ana-${unique()}`;
    const created = await cli(['users', 'create', '--email', `${unique()}@example.test`, '--username', username]);
    expect(created.username).toBe(username);
    const me = await graphql(platform, created.apiKey, MeDocument);
    expect(me.data?.me).toMatchObject({ id: created.userId, username });
  });

  it('defaults it from the email, numbered when taken', async () => {
    const local = `Jo.Smith+${unique()}`;
    const first = await cli(['users', 'create', '--email', `${local}@one.test`]);
    const second = await cli(['users', 'create', '--email', `${local}@two.test`]);
    const expected = local.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    expect(first.username).toBe(expected);
    expect(second.username).toBe(`${expected}-2`);
  });

  it('refuses a username that is taken, malformed or reserved, and creates nothing', async () => {
    const username = `taken-${unique()}`;
    await cli(['users', 'create', '--email', `${unique()}@example.test`, '--username', username]);
    for (const bad of [username, 'Upper', 'dash-', 'two--dashes', 'a'.repeat(40), 'settings']) {
      const email = `${unique()}@example.test`;
      await expect(cli(['users', 'create', '--email', email, `--username=${bad}`])).rejects.toThrow(/VALIDATION_ERROR/);
      // The email is still free: nothing was written.
      await expect(cli(['users', 'create', '--email', email])).resolves.toMatchObject({ email });
    }
  });
});

describe('API keys in the Ultralytics form', () => {
  it('issues new keys as ul_ + 40 lower-case hex, at account creation and later', async () => {
    const created = await cli(['users', 'create', '--email', `${unique()}@example.test`]);
    expect(created.apiKey).toMatch(/^ul_[0-9a-f]{40}$/);
    const more = await api(platform, created.apiKey, 'POST', '/api/api-keys', { name: 'laptop' });
    expect(more.status).toBe(201);
    expect(more.body.data.key).toMatch(/^ul_[0-9a-f]{40}$/);
    expect((await api(platform, more.body.data.key, 'GET', '/api/api-keys')).status).toBe(200);
  });

  it('still accepts a key of the earlier form', async () => {
    const me = await graphql(platform, OLD_STYLE_KEY, MeDocument);
    expect(me.data?.me.username).toMatch(/^bootstrap-/);
    expect((await api(platform, OLD_STYLE_KEY, 'GET', '/api/settings')).status).toBe(200);
  });
});

it('gives accounts made before usernames existed one each, from their email, duplicates suffixed', async () => {
  const config = await testConfig();
  const before = { ...account.database, migrations: account.database.migrations.slice(0, 1) };
  const old = await openDatabase(config, [{ ...before, entities: [] }]);
  await old.em().execute(
    `insert into account.accounts (id, email, plan, created_at) values
      ('user_1', 'sam@a.test', 'free', now()), ('user_2', 'Sam@b.test', 'free', now() + interval '1 second'),
      ('user_3', 'api@c.test', 'free', now()), ('user_4', '...@d.test', 'free', now())`,
  );
  await old.close();
  const db = await openDatabase(config, [account.database]);
  try {
    const rows = await db.em().execute<{ id: string; username: string }[]>(`select id, username from account.accounts order by id`);
    expect(rows.map((row) => row.username)).toEqual(['sam', 'sam-user2', 'api-user3', 'user']);
  } finally {
    await db.close();
  }
});

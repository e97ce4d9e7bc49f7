import type { Migration } from '../../kernel/database.js';
import { RESERVED_USERNAMES } from './services/usernames.js';

const RESERVED_SQL = [...RESERVED_USERNAMES].map((name) => `'${name}'`).join(', ');

export const migrations: Migration[] = [
  {
    name: '001-accounts-and-keys',
    statements: [
      `create table account.accounts (
        id text primary key,
        email text not null constraint accounts_email_unique unique,
        plan text not null,
        created_at timestamptz not null)`,
      `create table account.api_keys (
        id text primary key,
        account_id text not null,
        name text not null,
        secret_hash text not null constraint api_keys_secret_hash_unique unique,
        prefix text not null,
        scopes text[] not null,
        created_at timestamptz not null,
        last_used_at timestamptz null,
        revoked_at timestamptz null)`,
      `create index api_keys_account_id_index on account.api_keys (account_id)`,
    ],
  },
  {
    name: '002-i14-usernames',
    statements: [
      `alter table account.accounts add column username text null`,
      // Existing accounts get the username their email suggests (as new ones do by default), a duplicate or a reserved
      // name a suffix from its id.
      `update account.accounts a set username = case when d.n > 1 or d.base in (${RESERVED_SQL}) then d.base || '-' || lower(regexp_replace(right(a.id, 8), '[^A-Za-z0-9]', '', 'g')) else d.base end
        from (select id, base, row_number() over (partition by base order by created_at, id) as n
              from (select id, created_at,
                      coalesce(nullif(trim(both '-' from left(regexp_replace(lower(split_part(email, '@', 1)), '[^a-z0-9]+', '-', 'g'), 30)), ''), 'user') as base
                    from account.accounts) b) d
        where a.id = d.id`,
      `alter table account.accounts alter column username set not null`,
      `alter table account.accounts add constraint accounts_username_unique unique (username)`,
    ],
  },
];

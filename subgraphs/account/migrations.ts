import type { Migration } from '../../kernel/database.js';

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
];

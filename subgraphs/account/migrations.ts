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
  {
    name: '002-i11-activity',
    statements: [
      `create table account.activity (
        id text primary key,
        account_id text not null,
        event_type text not null,
        resource_type text not null,
        resource_id text not null,
        resource_name text null,
        action text not null,
        summary text not null,
        data jsonb not null,
        occurred_at timestamptz not null,
        seen_at timestamptz null,
        archived_at timestamptz null)`,
      `create index activity_feed_index on account.activity (account_id, occurred_at)`,
    ],
  },
];

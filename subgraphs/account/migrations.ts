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
  {
    name: '003-i11-webhooks',
    statements: [
      `create table account.webhook_endpoints (
        id text primary key,
        account_id text not null,
        url text not null,
        description text null,
        events text[] not null,
        sealed_secret text not null,
        active boolean not null,
        created_at timestamptz not null,
        updated_at timestamptz not null)`,
      `create index webhook_endpoints_account_id_index on account.webhook_endpoints (account_id)`,
      `create table account.webhook_deliveries (
        id text primary key,
        endpoint_id text not null,
        account_id text not null,
        event_id text not null,
        event_type text not null,
        body text not null,
        status text not null,
        attempts int not null,
        next_attempt_at timestamptz null,
        lease_until timestamptz null,
        last_status_code int null,
        last_error text null,
        created_at timestamptz not null,
        delivered_at timestamptz null,
        constraint webhook_deliveries_once unique (endpoint_id, event_id))`,
      `create index webhook_deliveries_endpoint_id_index on account.webhook_deliveries (endpoint_id)`,
      `create index webhook_deliveries_due on account.webhook_deliveries (status, next_attempt_at)`,
      `create table account.webhook_attempts (
        id text primary key,
        delivery_id text not null,
        attempt int not null,
        status_code int null,
        error text null,
        latency_ms int not null,
        at timestamptz not null)`,
      `create index webhook_attempts_delivery_id_index on account.webhook_attempts (delivery_id)`,
    ],
  },
  {
    name: '004-i11-gdpr',
    statements: [
      `create table account.gdpr_jobs (
        id text primary key,
        account_id text not null,
        action text not null,
        status text not null,
        parts jsonb not null,
        size_bytes bigint null,
        created_at timestamptz not null,
        finished_at timestamptz null)`,
      `create index gdpr_jobs_account_id_index on account.gdpr_jobs (account_id)`,
    ],
  },
  {
    name: '005-i14-usernames',
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

import type { Migration } from '../../kernel/database.js';

export const migrations: Migration[] = [
  {
    name: '001-ledger',
    statements: [
      `create table billing.accounts (
        account_id text primary key,
        email text null,
        plan text null,
        entries int not null,
        stripe_customer_id text null,
        subscription_id text null,
        subscription_status text null,
        subscription_event_at timestamptz null,
        created_at timestamptz not null)`,
      `create table billing.ledger_entries (
        id text primary key,
        account_id text not null,
        sequence int not null,
        kind text not null,
        cause_key text not null,
        cash_delta bigint not null,
        credit_delta bigint not null,
        reserved_delta bigint not null,
        description text not null,
        resource_type text null,
        resource_id text null,
        gpu_type text null,
        quantity_seconds double precision null,
        created_at timestamptz not null,
        constraint ledger_entries_cause_key_unique unique (cause_key),
        constraint ledger_entries_account_sequence_unique unique (account_id, sequence))`,
      `create index ledger_entries_account_created_index on billing.ledger_entries (account_id, created_at)`,
      `create table billing.usage_counters (
        account_id text not null,
        period text not null,
        metric text not null,
        count bigint not null,
        primary key (account_id, period, metric))`,
    ],
  },
];

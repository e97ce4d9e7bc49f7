import type { Migration } from '../../kernel/database.js';

export const migrations: Migration[] = [
  {
    name: '001-jobs-and-read-models',
    statements: [
      `create table training.models (
        model_id text primary key,
        account_id text not null,
        task text null,
        architecture text null,
        weights_key text null,
        deleted boolean not null,
        updated_at timestamptz not null)`,
      `create index models_account_id_index on training.models (account_id)`,
      `create table training.datasets (
        dataset_id text primary key,
        account_id text not null,
        task text not null,
        image_count int not null,
        class_names jsonb not null,
        deleted boolean not null,
        updated_at timestamptz not null)`,
      `create index datasets_account_id_index on training.datasets (account_id)`,
      `create table training.jobs (
        id text primary key,
        account_id text not null,
        model_id text not null,
        dataset_id text not null,
        task text not null,
        architecture text null,
        base_weights_key text null,
        epochs int not null,
        image_size int not null,
        gpu_type text not null,
        hourly_price_micro_usd bigint not null,
        status text not null,
        snapshot_key text null,
        attempts int not null,
        worker_id text null,
        lease_expires_at timestamptz null,
        epoch int not null,
        history jsonb not null,
        error text null,
        gpu_seconds double precision not null,
        cost_micro_usd bigint not null,
        created_at timestamptz not null,
        started_at timestamptz null,
        finished_at timestamptz null,
        updated_at timestamptz not null)`,
      `create index jobs_account_id_index on training.jobs (account_id)`,
      `create index jobs_model_id_index on training.jobs (model_id)`,
      `create index jobs_status_index on training.jobs (status)`,
    ],
  },
  {
    name: '002-i10-billing-and-workers',
    statements: [
      `alter table training.jobs add column estimated_cost_micro_usd bigint not null default 0, add column reserved_at timestamptz null`,
      `alter table training.jobs alter column estimated_cost_micro_usd drop default`,
      // Jobs queued before billing existed have no reservation to wait for.
      `update training.jobs set reserved_at = created_at`,
      `create table training.account_balances (
        account_id text primary key,
        available_micro_usd bigint not null,
        sequence int not null,
        updated_at timestamptz not null)`,
      `create table training.workers (
        id text primary key,
        gpu_types text[] not null,
        started_at timestamptz not null,
        last_seen_at timestamptz not null)`,
    ],
  },
  {
    name: '003-i14-reported-runs',
    statements: [
      `alter table training.jobs alter column dataset_id drop not null,
        add column source text not null default 'platform', add column device text null, add column results jsonb null`,
      `create table training.run_logs (
        job_id text not null,
        chunk_id int not null,
        content text not null,
        line_count int not null,
        created_at timestamptz not null,
        constraint run_logs_pkey primary key (job_id, chunk_id))`,
    ],
  },
];

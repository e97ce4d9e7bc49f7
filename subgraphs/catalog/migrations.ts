import { trashIndexes } from '../../kernel/trash.js';
import type { Migration } from '../../kernel/database.js';

export const migrations: Migration[] = [
  {
    name: '001-projects-models-datasets',
    statements: [
      `create table catalog.projects (
        id text primary key,
        account_id text not null,
        name text not null,
        slug text not null,
        description text null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz null)`,
      `create index projects_account_id_index on catalog.projects (account_id)`,
      `create table catalog.models (
        id text primary key,
        account_id text not null,
        project_id text not null,
        dataset_id text null,
        name text not null,
        task text null,
        architecture text null,
        class_names jsonb not null,
        facts jsonb null,
        files jsonb not null,
        status text not null,
        size_bytes bigint not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz null)`,
      `create index models_account_id_index on catalog.models (account_id)`,
      `create index models_project_id_index on catalog.models (project_id)`,
      `create table catalog.datasets (
        id text primary key,
        account_id text not null,
        name text not null,
        slug text not null,
        description text null,
        task text not null,
        class_names jsonb not null,
        kpt_shape jsonb null,
        splits jsonb not null,
        image_count int not null,
        size_bytes bigint not null,
        visibility text not null,
        created_at timestamptz not null,
        updated_at timestamptz not null,
        deleted_at timestamptz null)`,
      `create index datasets_account_id_index on catalog.datasets (account_id)`,
      `create table catalog.dataset_images (
        id text primary key,
        dataset_id text not null,
        split text not null,
        file_name text not null,
        file_key text not null,
        width int not null,
        height int not null,
        size_bytes bigint not null,
        annotations jsonb not null,
        created_at timestamptz not null,
        constraint dataset_images_file_unique unique (dataset_id, split, file_name))`,
      `create index dataset_images_dataset_id_index on catalog.dataset_images (dataset_id)`,
    ],
  },
  {
    name: '002-trash-and-slugs',
    statements: [
      `alter table catalog.projects add column trashed_with text null`,
      `alter table catalog.datasets add column trashed_with text null`,
      `alter table catalog.models add column trashed_with text null, add column slug text null`,
      // Slugs: models get one from their name; live duplicates (allowed before) get a numbered suffix.
      `update catalog.models set slug = coalesce(nullif(trim(both '-' from lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g'))), ''), 'untitled')`,
      `alter table catalog.models alter column slug set not null`,
      ...(
        [
          ['projects', 'account_id'],
          ['datasets', 'account_id'],
          ['models', 'project_id'],
        ] as const
      ).flatMap(([table, owner]) => [
        `update catalog.${table} t set slug = t.slug || '-' || d.n
          from (select id, row_number() over (partition by ${owner}, slug order by created_at, id) as n
                from catalog.${table} where deleted_at is null) d
          where t.id = d.id and d.n > 1`,
        ...trashIndexes(`catalog.${table}`, owner).map((index) => index.expression),
      ]),
    ],
  },
  {
    name: '003-i14-model-uploads',
    statements: [
      `create table catalog.model_uploads (
        id text primary key,
        account_id text not null,
        model_id text not null,
        plan text not null,
        file_name text not null,
        file_key text not null constraint model_uploads_file_key_unique unique,
        expires_at timestamptz not null,
        claimed_at timestamptz null,
        completed_at timestamptz null,
        size bigint null,
        sha256 text null,
        created_at timestamptz not null)`,
      `create index model_uploads_account_id_index on catalog.model_uploads (account_id)`,
      `create index model_uploads_model_id_index on catalog.model_uploads (model_id)`,
    ],
  },
];

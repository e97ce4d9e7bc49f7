import type { Migration } from '../../kernel/database.js';

export const migrations: Migration[] = [
  {
    name: '001-served-models',
    statements: [
      `create table inference.served_models (
        model_id text primary key,
        account_id text not null,
        file_key text null,
        task text null,
        names jsonb not null,
        image_size jsonb not null,
        updated_at timestamptz not null)`,
      `create index served_models_account_id_index on inference.served_models (account_id)`,
    ],
  },
];

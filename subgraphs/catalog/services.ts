import path from 'node:path';
import { requireAccount } from '../../kernel/auth.js';
import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { Trash } from '../../kernel/trash.js';
import { Datasets } from './services/datasets.js';
import { CatalogFiles } from './services/files.js';
import { createLoaders, type CatalogLoaders } from './services/loaders.js';
import { ModelUploads } from './services/model-uploads.js';
import { Models } from './services/models.js';
import { Projects } from './services/projects.js';
import { ReportedTraining } from './services/reported-training.js';
import { Storage } from './services/storage.js';
import { catalogTrashKinds } from './services/trash-kinds.js';

/** The catalog's services, built once per process. */
export function catalogServices(runtime: SubgraphRuntime) {
  const { db, events, clock, config } = runtime;
  const files = new CatalogFiles(runtime.files);
  const storage = new Storage(config);
  const kinds = catalogTrashKinds(events);
  const trash = new Trash(db, clock, [kinds.project, kinds.dataset, kinds.model]);
  const loaders = new WeakMap<object, CatalogLoaders>();
  const projects = new Projects(db, events, clock, trash, kinds.project);
  const models = new Models(db, events, clock, files, storage, trash, kinds.model);
  return {
    files,
    storage,
    trash,
    projects,
    models,
    reportedTraining: new ReportedTraining(db, events, projects, models),
    modelUploads: new ModelUploads(db, events, clock, files, storage),
    datasets: new Datasets(db, events, clock, config, files, storage, trash, kinds.dataset, path.join(config.dataDir, 'tmp')),
    /** The calling account's batched look-ups for one request (created on first use). */
    loaders(ctx: SubgraphContext<unknown>): CatalogLoaders {
      let found = loaders.get(ctx);
      if (!found) loaders.set(ctx, (found = createLoaders(ctx.em, requireAccount(ctx.caller).accountId)));
      return found;
    },
  };
}

export type CatalogServices = ReturnType<typeof catalogServices>;
export type CatalogContext = SubgraphContext<CatalogServices>;

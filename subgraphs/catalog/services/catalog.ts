import path from 'node:path';
import { requireAccount } from '../../../kernel/auth.js';
import type { SubgraphContext } from '../../../kernel/subgraph.js';
import { Datasets } from './datasets.js';
import { CatalogFiles } from './files.js';
import { createLoaders, type CatalogLoaders } from './loaders.js';
import { Models } from './models.js';
import { Projects } from './projects.js';

/** The catalog's services as one request sees them, with that request's loaders. */
export interface Catalog {
  files: CatalogFiles;
  projects: Projects;
  models: Models;
  datasets: Datasets;
  /** The calling account's loaders (created on first use). */
  loaders(): CatalogLoaders;
}

const perRequest = new WeakMap<SubgraphContext, Catalog>();

export function catalogOf(ctx: SubgraphContext): Catalog {
  let found = perRequest.get(ctx);
  if (!found) {
    const files = new CatalogFiles(ctx.files, ctx.secret);
    let loaders: CatalogLoaders | undefined;
    found = {
      files,
      projects: new Projects(ctx.db, ctx.events),
      models: new Models(ctx.db, ctx.events, files),
      datasets: new Datasets(ctx.db, ctx.events, files, path.join(ctx.config.dataDir, 'tmp')),
      loaders: () => (loaders ??= createLoaders(ctx.em, requireAccount(ctx.caller).accountId)),
    };
    perRequest.set(ctx, found);
  }
  return found;
}

import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { largestDatasetUpload } from '../../kernel/limits.js';
import { schedulePurge } from '../../kernel/trash.js';
import { DatasetImageSchema } from './entities/dataset-image.js';
import { DatasetSchema } from './entities/dataset.js';
import { ModelSchema } from './entities/model.js';
import { ModelUploadSchema } from './entities/model-upload.js';
import { ProjectSchema } from './entities/project.js';
import { migrations } from './migrations.js';
import { DatasetResolver } from './resolvers/dataset.resolver.js';
import { ModelResolver } from './resolvers/model.resolver.js';
import { ProjectResolver } from './resolvers/project.resolver.js';
import { StorageResolver } from './resolvers/storage.resolver.js';
import { TrashResolver } from './resolvers/trash.resolver.js';
import { DatasetType, ModelType, ProjectType } from './resolvers/types.js';
import { catalogServices, type CatalogContext, type CatalogServices } from './services.js';
import { participateInGdpr } from '../../contracts/index.js';
import { catalogAccountData } from './services/gdpr.js';
import { consumeExports } from './services/export-events.js';
import { consumePurges } from './services/purged-files.js';
import { consumeTrainingEvents } from './services/training-events.js';
import type { CatalogLoaders } from './services/loaders.js';

/** Batched through the request's loaders; another account's id (or one in the trash) resolves to null. */
function reference<Row, View>(loader: (loaders: CatalogLoaders) => { load(id: string): Promise<Row | null> }, view: (row: Row) => View) {
  return async ({ id }: { id: string }, ctx: CatalogContext): Promise<View | null> => {
    if (ctx.caller?.kind !== 'account') return null;
    const row = await loader(ctx.services.loaders(ctx)).load(id);
    return row && view(row);
  };
}

/** Projects, models and datasets, their files, storage and trash: what an account has. */
export const catalog: SubgraphDefinition<CatalogServices> = {
  name: 'catalog',
  database: { schema: 'catalog', entities: [ProjectSchema, ModelSchema, DatasetSchema, DatasetImageSchema, ModelUploadSchema], migrations },
  services: catalogServices,
  resolvers: [ProjectResolver, ModelResolver, DatasetResolver, StorageResolver, TrashResolver],
  maxUploadBytes: largestDatasetUpload,
  references: {
    Project: reference((loaders) => loaders.project, ProjectType.from),
    Model: reference((loaders) => loaders.model, ModelType.from),
    Dataset: reference((loaders) => loaders.dataset, DatasetType.from),
  },
  async start(runtime, { trash }) {
    consumeTrainingEvents(runtime);
    consumePurges(runtime);
    participateInGdpr(runtime, 'catalog', catalogAccountData);
    consumeExports(runtime);
    return schedulePurge(trash, 'catalog');
  },
};

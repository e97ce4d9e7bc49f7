import type { SubgraphContext, SubgraphDefinition } from '../../kernel/subgraph.js';
import { DatasetImageSchema } from './entities/dataset-image.js';
import { DatasetSchema } from './entities/dataset.js';
import { ModelSchema } from './entities/model.js';
import { ProjectSchema } from './entities/project.js';
import { migrations } from './migrations.js';
import { DatasetResolver } from './resolvers/dataset.resolver.js';
import { ModelResolver } from './resolvers/model.resolver.js';
import { ProjectResolver } from './resolvers/project.resolver.js';
import { StorageResolver } from './resolvers/storage.resolver.js';
import { DatasetType, ModelType, ProjectType } from './resolvers/types.js';
import { catalogOf } from './services/catalog.js';
import { MAX_DATASET_BYTES } from './services/files.js';
import { trainingConsumer } from './services/training-events.js';

/** Batched through the request's loaders; another account's id (or one in the trash) resolves to null. */
function reference<Row, View>(load: (ctx: SubgraphContext, id: string) => Promise<Row | null>, view: (row: Row) => View) {
  return async ({ id }: { id: string }, ctx: SubgraphContext): Promise<View | null> => {
    if (ctx.caller?.kind !== 'account') return null;
    const row = await load(ctx, id);
    return row && view(row);
  };
}

/** Projects, models and datasets, their files and storage: what an account has. */
export const catalog: SubgraphDefinition = {
  name: 'catalog',
  database: { schema: 'catalog', entities: [ProjectSchema, ModelSchema, DatasetSchema, DatasetImageSchema], migrations },
  resolvers: [ProjectResolver, ModelResolver, DatasetResolver, StorageResolver],
  maxUploadBytes: MAX_DATASET_BYTES,
  references: {
    Project: reference((ctx, id) => catalogOf(ctx).loaders().project.load(id), ProjectType.from),
    Model: reference((ctx, id) => catalogOf(ctx).loaders().model.load(id), ModelType.from),
    Dataset: reference((ctx, id) => catalogOf(ctx).loaders().dataset.load(id), DatasetType.from),
  },
  async start(runtime) {
    runtime.events.consume('catalog.training', trainingConsumer(runtime));
  },
};

import type { SchemaOwner } from '../../kernel/database.js';
import { AccountBalanceSchema, TrainingWorkerSchema } from './entities/billing-view.js';
import { TrainableDatasetSchema, TrainableModelSchema } from './entities/trainable.js';
import { RunLogChunkSchema } from './entities/run-log.js';
import { TrainingJobSchema } from './entities/training-job.js';
import { migrations } from './migrations.js';

/** The training schema: jobs and the read models. A bare worker opens it without the GraphQL side. */
export const trainingDatabase: SchemaOwner = {
  schema: 'training',
  entities: [
    TrainingJobSchema,
    TrainableModelSchema,
    TrainableDatasetSchema,
    AccountBalanceSchema,
    TrainingWorkerSchema,
    RunLogChunkSchema,
  ],
  migrations,
};

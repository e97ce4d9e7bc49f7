import type { SchemaOwner } from '../../kernel/database.js';
import { DeployableModelSchema } from './entities/deployable-model.js';
import { DeploymentSchema } from './entities/deployment.js';
import { ExportJobSchema } from './entities/export-job.js';
import { migrations } from './migrations.js';

/** The deployment schema: deployments, exports, the model read model, logs and metrics. A bare worker opens it too. */
export const deploymentDatabase: SchemaOwner = {
  schema: 'deployment',
  entities: [DeploymentSchema, DeployableModelSchema, ExportJobSchema],
  migrations,
};

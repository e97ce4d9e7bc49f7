import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { trainingDatabase } from './database.js';
import { TrainingResolver } from './resolvers/training.resolver.js';
import { readModelConsumer } from './services/read-models.js';

/** Training runs: validation, the job queue workers claim from, progress and cost. */
export const training: SubgraphDefinition = {
  name: 'training',
  database: trainingDatabase,
  resolvers: [TrainingResolver],
  async start(runtime) {
    runtime.events.consume('training.read-models', readModelConsumer(runtime.events));
  },
};

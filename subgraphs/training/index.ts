import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { trainingDatabase } from './database.js';
import { TrainingResolver } from './resolvers/training.resolver.js';
import { trainingServices, type TrainingServices } from './services.js';
import { participateInGdpr } from '../../contracts/index.js';
import { trainingAccountData } from './services/gdpr.js';
import { consumeBillingEvents } from './services/billing-read-model.js';
import { consumeCatalogEvents } from './services/read-models.js';

/** Training runs: validation, the job queue workers claim from, progress and cost. */
export const training: SubgraphDefinition<TrainingServices> = {
  name: 'training',
  database: trainingDatabase,
  services: trainingServices,
  resolvers: [TrainingResolver],
  async start(runtime, { jobs }) {
    consumeCatalogEvents({ events: runtime.events, files: runtime.files, clock: runtime.clock, jobs });
    participateInGdpr(runtime, 'training', trainingAccountData);
    consumeBillingEvents({ events: runtime.events, clock: runtime.clock });
  },
};

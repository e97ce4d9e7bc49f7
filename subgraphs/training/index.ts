import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { trainingDatabase } from './database.js';
import { ModelTrainingResolver, ReportedTrainingResolver } from './resolvers/reported-training.resolver.js';
import { TrainingResolver } from './resolvers/training.resolver.js';
import { TrainedModelType } from './resolvers/types.js';
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
  resolvers: [TrainingResolver, ReportedTrainingResolver, ModelTrainingResolver],
  orphanedTypes: [TrainedModelType],
  references: {
    // Training's part of a catalog model: its runs, which the field resolvers look up for the caller's account only.
    Model: (reference, ctx) => (ctx.caller?.kind === 'account' ? { id: reference.id } : null),
  },
  async start(runtime, { jobs, reportedRuns }) {
    const catalogEvents = consumeCatalogEvents({ events: runtime.events, files: runtime.files, clock: runtime.clock, jobs });
    reportedRuns.consumeWith(catalogEvents);
    participateInGdpr(runtime, 'training', trainingAccountData);
    consumeBillingEvents({ events: runtime.events, clock: runtime.clock });
    const stopSweep = reportedRuns.scheduleSweep();
    return async () => stopSweep();
  },
};

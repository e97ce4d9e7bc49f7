import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { AccountSchema } from './entities/account.js';
import { ApiKeySchema } from './entities/api-key.js';
import { migrations } from './migrations.js';
import { AccountResolver } from './resolvers/account.resolver.js';
import { ApiKeyResolver } from './resolvers/api-key.resolver.js';
import { OperatorEventsResolver } from './resolvers/operator-events.resolver.js';
import { accountServices, type AccountServices } from './services.js';
import { consumeSubscriptionChanges } from './services/plan-changes.js';

/** Accounts, plans and API keys: who may call the platform; and the operator's view of the event backbone. */
export const account: SubgraphDefinition<AccountServices> = {
  name: 'account',
  database: { schema: 'account', entities: [AccountSchema, ApiKeySchema], migrations },
  services: accountServices,
  resolvers: [AccountResolver, ApiKeyResolver, OperatorEventsResolver],
  references: {
    // Another account's id resolves to null, so `_entities` never leaks it.
    Account: async (reference, ctx) =>
      ctx.caller?.kind === 'account' && ctx.caller.accountId === reference.id ? ctx.services.accounts.get(ctx.em, reference.id) : null,
  },
  async start({ config, events }, { onboarding }) {
    consumeSubscriptionChanges(events);
    if (config.bootstrapApiKey) await onboarding.bootstrap(config.bootstrapApiKey, config.bootstrapPlan);
  },
};

import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { AccountSchema } from './entities/account.js';
import { ApiKeySchema } from './entities/api-key.js';
import { migrations } from './migrations.js';
import { AccountResolver } from './resolvers/account.resolver.js';
import { ApiKeyResolver } from './resolvers/api-key.resolver.js';
import { Accounts } from './services/accounts.js';
import { bootstrapKey } from './services/onboarding.js';

/** Accounts, plans and API keys: who may call the platform. */
export const account: SubgraphDefinition = {
  name: 'account',
  database: { schema: 'account', entities: [AccountSchema, ApiKeySchema], migrations },
  resolvers: [AccountResolver, ApiKeyResolver],
  references: {
    // Another account's id resolves to null, so `_entities` never leaks it.
    Account: async (reference, ctx) =>
      ctx.caller?.kind === 'account' && ctx.caller.accountId === reference.id ? new Accounts().get(ctx.em, reference.id) : null,
  },
  async start({ config, db, events }) {
    if (config.bootstrapApiKey) await bootstrapKey(db, events, config.bootstrapApiKey, config.bootstrapPlan);
  },
};

import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { AccountSchema } from './entities/account.js';
import { ActivityEntrySchema } from './entities/activity-entry.js';
import { ApiKeySchema } from './entities/api-key.js';
import { GdprJobSchema } from './entities/gdpr-job.js';
import { WebhookAttemptSchema, WebhookDeliverySchema, WebhookEndpointSchema } from './entities/webhook.js';
import { migrations } from './migrations.js';
import { AccountResolver } from './resolvers/account.resolver.js';
import { ActivityResolver } from './resolvers/activity.resolver.js';
import { ApiKeyResolver } from './resolvers/api-key.resolver.js';
import { GdprResolver } from './resolvers/gdpr.resolver.js';
import { OperatorEventsResolver } from './resolvers/operator-events.resolver.js';
import { WebhookResolver } from './resolvers/webhook.resolver.js';
import { accountServices, type AccountServices } from './services.js';
import { consumeSubscriptionChanges } from './services/plan-changes.js';

/** Accounts, plans, API keys, the activity feed and webhooks; and the operator's view of the event backbone. */
export const account: SubgraphDefinition<AccountServices> = {
  name: 'account',
  database: {
    schema: 'account',
    entities: [
      AccountSchema,
      ApiKeySchema,
      ActivityEntrySchema,
      GdprJobSchema,
      WebhookEndpointSchema,
      WebhookDeliverySchema,
      WebhookAttemptSchema,
    ],
    migrations,
  },
  services: accountServices,
  resolvers: [AccountResolver, ApiKeyResolver, ActivityResolver, WebhookResolver, GdprResolver, OperatorEventsResolver],
  references: {
    // Another account's id resolves to null, so `_entities` never leaks it.
    Account: async (reference, ctx) =>
      ctx.caller?.kind === 'account' && ctx.caller.accountId === reference.id ? ctx.services.accounts.get(ctx.em, reference.id) : null,
  },
  async start({ config, events }, { onboarding, activity, dispatcher, gdpr }) {
    activity.consume();
    gdpr.start();
    consumeSubscriptionChanges(events);
    const stopDeliveries = dispatcher.start();
    if (config.bootstrapApiKey) await onboarding.bootstrap(config.bootstrapApiKey, config.bootstrapPlan);
    return stopDeliveries;
  },
};

import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { BillingAccountSchema } from './entities/billing-account.js';
import { LedgerEntrySchema } from './entities/ledger-entry.js';
import { UsageCounterSchema } from './entities/usage-counter.js';
import { migrations } from './migrations.js';
import { BillingResolver } from './resolvers/billing.resolver.js';
import { billingServices, type BillingServices } from './services.js';
import { participateInGdpr } from '../../contracts/index.js';
import { billingAccountData } from './services/account-data.js';
import { consumeBillingEvents } from './services/consumers.js';
import { scheduleMonthlyGrants } from './services/grants.js';

/** Credits and charges on an append-only ledger, usage, and payments through Stripe. */
export const billing: SubgraphDefinition<BillingServices> = {
  name: 'billing',
  database: { schema: 'billing', entities: [BillingAccountSchema, LedgerEntrySchema, UsageCounterSchema], migrations },
  services: billingServices,
  resolvers: [BillingResolver],
  async start(runtime, { ledger, grants }) {
    consumeBillingEvents({ events: runtime.events, clock: runtime.clock, ledger, grants });
    participateInGdpr(runtime, 'billing', billingAccountData);
    return scheduleMonthlyGrants(grants);
  },
};

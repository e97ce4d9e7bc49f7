import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { BillingAccounts } from './services/accounts.js';
import { Grants } from './services/grants.js';
import { Ledger } from './services/ledger.js';
import { Payments } from './services/stripe.js';
import { Usage } from './services/usage.js';

/** The billing subgraph's services, built once per process. */
export function billingServices(runtime: SubgraphRuntime) {
  const { db, events, clock, config } = runtime;
  const ledger = new Ledger(events, clock);
  return {
    ledger,
    grants: new Grants(db, ledger, clock, config),
    accounts: new BillingAccounts(db, events, ledger),
    usage: new Usage(db, events, clock, config),
    payments: new Payments(db, events, ledger, config),
  };
}

export type BillingServices = ReturnType<typeof billingServices>;
export type BillingContext = SubgraphContext<BillingServices>;

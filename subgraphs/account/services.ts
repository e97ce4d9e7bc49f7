import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { Accounts } from './services/accounts.js';
import { Activity } from './services/activity.js';
import { ApiKeys } from './services/api-keys.js';
import { Onboarding } from './services/onboarding.js';

/** The account subgraph's services, built once per process. */
export function accountServices(runtime: SubgraphRuntime) {
  const accounts = new Accounts(runtime.events);
  const apiKeys = new ApiKeys(runtime.db, runtime.events);
  return {
    accounts,
    apiKeys,
    onboarding: new Onboarding(runtime.db, accounts, apiKeys),
    activity: new Activity(runtime.db, runtime.events, runtime.clock),
  };
}

export type AccountServices = ReturnType<typeof accountServices>;
export type AccountContext = SubgraphContext<AccountServices>;

import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { Accounts } from './services/accounts.js';
import { Activity } from './services/activity.js';
import { Gdpr } from './services/gdpr.js';
import { ApiKeys } from './services/api-keys.js';
import { Onboarding } from './services/onboarding.js';
import { WebhookDispatcher } from './services/webhook-dispatcher.js';
import { Webhooks } from './services/webhooks.js';

/** The account subgraph's services, built once per process. */
export function accountServices(runtime: SubgraphRuntime) {
  const accounts = new Accounts(runtime.events);
  const apiKeys = new ApiKeys(runtime.db, runtime.events);
  const webhooks = new Webhooks(runtime.db, runtime.clock, runtime.config, runtime.secret);
  return {
    accounts,
    apiKeys,
    onboarding: new Onboarding(runtime.db, accounts, apiKeys),
    activity: new Activity(runtime.db, runtime.events, runtime.clock),
    webhooks,
    gdpr: new Gdpr(runtime),
    dispatcher: new WebhookDispatcher(runtime.db, runtime.events, runtime.clock, runtime.config, webhooks),
  };
}

export type AccountServices = ReturnType<typeof accountServices>;
export type AccountContext = SubgraphContext<AccountServices>;

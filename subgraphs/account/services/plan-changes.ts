import { AccountPlanChanged, SubscriptionChanged } from '../../../contracts/index.js';
import type { EventBus } from '../../../kernel/events.js';
import { Account } from '../entities/account.js';

export const PLAN_CHANGES_CONSUMER = 'account.plan-changes';

/**
 * The account subgraph owns plans; billing reports Stripe subscriptions. A Pro subscription moves a free account to
 * pro and its end moves it back; enterprise accounts (set by the operator) are left as they are.
 */
export function consumeSubscriptionChanges(events: EventBus): void {
  events.consumer(PLAN_CHANGES_CONSUMER).on(SubscriptionChanged, async ({ accountId, payload }, em) => {
    const account = await em.findOne(Account, { id: accountId! });
    if (!account || account.plan === 'enterprise' || account.plan === payload.plan) return;
    const previousPlan = account.plan;
    account.plan = payload.plan;
    await em.flush();
    await events.publish(em, AccountPlanChanged, account.id, { plan: account.plan, previousPlan });
  });
}

import type { AccountDataOwner } from '../../../contracts/index.js';
import { BillingAccount } from '../entities/billing-account.js';
import { LedgerEntry } from '../entities/ledger-entry.js';
import { UsageCounter } from '../entities/usage-counter.js';

/**
 * Billing's part of a GDPR request: the ledger as the transactions list shows it, the plan and Stripe ids, and the
 * usage counters; erasing deletes them (the Stripe customer itself stays with Stripe).
 */
export const billingAccountData: AccountDataOwner = {
  async export(em, accountId) {
    const account = await em.findOne(BillingAccount, { accountId });
    const ledger = await em.find(LedgerEntry, { accountId }, { orderBy: { sequence: 'asc' } });
    const usage = await em.find(UsageCounter, { accountId }, { orderBy: { period: 'asc', metric: 'asc' } });
    return {
      billingAccount: account
        ? [
            {
              plan: account.plan,
              stripeCustomerId: account.stripeCustomerId,
              subscriptionId: account.subscriptionId,
              subscriptionStatus: account.subscriptionStatus,
            },
          ]
        : [],
      transactions: ledger.map(({ causeKey: _cause, accountId: _account, ...entry }) => entry),
      usage: usage.map(({ period, metric, count }) => ({ period, metric, count })),
    };
  },
  async erase(em, accountId) {
    await em.nativeDelete(LedgerEntry, { accountId });
    await em.nativeDelete(UsageCounter, { accountId });
    await em.nativeDelete(BillingAccount, { accountId });
  },
};

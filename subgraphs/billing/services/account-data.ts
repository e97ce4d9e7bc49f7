import type { EntityManager } from '../../../kernel/database.js';
import { BillingAccount } from '../entities/billing-account.js';
import { LedgerEntry } from '../entities/ledger-entry.js';
import { UsageCounter } from '../entities/usage-counter.js';

/**
 * Billing's part of a GDPR request, in the shape of main's `AccountDataOwner` (contracts/gdpr.ts): on merge, add
 * 'billing' to `GDPR_PARTICIPANTS` and call `participateInGdpr(runtime, 'billing', billingAccountData)` in `start`.
 * The export is the ledger as the transactions list shows it, the plan and Stripe ids, and the usage counters;
 * erasing deletes them (the Stripe customer itself stays with Stripe).
 */
export const billingAccountData = {
  async export(em: EntityManager, accountId: string): Promise<Record<string, unknown[]>> {
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
  async erase(em: EntityManager, accountId: string): Promise<void> {
    await em.nativeDelete(LedgerEntry, { accountId });
    await em.nativeDelete(UsageCounter, { accountId });
    await em.nativeDelete(BillingAccount, { accountId });
  },
};

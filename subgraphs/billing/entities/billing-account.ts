import { defineEntity, p } from '@mikro-orm/core';
import type { Plan } from '../../../kernel/config.js';

/**
 * Billing's view of an account: its plan (from the account subgraph's events), its Stripe customer and subscription,
 * and how many ledger entries it has. Its row is the account's lock: every entry is appended while holding it.
 */
const BillingAccountSchema = defineEntity({
  name: 'BillingAccount',
  tableName: 'billing.accounts',
  properties: {
    accountId: p.text().primary(),
    /** null until `account.created` reached billing (an entry may come first: a usage event). */
    email: p.text().nullable(),
    plan: p.text().$type<Plan>().nullable(),
    /** Ledger entries so far: the next one gets `entries + 1` as its sequence. */
    entries: p.integer(),
    stripeCustomerId: p.text().nullable(),
    subscriptionId: p.text().nullable(),
    subscriptionStatus: p.text().nullable(),
    /** When Stripe created the subscription event applied last: older ones, delivered late, are ignored. */
    subscriptionEventAt: p.datetime().nullable(),
    createdAt: p.datetime(),
  },
});

export class BillingAccount extends BillingAccountSchema.class {}
BillingAccountSchema.setClass(BillingAccount);
export { BillingAccountSchema };

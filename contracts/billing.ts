import { z } from 'zod';
import { defineEvent } from '../kernel/event-contract.js';

/**
 * Events of the billing subgraph. Billing owns the ledger; the others learn what they need from these: training keeps
 * each account's available balance (to refuse a start it cannot pay for) and hears whether a job's reservation was
 * placed; the account subgraph, which owns plans, moves an account's plan when its subscription changes.
 */

const microUsd = z.number().int();

/** An account's balances after a ledger entry was appended; `sequence` grows with every entry of the account. */
export const BalanceChanged = defineEvent({
  type: 'billing.balance-changed',
  payload: z.object({
    /** Purchased credit. */
    cashBalance: microUsd,
    /** Granted credit (sign-up, monthly, operator). */
    creditBalance: microUsd,
    /** Held for running work. */
    reservedAmount: microUsd,
    /** cash + credit. */
    totalBalance: microUsd,
    /** total - reserved: what new work may spend. */
    availableBalance: microUsd,
    sequence: z.number().int().nonnegative(),
    /** The kind of the entry that changed it (grant, purchase, reservation, ...). */
    kind: z.string(),
  }),
  public: null,
});
export type Balances = Omit<z.output<typeof BalanceChanged.payload>, 'sequence' | 'kind'>;

/** The estimated cost of a training job is held: it may run. */
export const TrainingReserved = defineEvent({
  type: 'billing.training-reserved',
  payload: z.object({ jobId: z.string(), amountMicroUsd: microUsd }),
  public: null,
});

/** The account cannot cover a training job's estimated cost: training fails the job with this reason. */
export const TrainingReservationRefused = defineEvent({
  type: 'billing.training-refused',
  payload: z.object({ jobId: z.string(), reason: z.string(), estimatedCostMicroUsd: microUsd, availableMicroUsd: microUsd }),
  public: null,
});

/** A Stripe subscription started, changed or ended: the plan it entitles the account to. */
export const SubscriptionChanged = defineEvent({
  type: 'billing.subscription-changed',
  payload: z.object({ plan: z.enum(['free', 'pro']), status: z.string(), subscriptionId: z.string() }),
  public: (p) => ({
    resource: { type: 'subscription', id: p.subscriptionId },
    summary: p.plan === 'pro' ? 'Pro subscription active' : 'Pro subscription ended',
    data: { plan: p.plan, status: p.status },
  }),
});

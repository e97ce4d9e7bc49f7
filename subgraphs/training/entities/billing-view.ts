import { defineEntity, p } from '@mikro-orm/core';

/**
 * Training's view of an account's available balance (billing's `billing.balance-changed`): a start whose estimated
 * cost exceeds it is refused before anything is queued. Billing stays the authority: it reserves or refuses each job.
 */
const AccountBalanceSchema = defineEntity({
  name: 'AccountBalance',
  tableName: 'training.account_balances',
  properties: {
    accountId: p.text().primary(),
    availableMicroUsd: p.bigint('number'),
    /** Billing's entry sequence of the account: an older balance delivered late never overwrites a newer one. */
    sequence: p.integer(),
    updatedAt: p.datetime(),
  },
});

export class AccountBalance extends AccountBalanceSchema.class {}
AccountBalanceSchema.setClass(AccountBalance);

/** A worker alive now (it renews `lastSeenAt`) and the GPU types it serves: what training can run right away. */
const TrainingWorkerSchema = defineEntity({
  name: 'TrainingWorker',
  tableName: 'training.workers',
  properties: {
    id: p.text().primary(),
    gpuTypes: p.array<string>(),
    startedAt: p.datetime(),
    lastSeenAt: p.datetime(),
  },
});

export class TrainingWorker extends TrainingWorkerSchema.class {}
TrainingWorkerSchema.setClass(TrainingWorker);
export { AccountBalanceSchema, TrainingWorkerSchema };

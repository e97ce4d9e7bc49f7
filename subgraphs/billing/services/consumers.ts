import {
  AccountCreated,
  AccountPlanChanged,
  DeploymentUsage,
  ExportCompleted,
  TrainingCancelled,
  TrainingCompleted,
  TrainingFailed,
  TrainingRequested,
  TrainingReservationRefused,
  TrainingReserved,
} from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { EntityManager } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import type { Grants } from './grants.js';
import { priceOf, splitCharge, type Ledger } from './ledger.js';

export const ACCOUNTS_CONSUMER = 'billing.accounts';
export const TRAINING_CONSUMER = 'billing.training';
export const DEPLOYMENTS_CONSUMER = 'billing.deployments';

const usd = (microUsd: number) => `$${(microUsd / 1_000_000).toFixed(2)}`;
const hours = (seconds: number) => `${(seconds / 3600).toFixed(3)} h`;

/**
 * Billing's durable consumers, each independent. Every booking goes through the ledger under a cause key of its own
 * (the job, the usage period, the export), so an event delivered twice, or published twice, is booked once.
 */
export function consumeBillingEvents(deps: { events: EventBus; clock: Clock; ledger: Ledger; grants: Grants }): void {
  const { events, clock, ledger, grants } = deps;

  // Accounts: their plan, sign-up and monthly credit. Every new account's balance is announced, granted or not,
  // so training knows it.
  events
    .consumer(ACCOUNTS_CONSUMER)
    .on(AccountCreated, async ({ accountId, payload }, em) => {
      await em.execute(
        `insert into billing.accounts (account_id, email, plan, entries, created_at) values (?, ?, ?, 0, ?)
          on conflict (account_id) do update set email = excluded.email, plan = excluded.plan`,
        [accountId, payload.email, payload.plan, clock.now()],
      );
      const signup = await grants.signup(em, accountId!, payload.plan);
      const monthly = await grants.monthly(em, accountId!, payload.plan);
      if (!signup && !monthly) await ledger.announce(em, accountId!);
    })
    .on(AccountPlanChanged, async ({ accountId, payload }, em) => {
      await em.execute(`update billing.accounts set plan = ? where account_id = ?`, [payload.plan, accountId]);
      // "Added immediately and each month": a new Pro account gets this period's credit now.
      await grants.monthly(em, accountId!, payload.plan);
    });

  // Training: a reservation of the estimated cost while it may run, settled to the real cost or released.
  events
    .consumer(TRAINING_CONSUMER)
    .on(TrainingRequested, async ({ accountId, payload }, em) => {
      const estimate = payload.estimatedCostMicroUsd;
      if (estimate === undefined) return; // queued before billing existed: nothing to reserve
      // Delivered again (a replay): reserved then, or already over. The unique key guards the booking itself.
      if ((await ledger.booked(em, reserveKey(payload.jobId))) || (await ledger.booked(em, settleKey(payload.jobId)))) return;
      let refused: { available: number } | undefined;
      await ledger.append(em, accountId!, (balances) => {
        if (estimate > balances.availableBalance) {
          refused = { available: balances.availableBalance };
          return null;
        }
        return {
          kind: 'reservation',
          causeKey: reserveKey(payload.jobId),
          reservedDelta: estimate,
          description: `Reserved for training ${payload.jobId} (${payload.epochs} epochs on ${payload.gpuType ?? 'GPU'}): ${usd(estimate)}`,
          resourceType: 'training',
          resourceId: payload.jobId,
          gpuType: payload.gpuType,
        };
      });
      if (refused) {
        await events.publish(em, TrainingReservationRefused, accountId, {
          jobId: payload.jobId,
          reason: `Insufficient balance: the training is estimated at ${usd(estimate)}, your available balance is ${usd(refused.available)}. Add credits and start it again.`,
          estimatedCostMicroUsd: estimate,
          availableMicroUsd: refused.available,
        });
      } else {
        await events.publish(em, TrainingReserved, accountId, { jobId: payload.jobId, amountMicroUsd: estimate });
      }
    })
    .on(TrainingCompleted, async ({ accountId, payload }, em) => {
      // Only runs billing reserved are billed: not those that ran before billing existed (an upgrade replays them).
      if (!(await ledger.booked(em, reserveKey(payload.jobId)))) return;
      const reserved = await ledger.reservedFor(em, accountId!, 'training', payload.jobId);
      await ledger.append(em, accountId!, (balances) => ({
        kind: 'charge',
        causeKey: settleKey(payload.jobId),
        reservedDelta: -reserved,
        ...splitCharge(balances, payload.costMicroUsd),
        description: `Training ${payload.jobId}: ${hours(payload.gpuSeconds)} on ${payload.gpuType}, ${usd(payload.costMicroUsd)}`,
        resourceType: 'training',
        resourceId: payload.jobId,
        gpuType: payload.gpuType,
        quantitySeconds: payload.gpuSeconds,
      }));
    })
    .on([TrainingFailed, TrainingCancelled], async (event, em) => {
      // Failed runs are never charged; cancelled runs are not either (the rule, see README): released whole.
      await release(em, event.accountId!, event.payload.jobId, event.type === TrainingFailed.type ? 'failed' : 'cancelled');
    });

  // Deployments and exports (published by the deployment subgraph): charged as they are reported.
  events
    .consumer(DEPLOYMENTS_CONSUMER)
    .on(DeploymentUsage, async ({ accountId, payload }, em) => {
      const cost = priceOf(payload.instanceSeconds, payload.hourlyPriceMicroUsd);
      await ledger.append(em, accountId!, (balances) => ({
        kind: 'charge',
        causeKey: `deployment-usage:${payload.usageId}`,
        ...splitCharge(balances, cost),
        description: `Deployment ${payload.deploymentId}: ${hours(payload.instanceSeconds)} of instance time, ${usd(cost)}`,
        resourceType: 'deployment',
        resourceId: payload.deploymentId,
        quantitySeconds: payload.instanceSeconds,
      }));
    })
    .on(ExportCompleted, async ({ accountId, payload }, em) => {
      const cost = priceOf(payload.workerSeconds, payload.hourlyPriceMicroUsd);
      await ledger.append(em, accountId!, (balances) => ({
        kind: 'charge',
        causeKey: `export:${payload.exportId}`,
        ...splitCharge(balances, cost),
        description: `Export of ${payload.modelId} to ${payload.format}: ${usd(cost)}`,
        resourceType: 'export',
        resourceId: payload.exportId,
        quantitySeconds: payload.workerSeconds,
      }));
    });

  async function release(em: EntityManager, accountId: string, jobId: string, why: string): Promise<void> {
    const reserved = await ledger.reservedFor(em, accountId, 'training', jobId);
    if (reserved === 0) return;
    await ledger.append(em, accountId, () => ({
      kind: 'release',
      causeKey: settleKey(jobId),
      reservedDelta: -reserved,
      description: `Training ${jobId} ${why}: reservation of ${usd(reserved)} released, nothing charged`,
      resourceType: 'training',
      resourceId: jobId,
    }));
  }
}

const reserveKey = (jobId: string) => `training:${jobId}:reserve`;
/** A training job is settled once: charged (completed) or released (failed, cancelled), whichever comes first. */
const settleKey = (jobId: string) => `training:${jobId}:settle`;

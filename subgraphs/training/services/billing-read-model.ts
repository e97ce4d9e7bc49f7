import { BalanceChanged, TrainingFailed, TrainingReservationRefused, TrainingReserved } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { EventBus } from '../../../kernel/events.js';
import { TrainingJob } from '../entities/training-job.js';
import { jobPayload } from './job-payload.js';

export const BILLING_VIEW_CONSUMER = 'training.billing';

/**
 * What training hears from billing (which it never calls): each account's available balance, checked at start, and
 * billing's answer to each job's reservation: reserved (a worker may claim it) or refused (the job fails, nothing ran).
 */
export function consumeBillingEvents(deps: { events: EventBus; clock: Clock }): void {
  const { events, clock } = deps;
  events
    .consumer(BILLING_VIEW_CONSUMER)
    .on(BalanceChanged, async ({ accountId, payload }, em) => {
      await em.execute(
        `insert into training.account_balances (account_id, available_micro_usd, sequence, updated_at) values (?, ?, ?, ?)
          on conflict (account_id) do update set available_micro_usd = excluded.available_micro_usd,
            sequence = excluded.sequence, updated_at = excluded.updated_at
          where training.account_balances.sequence <= excluded.sequence`,
        [accountId, payload.availableBalance, payload.sequence, clock.now()],
      );
    })
    .on(TrainingReserved, async ({ payload }, em) => {
      await em.nativeUpdate(TrainingJob, { id: payload.jobId, reservedAt: null }, { reservedAt: clock.now(), updatedAt: clock.now() });
    })
    .on(TrainingReservationRefused, async ({ payload }, em) => {
      const job = await em.findOne(TrainingJob, { id: payload.jobId, status: 'queued' });
      if (!job) return;
      Object.assign(job, { status: 'failed', error: payload.reason, finishedAt: clock.now(), updatedAt: clock.now() });
      await em.flush();
      await events.publish(em, TrainingFailed, job.accountId, { ...jobPayload(job), reason: payload.reason });
    });
}

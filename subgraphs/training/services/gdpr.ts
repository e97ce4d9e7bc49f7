import type { AccountDataOwner } from '../../../contracts/index.js';
import { AccountBalance } from '../entities/billing-view.js';
import { TrainableDataset, TrainableModel } from '../entities/trainable.js';
import { ACTIVE_STATUSES, TrainingJob } from '../entities/training-job.js';

/** Training's part of a GDPR request: every run with its history; erasing stops running ones first. */
export const trainingAccountData: AccountDataOwner = {
  async export(em, accountId) {
    const jobs = await em.find(TrainingJob, { accountId }, { orderBy: { createdAt: 'asc' } });
    return {
      trainingRuns: jobs.map(
        ({ snapshotKey: _snapshot, baseWeightsKey: _weights, workerId: _worker, leaseExpiresAt: _lease, ...job }) => job,
      ),
    };
  },
  async erase(em, accountId) {
    // A running job's worker finds it gone at its next heartbeat and kills the trainer.
    await em.nativeUpdate(TrainingJob, { accountId, status: { $in: ACTIVE_STATUSES } }, { status: 'cancelled', leaseExpiresAt: null });
    await em.nativeDelete(TrainingJob, { accountId });
    await em.nativeDelete(TrainableModel, { accountId });
    await em.nativeDelete(TrainableDataset, { accountId });
    await em.nativeDelete(AccountBalance, { accountId });
  },
};

import type { JobFacts } from '../../../contracts/index.js';
import type { TrainingJob } from '../entities/training-job.js';

/** The facts every event about a job carries. */
export function jobPayload(job: Pick<TrainingJob, 'id' | 'modelId' | 'status' | 'epoch' | 'epochs'>): JobFacts {
  return { jobId: job.id, modelId: job.modelId, status: job.status, epoch: job.epoch, epochs: job.epochs };
}

import type { TrainingJob } from '../entities/training-job.js';
import type { JobEventPayload } from './training-events.js';

/** The facts every event about a job carries. */
export function jobPayload(job: Pick<TrainingJob, 'id' | 'modelId' | 'status' | 'epoch' | 'epochs'>): JobEventPayload {
  return { jobId: job.id, modelId: job.modelId, status: job.status, epoch: job.epoch, epochs: job.epochs };
}

import { z } from 'zod';
import { defineEvent } from '../kernel/event-contract.js';

/**
 * Events of the deployment subgraph (dedicated endpoints and exports). The usage events are what billing charges:
 * each carries the price it was started at and a cause id unique to it, so a redelivered event is booked once.
 */

/** Instance time a running deployment used over one period (published at least every few minutes and on stop). */
export const DeploymentUsage = defineEvent({
  type: 'deployment.usage',
  payload: z.object({
    /** Unique per period of one deployment: billing's key for booking it at most once. */
    usageId: z.string(),
    deploymentId: z.string(),
    modelId: z.string(),
    region: z.string(),
    periodStart: z.iso.datetime(),
    periodEnd: z.iso.datetime(),
    instanceSeconds: z.number().nonnegative(),
    hourlyPriceMicroUsd: z.number().int().nonnegative(),
  }),
  public: null,
});

const exportJob = z.object({ exportId: z.string(), modelId: z.string(), format: z.string() });

/** An export job finished; `workerSeconds` at `hourlyPriceMicroUsd` is what it cost. */
export const ExportCompleted = defineEvent({
  type: 'export.completed',
  payload: exportJob.extend({
    sizeBytes: z.number().int().nonnegative(),
    workerSeconds: z.number().nonnegative(),
    hourlyPriceMicroUsd: z.number().int().nonnegative(),
  }),
  public: (p) => ({
    resource: { type: 'model', id: p.modelId },
    summary: `Export to ${p.format} is ready`,
    data: { exportId: p.exportId, modelId: p.modelId, format: p.format, sizeBytes: p.sizeBytes },
  }),
});

export const ExportFailed = defineEvent({
  type: 'export.failed',
  payload: exportJob.extend({
    reason: z.string(),
    /** Worker time spent before it failed (0 when it never started). */
    workerSeconds: z.number().nonnegative(),
    hourlyPriceMicroUsd: z.number().int().nonnegative(),
  }),
  public: (p) => ({
    resource: { type: 'model', id: p.modelId },
    summary: `Export to ${p.format} failed`,
    data: { exportId: p.exportId, modelId: p.modelId, format: p.format, error: p.reason },
  }),
});

import { z } from 'zod';
import { defineEvent, type PublicView } from '../kernel/event-contract.js';

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

/** What every lifecycle event of a deployment carries. */
const deployment = z.object({ deploymentId: z.string(), modelId: z.string(), name: z.string(), region: z.string() });
const deploymentView =
  (summary: (p: z.output<typeof deployment>) => string, data: (p: any) => Record<string, unknown> = () => ({})) =>
  (p: z.output<typeof deployment>): PublicView => ({
    resource: { type: 'deployment', id: p.deploymentId, name: p.name },
    summary: summary(p),
    data: { deploymentId: p.deploymentId, modelId: p.modelId, name: p.name, region: p.region, ...data(p) },
  });

export const DeploymentCreated = defineEvent({
  type: 'deployment.created',
  payload: deployment.extend({ minInstances: z.number().int(), maxInstances: z.number().int() }),
  public: deploymentView(
    (p) => `Deployment "${p.name}" created in ${p.region}`,
    (p) => ({ minInstances: p.minInstances, maxInstances: p.maxInstances }),
  ),
});

/** Its instances passed their health check: the endpoint serves. */
export const DeploymentReady = defineEvent({
  type: 'deployment.ready',
  payload: deployment.extend({ instances: z.number().int() }),
  public: deploymentView((p) => `Deployment "${p.name}" is ready`),
});

export const DeploymentStopped = defineEvent({
  type: 'deployment.stopped',
  payload: deployment.extend({ reason: z.string() }),
  public: deploymentView(
    (p) => `Deployment "${p.name}" stopped`,
    (p) => ({ reason: p.reason }),
  ),
});

export const DeploymentFailed = defineEvent({
  type: 'deployment.failed',
  payload: deployment.extend({ reason: z.string() }),
  public: deploymentView(
    (p) => `Deployment "${p.name}" failed`,
    (p) => ({ error: p.reason }),
  ),
});

export const DeploymentDeleted = defineEvent({
  type: 'deployment.deleted',
  payload: deployment,
  public: deploymentView((p) => `Deployment "${p.name}" deleted`),
});

export const LOG_SEVERITIES = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;

/** One log entry of a deployment: a lifecycle step, or one request through its endpoint. */
export const DeploymentLogEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  severity: z.enum(LOG_SEVERITIES),
  kind: z.enum(['lifecycle', 'request']),
  message: z.string(),
  /** Requests: the HTTP status answered, server-side latency, the image sent and what was found. */
  status: z.number().int().nullable(),
  latencyMs: z.number().nullable(),
  imageBytes: z.number().int().nullable(),
  imageWidth: z.number().int().nullable(),
  imageHeight: z.number().int().nullable(),
  resultCount: z.number().int().nullable(),
  /** Set when the request waited for an instance to start (scale from zero). */
  coldStartMs: z.number().nullable(),
});
export type DeploymentLogEntry = z.output<typeof DeploymentLogEntrySchema>;

/**
 * Log entries just written for one deployment (a batch: request entries are written a second at a time). Internal:
 * it feeds the live `deploymentLogs` subscription, never the activity feed.
 */
export const DeploymentLogged = defineEvent({
  type: 'deployment.logged',
  payload: z.object({ deploymentId: z.string(), entries: z.array(DeploymentLogEntrySchema) }),
  public: null,
});

/**
 * An export's file is stored (internal: it carries the file key). The catalog makes an `onnx` export of `.pt`
 * weights the model's servable ONNX file.
 */
export const ExportStored = defineEvent({
  type: 'export.stored',
  payload: exportJob.extend({ fileKey: z.string(), fileName: z.string(), sizeBytes: z.number().int(), sha256: z.string() }),
  public: null,
});

import { DeploymentLogged, type DeploymentLogEntry } from '../../../contracts/index.js';
import type { EntityManager } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';

/** A log entry before it is stored: the id and time come from the row. */
export type NewLogEntry = Omit<DeploymentLogEntry, 'id' | 'at'> & { at: Date };

export interface LogTarget {
  deploymentId: string;
  accountId: string;
}

const COLUMNS = [
  'deployment_id',
  'account_id',
  'at',
  'severity',
  'kind',
  'message',
  'status',
  'latency_ms',
  'image_bytes',
  'image_width',
  'image_height',
  'result_count',
  'cold_start_ms',
];
const RETURNING = `id::text, at, severity, kind, message, status, latency_ms as "latencyMs", image_bytes::int as "imageBytes",
  image_width as "imageWidth", image_height as "imageHeight", result_count as "resultCount", cold_start_ms as "coldStartMs"`;
/** Rows per INSERT statement (13 parameters each). */
const CHUNK = 500;

export function toEntry(row: Record<string, unknown>): DeploymentLogEntry {
  return { ...(row as unknown as DeploymentLogEntry), at: new Date(row.at as string).toISOString() };
}

/**
 * Stores entries of one deployment in the caller's transaction and publishes them (`deployment.logged`, one event
 * per statement), which is what live subscriptions read.
 */
export async function writeLogEntries(em: EntityManager, events: EventBus, target: LogTarget, entries: NewLogEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    const params = chunk.flatMap((entry) => [
      target.deploymentId,
      target.accountId,
      entry.at,
      entry.severity,
      entry.kind,
      entry.message,
      entry.status,
      entry.latencyMs,
      entry.imageBytes,
      entry.imageWidth,
      entry.imageHeight,
      entry.resultCount,
      entry.coldStartMs,
    ]);
    const rows = await em.execute<Record<string, unknown>[]>(
      `insert into deployment.logs (${COLUMNS.join(', ')}) values ${chunk.map(() => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')}
        returning ${RETURNING}`,
      params,
    );
    await events.publish(em, DeploymentLogged, target.accountId, { deploymentId: target.deploymentId, entries: rows.map(toEntry) });
  }
}

/** A lifecycle entry (created, started, stopped, failed, instances coming and going). */
export function lifecycleEntry(at: Date, severity: DeploymentLogEntry['severity'], message: string): NewLogEntry {
  return {
    at,
    severity,
    kind: 'lifecycle',
    message,
    status: null,
    latencyMs: null,
    imageBytes: null,
    imageWidth: null,
    imageHeight: null,
    resultCount: null,
    coldStartMs: null,
  };
}

export { RETURNING as LOG_COLUMNS };

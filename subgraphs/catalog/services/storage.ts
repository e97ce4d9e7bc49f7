import type { Plan } from '../../../kernel/config.js';
import type { EntityManager } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';

const GB = 1024 ** 3;

/** Storage each plan includes. */
export const STORAGE_LIMITS: Record<Plan, number> = { free: 10 * GB, pro: 100 * GB, enterprise: 1024 * GB };

export interface StorageUsage {
  used: number;
  limit: number;
  percentage: number;
}

/** Bytes an account stores: models and datasets, those in the trash included (they still occupy the disk). */
export async function usedBytes(em: EntityManager, accountId: string): Promise<number> {
  const [row] = await em.execute<{ used: string | null }[]>(
    `select (select coalesce(sum(size_bytes), 0) from catalog.models where account_id = ?)
          + (select coalesce(sum(size_bytes), 0) from catalog.datasets where account_id = ?) as used`,
    [accountId, accountId],
  );
  return Number(row?.used ?? 0);
}

export async function storageUsage(em: EntityManager, accountId: string, plan: Plan): Promise<StorageUsage> {
  const used = await usedBytes(em, accountId);
  const limit = STORAGE_LIMITS[plan];
  return { used, limit, percentage: Math.round((used / limit) * 10_000) / 100 };
}

/** Refuses an upload of `extraBytes` that would take the account over its plan's storage. */
export async function checkQuota(em: EntityManager, accountId: string, plan: Plan, extraBytes: number): Promise<void> {
  const { used, limit } = await storageUsage(em, accountId, plan);
  if (used + extraBytes > limit) {
    throw validationError('Storage limit of your plan reached: delete files or upgrade', { used, limit, needed: extraBytes });
  }
}

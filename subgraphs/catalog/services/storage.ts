import type { Config, Plan } from '../../../kernel/config.js';
import type { EntityManager } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';
import { planEntitlements } from '../../../kernel/limits.js';

export interface StorageUsage {
  used: number;
  limit: number;
  percentage: number;
}

/** Bytes an account stores against its plan: models and datasets, those in the trash included (the docs' rule). */
export class Storage {
  constructor(private readonly config: Pick<Config, 'enterprise'>) {}

  async used(em: EntityManager, accountId: string): Promise<number> {
    const [row] = await em.execute<{ used: string | null }[]>(
      `select (select coalesce(sum(size_bytes), 0) from catalog.models where account_id = ?)
            + (select coalesce(sum(size_bytes), 0) from catalog.datasets where account_id = ?) as used`,
      [accountId, accountId],
    );
    return Number(row?.used ?? 0);
  }

  async usage(em: EntityManager, accountId: string, plan: Plan): Promise<StorageUsage> {
    const used = await this.used(em, accountId);
    const limit = planEntitlements(this.config)[plan].storageBytes;
    return { used, limit, percentage: Math.round((used / limit) * 10_000) / 100 };
  }

  /** Refuses `extraBytes` more that would take the account over its plan's storage. */
  async check(em: EntityManager, accountId: string, plan: Plan, extraBytes: number): Promise<void> {
    const { used, limit } = await this.usage(em, accountId, plan);
    if (used + extraBytes > limit) {
      throw validationError('Storage limit of your plan reached: delete files or upgrade', { used, limit, needed: extraBytes });
    }
  }
}

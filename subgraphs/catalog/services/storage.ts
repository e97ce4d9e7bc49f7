import type { Config, Plan } from '../../../kernel/config.js';
import type { EntityManager } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';
import { planEntitlements } from '../../../kernel/limits.js';

export interface StorageUsage {
  used: number;
  limit: number;
  percentage: number;
}

/**
 * Room held for an upload under way: bytes are taken before they are written, so the quota is decided before the disk
 * fills, not after. Released when the upload ends (its rows then count in the database).
 */
export interface StorageReservation {
  /** Takes `bytes` more of the account's room; refuses (VALIDATION_ERROR) when the plan's storage would be exceeded. */
  take(bytes: number): void;
  readonly taken: number;
  release(): void;
}

/** Bytes an account stores against its plan: models and datasets, those in the trash included (the docs' rule). */
export class Storage {
  /** Bytes held by uploads under way in this process, per account. */
  private readonly reserved = new Map<string, number>();

  constructor(private readonly config: Pick<Config, 'enterprise'>) {}

  /**
   * Opens a reservation against what the account stores now (read once) and what its other uploads in this process
   * hold. Processes do not see each other's reservations; the commit's own check (`check`) still holds the line there.
   */
  async reserve(em: EntityManager, accountId: string, plan: Plan): Promise<StorageReservation> {
    const { used, limit } = await this.usage(em, accountId, plan);
    const reserved = this.reserved;
    let taken = 0;
    let released = false;
    return {
      take(bytes: number) {
        if (released) throw new Error('This storage reservation was released');
        const others = (reserved.get(accountId) ?? 0) - taken;
        if (used + others + taken + bytes > limit) {
          throw validationError('Storage limit of your plan reached: delete files or upgrade', {
            used: used + others,
            limit,
            needed: taken + bytes,
          });
        }
        taken += bytes;
        reserved.set(accountId, (reserved.get(accountId) ?? 0) + bytes);
      },
      get taken() {
        return taken;
      },
      release() {
        if (released) return;
        released = true;
        const left = (reserved.get(accountId) ?? 0) - taken;
        if (left > 0) reserved.set(accountId, left);
        else reserved.delete(accountId);
      },
    };
  }

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

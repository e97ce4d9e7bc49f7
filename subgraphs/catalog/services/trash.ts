import { notFound } from '../../../kernel/errors.js';

/** Deleted resources stay in the trash this long, restorable; then they may be purged. */
export const TRASH_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Live rows only: what lists, gets and references see. */
export const LIVE = { deletedAt: null } as const;

/** Throws NOT_FOUND unless `deletedAt` is recent enough to restore from. */
export function checkRestorable(kind: string, id: string, deletedAt: Date | null | undefined, now = Date.now()): void {
  if (!deletedAt || now - deletedAt.getTime() > TRASH_RETENTION_MS) throw notFound(kind, id);
}

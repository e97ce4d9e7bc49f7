import type { EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '../../../kernel/database.js';

/**
 * A slug free among the live rows of one owner (`scope`: an account's projects or datasets, a project's models):
 * `base`, else `base-2`, `base-3`, ... A partial unique index on (owner, slug) of live rows backs it up.
 */
export async function freeSlug<T extends { id: string; slug: string }>(
  em: EntityManager,
  entity: EntityClass<T>,
  scope: Record<string, unknown>,
  base: string,
  exceptId?: string,
): Promise<string> {
  // Slugs are [a-z0-9-] only, so `like` has no wildcard in `base` to worry about.
  const taken = await em.find(entity, { ...scope, $or: [{ slug: base }, { slug: { $like: `${base}-%` } }] } as never, {
    fields: ['id', 'slug'] as never,
  });
  const used = new Set(taken.filter((row) => row.id !== exceptId).map((row) => row.slug));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

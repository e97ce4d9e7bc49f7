import 'reflect-metadata';
import type { EntityClass } from '@mikro-orm/core';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from './database.js';
import { validationError } from './errors.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export interface Page {
  page: number;
  limit: number;
  offset: number;
}

/** The envelope's paging rules, checked once for every list: page >= 1, 1 <= limit <= 100. */
export function toPage(page: number = 1, limit: number = DEFAULT_LIMIT): Page {
  if (!Number.isInteger(page) || page < 1) throw validationError('page must be an integer >= 1', { page });
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw validationError(`limit must be an integer from 1 to ${MAX_LIMIT}`, { limit });
  }
  return { page, limit, offset: (page - 1) * limit };
}

/** Paging facts of a list, the `meta` of the REST envelope. Every subgraph's lists share it. */
@Directive('@shareable')
@ObjectType()
export class PageMeta {
  @Field(() => Int) page!: number;
  @Field(() => Int) limit!: number;
  @Field(() => Int) total!: number;

  static of(page: Page, total: number): PageMeta {
    return Object.assign(new PageMeta(), { page: page.page, limit: page.limit, total });
  }
}

/** A page of a list: its items and its `meta`. */
export interface PageOfItems<T> {
  items: T[];
  meta: PageMeta;
}

/**
 * The GraphQL type of a page of `Item`s (`{ items, meta }`), named `name`: every list of every subgraph is one of
 * these, so REST's `data` + `meta` map onto them the same way.
 */
export function PageOf<T extends object>(Item: new () => T, name: string) {
  @ObjectType(name, { description: `A page of ${Item.name.replace(/Type$/, '')} items with its paging facts.` })
  class Page implements PageOfItems<T> {
    @Field(() => [Item]) items!: T[];
    @Field(() => PageMeta) meta!: PageMeta;
  }
  return Page;
}

/** `{ items, meta }` for `rows` of the page `page` out of `total`, each item mapped by `view`. */
export function pageOf<Row, Item>(page: Page, rows: { items: Row[]; total: number }, view: (row: Row) => Item): PageOfItems<Item> {
  return { items: rows.items.map(view), meta: PageMeta.of(page, rows.total) };
}

/** One page of `entity` rows matching `where`, newest first by default, with the total count. */
export async function findPage<T extends object>(
  em: EntityManager,
  entity: EntityClass<T>,
  where: Record<string, unknown>,
  page: Page,
  orderBy: Record<string, 'asc' | 'desc'> = { createdAt: 'desc', id: 'desc' },
): Promise<{ items: T[]; total: number }> {
  const [items, total] = await em.findAndCount(entity, where as never, {
    orderBy: orderBy as never,
    limit: page.limit,
    offset: page.offset,
  });
  return { items, total };
}

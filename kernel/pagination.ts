import 'reflect-metadata';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
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

import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAccount, requireOperator, type Scope } from '../../../kernel/auth.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { CatalogContext } from '../services.js';
import { TrashItemType, TrashPage } from './types.js';
import { checkId } from '../../../kernel/ids.js';

/** The scope each kind of item needs: the same as deleting it did. */
const SCOPE_OF: Record<string, Scope> = { project: 'projects', model: 'models', dataset: 'datasets' };
const scopeOf = (type: string): Scope => SCOPE_OF[type] ?? 'account';

@Resolver()
export class TrashResolver {
  @Query(() => TrashPage, { description: 'Your deleted projects, datasets and models, newest first; restorable for 30 days.' })
  async trash(
    @Ctx() ctx: CatalogContext,
    @Arg('type', () => String, { nullable: true, description: 'project, dataset or model' }) type: string | null,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<TrashPage> {
    const caller = requireAccount(ctx.caller, type ? scopeOf(type) : 'account');
    const paging = toPage(page, limit);
    return pageOf(paging, await ctx.services.trash.list(ctx.em, caller.accountId, type, paging), TrashItemType.from);
  }

  @Mutation(() => TrashItemType, {
    description: 'Brings an item back (a project with its models); a model waits for its project. A slug taken meanwhile is replaced.',
  })
  async restoreFromTrash(
    @Ctx() ctx: CatalogContext,
    @Arg('type', () => String) type: string,
    @Arg('id', () => ID) id: string,
  ): Promise<TrashItemType> {
    const caller = requireAccount(ctx.caller, scopeOf(type));
    if (SCOPE_OF[type]) checkId(type, id);
    return TrashItemType.from(await ctx.services.trash.restore(caller.accountId, type, id));
  }

  @Mutation(() => TrashItemType, { description: 'Deletes an item in the trash for good, with its files; storage is freed.' })
  async deleteFromTrash(
    @Ctx() ctx: CatalogContext,
    @Arg('type', () => String) type: string,
    @Arg('id', () => ID) id: string,
  ): Promise<TrashItemType> {
    const caller = requireAccount(ctx.caller, scopeOf(type));
    if (SCOPE_OF[type]) checkId(type, id);
    return TrashItemType.from(await ctx.services.trash.purge(caller.accountId, type, id));
  }

  @Mutation(() => Int, { description: 'Deletes everything in your trash for good; returns how many items went.' })
  async emptyTrash(@Ctx() ctx: CatalogContext): Promise<number> {
    const caller = requireAccount(ctx.caller, 'account');
    return ctx.services.trash.empty(caller.accountId);
  }

  @Mutation(() => Int, { description: 'Operator only: deletes for good what has been in any trash longer than 30 days, now.' })
  async operatorPurgeExpiredTrash(@Ctx() ctx: CatalogContext): Promise<number> {
    requireOperator(ctx.caller);
    return ctx.services.trash.purgeExpired();
  }
}

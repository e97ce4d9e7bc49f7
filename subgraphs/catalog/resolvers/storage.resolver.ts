import { Ctx, Query, Resolver } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import type { CatalogContext } from '../services.js';
import { StorageUsageType } from './types.js';

@Resolver()
export class StorageResolver {
  @Query(() => StorageUsageType, { description: 'Bytes your datasets and models use (trash included) and your plan allows.' })
  async storage(@Ctx() ctx: CatalogContext): Promise<StorageUsageType> {
    const caller = requireAccount(ctx.caller);
    return ctx.services.storage.usage(ctx.em, caller.accountId, caller.plan);
  }
}

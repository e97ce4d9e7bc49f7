import { Ctx, Query, Resolver } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import type { SubgraphContext } from '../../../kernel/subgraph.js';
import { storageUsage } from '../services/storage.js';
import { StorageUsageType } from './types.js';

@Resolver()
export class StorageResolver {
  @Query(() => StorageUsageType, { description: 'Bytes your datasets and models use (trash included) and your plan allows.' })
  async storage(@Ctx() ctx: SubgraphContext): Promise<StorageUsageType> {
    const caller = requireAccount(ctx.caller);
    return storageUsage(ctx.em, caller.accountId, caller.plan);
  }
}

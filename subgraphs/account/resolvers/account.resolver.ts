import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { requireAccount, requireOperator } from '../../../kernel/auth.js';
import type { AccountContext } from '../services.js';
import { AccountType, CreatedAccount } from './types.js';

@Resolver(() => AccountType)
export class AccountResolver {
  @Query(() => AccountType, { description: 'The account that owns the API key making the request.' })
  async me(@Ctx() ctx: AccountContext): Promise<AccountType> {
    const caller = requireAccount(ctx.caller);
    return ctx.services.accounts.get(ctx.em, caller.accountId);
  }

  @Mutation(() => CreatedAccount, { description: 'Operator only: creates an account with a first API key holding every scope.' })
  async operatorCreateAccount(
    @Ctx() ctx: AccountContext,
    @Arg('email', () => String) email: string,
    @Arg('plan', () => String, { nullable: true }) plan: string | null,
    @Arg('username', () => String, { nullable: true, description: 'Default: from the email, numbered when taken.' })
    username: string | null,
  ): Promise<CreatedAccount> {
    requireOperator(ctx.caller);
    const { account, apiKey, secret } = await ctx.services.onboarding.createAccountWithKey({ email, plan, username });
    return { account, apiKey: { apiKey, key: secret } };
  }
}

import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, Directive } from 'type-graphql';
import { requireAccount, requireGateway, requireOperator } from '../../../kernel/auth.js';
import { ApiKeyCreated, ApiKeyRevoked } from '../../../contracts/index.js';
import type { EventOf } from '../../../kernel/event-contract.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { AccountContext } from '../services.js';
import { ApiKeyEvent, ApiKeyPage, ApiKeyType, CreateApiKeyInput, CreatedApiKey, KeyIdentityType } from './types.js';
import { checkId } from '../../../kernel/ids.js';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => ApiKeyPage, { description: "The caller's API keys (revoked keys are not listed)." })
  async apiKeys(
    @Ctx() ctx: AccountContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<ApiKeyPage> {
    const caller = requireAccount(ctx.caller, 'account');
    const paging = toPage(page, limit);
    return pageOf(paging, await ctx.services.apiKeys.list(ctx.em, caller.accountId, paging), (key) => key);
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key with at most the scopes of the key making the request.' })
  async createApiKey(
    @Ctx() ctx: AccountContext,
    @Arg('input', () => CreateApiKeyInput, { nullable: true }) input: CreateApiKeyInput | null,
  ): Promise<CreatedApiKey> {
    const caller = requireAccount(ctx.caller, 'account');
    const { apiKey, secret } = await ctx.services.apiKeys.create(caller.accountId, input ?? {}, caller.scopes);
    return { apiKey, key: secret };
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes one of your API keys; it stops working at once.' })
  async revokeApiKey(@Ctx() ctx: AccountContext, @Arg('id', () => ID) id: string): Promise<ApiKeyType> {
    const caller = requireAccount(ctx.caller, 'account');
    return ctx.services.apiKeys.revoke(caller.accountId, checkId('key', id));
  }

  @Subscription(() => ApiKeyEvent, {
    description: 'Your API keys being created and revoked, live.',
    subscribe: ({ context }: { context: AccountContext }) =>
      context.live.subscribe(requireAccount(context.caller, 'account').accountId, [ApiKeyCreated, ApiKeyRevoked]),
  })
  apiKeyEvents(@Root() event: EventOf<typeof ApiKeyCreated | typeof ApiKeyRevoked>): ApiKeyEvent {
    return { type: event.type, keyId: event.payload.keyId, name: event.payload.name, occurredAt: new Date(event.occurredAt) };
  }

  @Directive('@inaccessible')
  @Query(() => KeyIdentityType, { nullable: true, description: 'Internal: the gateway resolves an API key.' })
  async apiKeyIdentity(@Ctx() ctx: AccountContext, @Arg('key', () => String) key: string): Promise<KeyIdentityType | null> {
    requireGateway(ctx.caller);
    return ctx.services.apiKeys.identify(ctx.em, key);
  }

  @Mutation(() => CreatedApiKey, { description: 'Operator only: creates a key for any account.' })
  async operatorCreateApiKey(
    @Ctx() ctx: AccountContext,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('input', () => CreateApiKeyInput, { nullable: true }) input: CreateApiKeyInput | null,
  ): Promise<CreatedApiKey> {
    requireOperator(ctx.caller);
    const { apiKey, secret } = await ctx.services.apiKeys.create(checkId('user', accountId, 'accountId'), input ?? {});
    return { apiKey, key: secret };
  }

  @Mutation(() => ApiKeyType, { description: 'Operator only: revokes any key.' })
  async operatorRevokeApiKey(@Ctx() ctx: AccountContext, @Arg('id', () => ID) id: string): Promise<ApiKeyType> {
    requireOperator(ctx.caller);
    return ctx.services.apiKeys.revoke(null, checkId('key', id));
  }
}

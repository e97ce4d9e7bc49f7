import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription, Directive } from 'type-graphql';
import { requireAccount, requireGateway, requireOperator } from '../../../kernel/auth.js';
import type { DomainEvent } from '../../../kernel/events.js';
import { PageMeta, toPage } from '../../../kernel/pagination.js';
import type { SubgraphContext } from '../../../kernel/subgraph.js';
import { ApiKeys, KEY_EVENTS } from '../services/api-keys.js';
import { ApiKeyEvent, ApiKeyPage, ApiKeyType, CreateApiKeyInput, CreatedApiKey, KeyIdentityType } from './types.js';

const service = (ctx: SubgraphContext) => new ApiKeys(ctx.db, ctx.events);

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @Query(() => ApiKeyPage, { description: "The caller's API keys (revoked keys are not listed)." })
  async apiKeys(
    @Ctx() ctx: SubgraphContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<ApiKeyPage> {
    const caller = requireAccount(ctx.caller, 'account');
    const paging = toPage(page, limit);
    const { items, total } = await service(ctx).list(ctx.em, caller.accountId, paging);
    return { items, meta: PageMeta.of(paging, total) };
  }

  @Mutation(() => CreatedApiKey, { description: 'Creates an API key with at most the scopes of the key making the request.' })
  async createApiKey(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => CreateApiKeyInput, { nullable: true }) input: CreateApiKeyInput | null,
  ): Promise<CreatedApiKey> {
    const caller = requireAccount(ctx.caller, 'account');
    const { apiKey, secret } = await service(ctx).create(caller.accountId, input ?? {}, caller.scopes);
    return { apiKey, key: secret };
  }

  @Mutation(() => ApiKeyType, { description: 'Revokes one of your API keys; it stops working at once.' })
  async revokeApiKey(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ApiKeyType> {
    const caller = requireAccount(ctx.caller, 'account');
    return service(ctx).revoke(caller.accountId, id);
  }

  @Subscription(() => ApiKeyEvent, {
    description: 'Your API keys being created and revoked, live.',
    topics: [KEY_EVENTS.created, KEY_EVENTS.revoked],
    topicId: ({ context }: { context: SubgraphContext }) => requireAccount(context.caller, 'account').accountId,
  })
  apiKeyEvents(@Root() event: DomainEvent<{ keyId: string; name: string }>): ApiKeyEvent {
    return { type: event.type, keyId: event.payload.keyId, name: event.payload.name, occurredAt: new Date(event.occurredAt) };
  }

  @Directive('@inaccessible')
  @Query(() => KeyIdentityType, { nullable: true, description: 'Internal: the gateway resolves an API key.' })
  async apiKeyIdentity(@Ctx() ctx: SubgraphContext, @Arg('key', () => String) key: string): Promise<KeyIdentityType | null> {
    requireGateway(ctx.caller);
    return service(ctx).identify(ctx.em, key);
  }

  @Mutation(() => CreatedApiKey, { description: 'Operator only: creates a key for any account.' })
  async operatorCreateApiKey(
    @Ctx() ctx: SubgraphContext,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('input', () => CreateApiKeyInput, { nullable: true }) input: CreateApiKeyInput | null,
  ): Promise<CreatedApiKey> {
    requireOperator(ctx.caller);
    const { apiKey, secret } = await service(ctx).create(accountId, input ?? {});
    return { apiKey, key: secret };
  }

  @Mutation(() => ApiKeyType, { description: 'Operator only: revokes any key.' })
  async operatorRevokeApiKey(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ApiKeyType> {
    requireOperator(ctx.caller);
    return service(ctx).revoke(null, id);
  }
}

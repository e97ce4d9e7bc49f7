import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { PageOf, pageOf, toPage } from '../../../kernel/pagination.js';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../entities/webhook.js';
import type { AccountContext } from '../services.js';

@ObjectType('WebhookEndpoint', { description: 'A URL of yours that receives signed deliveries of the events it chose (enterprise plan).' })
export class WebhookEndpointType {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => [String], { description: 'Event types, e.g. training.completed.' }) events!: string[];
  @Field(() => Boolean) active!: boolean;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  static from({ id, url, description, events, active, createdAt, updatedAt }: WebhookEndpoint): WebhookEndpointType {
    return Object.assign(new WebhookEndpointType(), { id, url, description: description ?? null, events, active, createdAt, updatedAt });
  }
}

@ObjectType('CreatedWebhookEndpoint')
export class CreatedWebhookEndpointType {
  @Field(() => WebhookEndpointType) endpoint!: WebhookEndpointType;
  @Field(() => String, {
    description: 'The signing secret: shown once. Deliveries carry Ultralytics-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">.',
  })
  secret!: string;
}

@ObjectType('WebhookAttempt', { description: 'One try of a delivery.' })
export class WebhookAttemptType {
  @Field(() => Int) attempt!: number;
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status, if it answered." }) statusCode!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int) latencyMs!: number;
  @Field(() => Date) at!: Date;

  static from({ attempt, statusCode, error, latencyMs, at }: WebhookAttempt): WebhookAttemptType {
    return Object.assign(new WebhookAttemptType(), { attempt, statusCode: statusCode ?? null, error: error ?? null, latencyMs, at });
  }
}

@ObjectType('WebhookDelivery', { description: 'One event sent to one endpoint, with its attempts.' })
export class WebhookDeliveryType {
  @Field(() => ID) id!: string;
  @Field(() => ID) endpointId!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) eventType!: string;
  @Field(() => String, { description: 'pending, sending, retrying, succeeded or failed' }) status!: string;
  @Field(() => Int) attemptCount!: number;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due, while retrying.' }) nextAttemptAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;

  static from(delivery: WebhookDelivery): WebhookDeliveryType {
    return Object.assign(new WebhookDeliveryType(), {
      id: delivery.id,
      endpointId: delivery.endpointId,
      eventId: delivery.eventId,
      eventType: delivery.eventType,
      status: delivery.status,
      attemptCount: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode ?? null,
      lastError: delivery.lastError ?? null,
      nextAttemptAt: delivery.nextAttemptAt ?? null,
      createdAt: delivery.createdAt,
      deliveredAt: delivery.deliveredAt ?? null,
    });
  }
}

export const WebhookEndpointPage = PageOf(WebhookEndpointType, 'WebhookEndpointPage');
export type WebhookEndpointPage = InstanceType<typeof WebhookEndpointPage>;
export const WebhookDeliveryPage = PageOf(WebhookDeliveryType, 'WebhookDeliveryPage');
export type WebhookDeliveryPage = InstanceType<typeof WebhookDeliveryPage>;

@InputType()
export class WebhookEndpointInput {
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) events?: string[] | null;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => Boolean, { nullable: true }) active?: boolean | null;
}

@Resolver(() => WebhookDeliveryType)
export class WebhookResolver {
  @Query(() => WebhookEndpointPage, { description: 'Your webhook endpoints.' })
  async webhookEndpoints(
    @Ctx() ctx: AccountContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<WebhookEndpointPage> {
    const caller = requireAccount(ctx.caller, 'account');
    const paging = toPage(page, limit);
    return pageOf(paging, await ctx.services.webhooks.list(ctx.em, caller.accountId, paging), WebhookEndpointType.from);
  }

  @Query(() => WebhookDeliveryPage, { description: "An endpoint's delivery log, newest first." })
  async webhookDeliveries(
    @Ctx() ctx: AccountContext,
    @Arg('endpointId', () => ID) endpointId: string,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<WebhookDeliveryPage> {
    const caller = requireAccount(ctx.caller, 'account');
    const paging = toPage(page, limit);
    return pageOf(paging, await ctx.services.webhooks.deliveries(ctx.em, caller.accountId, endpointId, paging), WebhookDeliveryType.from);
  }

  @Mutation(() => CreatedWebhookEndpointType, { description: 'Registers an endpoint (enterprise plan); its signing secret is shown once.' })
  async createWebhookEndpoint(
    @Ctx() ctx: AccountContext,
    @Arg('input', () => WebhookEndpointInput) input: WebhookEndpointInput,
  ): Promise<CreatedWebhookEndpointType> {
    const { endpoint, secret } = await ctx.services.webhooks.create(requireAccount(ctx.caller, 'account'), input);
    return { endpoint: WebhookEndpointType.from(endpoint), secret };
  }

  @Mutation(() => WebhookEndpointType)
  async updateWebhookEndpoint(
    @Ctx() ctx: AccountContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => WebhookEndpointInput) input: WebhookEndpointInput,
  ): Promise<WebhookEndpointType> {
    return WebhookEndpointType.from(await ctx.services.webhooks.update(requireAccount(ctx.caller, 'account'), id, input));
  }

  @Mutation(() => WebhookEndpointType, { description: 'Removes an endpoint and its delivery log.' })
  async deleteWebhookEndpoint(@Ctx() ctx: AccountContext, @Arg('id', () => ID) id: string): Promise<WebhookEndpointType> {
    return WebhookEndpointType.from(await ctx.services.webhooks.delete(requireAccount(ctx.caller, 'account').accountId, id));
  }

  @Mutation(() => WebhookDeliveryType, { description: 'Sends a webhook.test event to the endpoint.' })
  async testWebhookEndpoint(@Ctx() ctx: AccountContext, @Arg('id', () => ID) id: string): Promise<WebhookDeliveryType> {
    return WebhookDeliveryType.from(await ctx.services.dispatcher.sendTest(requireAccount(ctx.caller, 'account').accountId, id));
  }

  @Mutation(() => WebhookDeliveryType, { description: 'Sends a logged delivery again.' })
  async redeliverWebhook(@Ctx() ctx: AccountContext, @Arg('deliveryId', () => ID) deliveryId: string): Promise<WebhookDeliveryType> {
    return WebhookDeliveryType.from(await ctx.services.dispatcher.redeliver(requireAccount(ctx.caller, 'account').accountId, deliveryId));
  }

  @FieldResolver(() => [WebhookAttemptType], { description: "The delivery's attempts, oldest first." })
  async attempts(@Ctx() ctx: AccountContext, @Root() delivery: WebhookDeliveryType): Promise<WebhookAttemptType[]> {
    return (await ctx.services.webhooks.attempts(ctx.em, [delivery.id])).map(WebhookAttemptType.from);
  }
}

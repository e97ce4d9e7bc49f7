import { Arg, Ctx, Directive, Float, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { BalanceChanged } from '../../../contracts/index.js';
import { requireAccount, requireGateway, requireOperator } from '../../../kernel/auth.js';
import type { EventOf } from '../../../kernel/event-contract.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { BillingContext } from '../services.js';
import {
  ApiUsageInput,
  BalanceType,
  CheckoutSessionType,
  PaymentListType,
  PortalSessionType,
  StripeWebhookResultType,
  TransactionPage,
  TransactionType,
  UsageSummaryType,
} from './types.js';

@Resolver()
export class BillingResolver {
  @Query(() => BalanceType, { description: 'Your balances, in micro-dollars.' })
  async balance(@Ctx() ctx: BillingContext): Promise<BalanceType> {
    const { accountId } = requireAccount(ctx.caller, 'billing');
    await ctx.services.accounts.requireKnown(accountId);
    return BalanceType.from(await ctx.services.ledger.balances(ctx.em, accountId));
  }

  @Query(() => TransactionPage, { description: 'Your ledger, newest first.' })
  async transactions(
    @Ctx() ctx: BillingContext,
    @Arg('page', () => Int, { nullable: true }) page: number | null,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
  ): Promise<TransactionPage> {
    const { accountId } = requireAccount(ctx.caller, 'billing');
    const paging = toPage(page ?? undefined, limit ?? undefined);
    await ctx.services.accounts.requireKnown(accountId);
    return pageOf(paging, await ctx.services.accounts.transactions(ctx.em, accountId, paging), TransactionType.from);
  }

  @Query(() => UsageSummaryType, { description: 'Your plan, its limits and this period’s usage.' })
  async usageSummary(@Ctx() ctx: BillingContext): Promise<UsageSummaryType> {
    const { accountId, plan } = requireAccount(ctx.caller, 'billing');
    return UsageSummaryType.from(await ctx.services.usage.summary(ctx.em, accountId, plan));
  }

  @Query(() => PaymentListType, { description: 'Your payments as Stripe lists them, newest first.' })
  async payments(
    @Ctx() ctx: BillingContext,
    @Arg('limit', () => Int, { nullable: true, description: '1-100, default 20' }) limit: number | null,
    @Arg('startingAfter', () => String, { nullable: true, description: 'The last id of the previous page.' }) startingAfter: string | null,
  ): Promise<PaymentListType> {
    const { accountId } = requireAccount(ctx.caller, 'billing');
    await ctx.services.accounts.requireKnown(accountId);
    return ctx.services.payments.payments(accountId, limit ?? 20, startingAfter);
  }

  @Mutation(() => CheckoutSessionType, { description: 'A Stripe checkout page to buy credit: amount in dollars, 5 to 1000.' })
  async createCheckoutSession(@Ctx() ctx: BillingContext, @Arg('amount', () => Float) amount: number): Promise<CheckoutSessionType> {
    const { accountId } = requireAccount(ctx.caller, 'billing');
    await ctx.services.accounts.requireKnown(accountId);
    return ctx.services.payments.creditCheckout(accountId, amount);
  }

  @Mutation(() => CheckoutSessionType, { description: 'A Stripe checkout page for the Pro subscription.' })
  async createSubscriptionCheckout(
    @Ctx() ctx: BillingContext,
    @Arg('planId', () => String, { description: 'pro' }) planId: string,
    @Arg('billingCycle', () => String, { nullable: true, description: 'monthly (default) or yearly' }) billingCycle: string | null,
  ): Promise<CheckoutSessionType> {
    const { accountId } = requireAccount(ctx.caller, 'billing');
    await ctx.services.accounts.requireKnown(accountId);
    return ctx.services.payments.subscriptionCheckout(accountId, planId, billingCycle ?? 'monthly');
  }

  @Mutation(() => PortalSessionType, { description: "Stripe's customer portal for your subscription and payment methods." })
  async createPortalSession(@Ctx() ctx: BillingContext): Promise<PortalSessionType> {
    const { accountId } = requireAccount(ctx.caller, 'billing');
    await ctx.services.accounts.requireKnown(accountId);
    return ctx.services.payments.portal(accountId);
  }

  @Mutation(() => StripeWebhookResultType, {
    description: "Stripe's webhook: the raw body and its Stripe-Signature header. The signature is the authentication.",
  })
  stripeWebhook(
    @Ctx() ctx: BillingContext,
    @Arg('payload', () => String) payload: string,
    @Arg('signature', () => String) signature: string,
  ): Promise<StripeWebhookResultType> {
    return ctx.services.payments.webhook(payload, signature);
  }

  @Mutation(() => TransactionType, { description: 'Operator only: adds credit to an account (`credits add`).' })
  async operatorAddCredits(
    @Ctx() ctx: BillingContext,
    @Arg('accountId', () => ID) accountId: string,
    @Arg('amountMicroUsd', () => Float) amountMicroUsd: number,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
  ): Promise<TransactionType> {
    requireOperator(ctx.caller);
    const { entryId } = await ctx.services.accounts.addCredits(accountId, amountMicroUsd, reason ?? null);
    return TransactionType.from(await ctx.services.accounts.entry(ctx.em, entryId));
  }

  @Mutation(() => Int, { description: "Operator only: grants this period's monthly plan credit wherever it is due; returns how many." })
  operatorGrantMonthlyCredits(@Ctx() ctx: BillingContext): Promise<number> {
    requireOperator(ctx.caller);
    return ctx.services.grants.grantMonthlyToAll();
  }

  @Directive('@inaccessible')
  @Mutation(() => Boolean, { description: 'Internal: a gateway adds the requests and predictions it counted.' })
  async recordApiUsage(@Ctx() ctx: BillingContext, @Arg('usage', () => [ApiUsageInput]) usage: ApiUsageInput[]): Promise<boolean> {
    requireGateway(ctx.caller);
    await ctx.services.usage.record(usage);
    return true;
  }

  @Subscription(() => BalanceType, {
    description: 'Your balances, live: after every entry of your ledger.',
    subscribe: ({ context }: { context: BillingContext }) =>
      context.live.subscribe(requireAccount(context.caller, 'billing').accountId, [BalanceChanged]),
  })
  balanceChanged(@Root() event: EventOf<typeof BalanceChanged>): BalanceType {
    return BalanceType.from(event.payload);
  }
}

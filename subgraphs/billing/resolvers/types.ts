import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageOf } from '../../../kernel/pagination.js';
import type { Balances } from '../services/ledger.js';
import type { Transaction } from '../services/accounts.js';
import type { GpuUsage, UsageSummary } from '../services/usage.js';

@ObjectType('Balance', { description: 'Your balances in micro-dollars (1,000,000 = $1.00), derived from your ledger.' })
export class BalanceType {
  @Field(() => Float, { description: 'Purchased credit.' }) cashBalance!: number;
  @Field(() => Float, { description: 'Granted credit: sign-up, monthly plan credit, operator grants.' }) creditBalance!: number;
  @Field(() => Float, { description: 'Held for running work (training) until it is settled.' }) reservedAmount!: number;
  @Field(() => Float, { description: 'cashBalance + creditBalance.' }) totalBalance!: number;
  @Field(() => Float, { description: 'totalBalance - reservedAmount: what new work may spend.' }) availableBalance!: number;

  static from(balances: Balances): BalanceType {
    const { cashBalance, creditBalance, reservedAmount, totalBalance, availableBalance } = balances;
    return Object.assign(new BalanceType(), { cashBalance, creditBalance, reservedAmount, totalBalance, availableBalance });
  }
}

/** The docs' names for the kinds of entries. */
const TYPE_OF_KIND: Record<string, string> = {
  signup_credit: 'Signup',
  monthly_credit: 'Monthly Grant',
  adjustment: 'Adjustment',
  purchase: 'Purchase',
  reservation: 'Reservation',
  release: 'Release',
  charge: 'Charge',
  refund: 'Refund',
};

@ObjectType('Transaction', { description: 'One entry of your ledger; entries are never changed once written.' })
export class TransactionType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'signup_credit, monthly_credit, adjustment, purchase, reservation, release, charge or refund' })
  kind!: string;
  @Field(() => String, { description: 'The kind as the billing page names it (Signup, Monthly Grant, Training, ...).' }) type!: string;
  @Field(() => Float, { description: 'Change of totalBalance: cashAmount + creditAmount (negative for charges).' }) amount!: number;
  @Field(() => Float, { description: 'Change of cashBalance.' }) cashAmount!: number;
  @Field(() => Float, { description: 'Change of creditBalance.' }) creditAmount!: number;
  @Field(() => Float, { description: 'Change of reservedAmount.' }) reservedAmount!: number;
  @Field(() => Float, { description: 'totalBalance right after this entry.' }) balanceAfter!: number;
  @Field(() => String) description!: string;
  @Field(() => String, { nullable: true, description: 'training, deployment, export or payment' }) resourceType!: string | null;
  @Field(() => String, { nullable: true }) resourceId!: string | null;
  @Field(() => Date) createdAt!: Date;

  static from(entry: Transaction): TransactionType {
    const type = entry.resourceType === 'training' && entry.kind === 'charge' ? 'Training' : (TYPE_OF_KIND[entry.kind] ?? entry.kind);
    return Object.assign(new TransactionType(), {
      id: entry.id,
      kind: entry.kind,
      type,
      amount: entry.cashDelta + entry.creditDelta,
      cashAmount: entry.cashDelta,
      creditAmount: entry.creditDelta,
      reservedAmount: entry.reservedDelta,
      balanceAfter: entry.balanceAfter,
      description: entry.description,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId,
      createdAt: entry.createdAt,
    });
  }
}

export const TransactionPage = PageOf(TransactionType, 'TransactionPage');
export type TransactionPage = InstanceType<typeof TransactionPage>;

@ObjectType('PlanLimits', { description: "What the plan entitles you to (the platform's plan table)." })
export class PlanLimitsType {
  @Field(() => Int) requestsPerMinute!: number;
  @Field(() => Int) requestsPerDay!: number;
  @Field(() => Float, { description: 'Bytes.' }) storageBytes!: number;
  @Field(() => Float, { description: 'Bytes of one dataset upload.' }) datasetUploadBytes!: number;
  @Field(() => Int) sharedInferencePerHour!: number;
  @Field(() => Int) deployments!: number;
  @Field(() => Int) maxInstancesPerDeployment!: number;
  @Field(() => Float, { description: 'Micro-dollars granted at sign-up.' }) signupCreditMicroUsd!: number;
  @Field(() => Float, { description: 'Micro-dollars granted every month.' }) monthlyCreditMicroUsd!: number;
}

@ObjectType('GpuUsage', { description: 'Training charged this period on one GPU type.' })
export class GpuUsageType {
  @Field(() => String) gpuType!: string;
  @Field(() => Float) seconds!: number;
  @Field(() => Float) hours!: number;
  @Field(() => Float, { description: 'Micro-dollars.' }) costMicroUsd!: number;

  static from(usage: GpuUsage): GpuUsageType {
    return Object.assign(new GpuUsageType(), { ...usage, hours: usage.seconds / 3600 });
  }
}

@ObjectType('PeriodUsage', { description: "This period's usage." })
export class PeriodUsageType {
  @Field(() => Float, { description: 'Authenticated API requests (REST, GraphQL, HUB predict).' }) apiRequests!: number;
  @Field(() => Float, { description: 'Predict calls answered.' }) predictions!: number;
  @Field(() => Float, { description: 'Training hours charged, all GPU types.' }) trainingHours!: number;
  @Field(() => [GpuUsageType], { description: 'Training charged, by GPU type.' }) trainingByGpuType!: GpuUsageType[];
  @Field(() => Float) trainingCostMicroUsd!: number;
  @Field(() => Float, { description: 'Dedicated deployment instance hours charged.' }) deploymentHours!: number;
  @Field(() => Float) deploymentCostMicroUsd!: number;
  @Field(() => Int) exports!: number;
  @Field(() => Float) exportCostMicroUsd!: number;
  @Field(() => Float, { description: 'Everything charged this period, in micro-dollars.' }) chargedMicroUsd!: number;
}

@ObjectType('UsageSummary', { description: 'Your plan, its limits, and this billing period (calendar month, UTC).' })
export class UsageSummaryType {
  @Field(() => String) plan!: string;
  @Field(() => String, { description: 'YYYY-MM' }) period!: string;
  @Field(() => Date) periodStart!: Date;
  @Field(() => Date) periodEnd!: Date;
  @Field(() => PlanLimitsType) limits!: PlanLimitsType;
  @Field(() => PeriodUsageType) usage!: PeriodUsageType;

  static from(summary: UsageSummary): UsageSummaryType {
    const usage = Object.assign(new PeriodUsageType(), {
      apiRequests: summary.apiRequests,
      predictions: summary.predictions,
      trainingHours: summary.trainingSeconds / 3600,
      trainingByGpuType: summary.training.map(GpuUsageType.from),
      trainingCostMicroUsd: summary.trainingCostMicroUsd,
      deploymentHours: summary.deploymentSeconds / 3600,
      deploymentCostMicroUsd: summary.deploymentCostMicroUsd,
      exports: summary.exports,
      exportCostMicroUsd: summary.exportCostMicroUsd,
      chargedMicroUsd: summary.chargedMicroUsd,
    });
    return Object.assign(new UsageSummaryType(), {
      plan: summary.plan,
      period: summary.period,
      periodStart: summary.periodStart,
      periodEnd: summary.periodEnd,
      limits: Object.assign(new PlanLimitsType(), summary.limits),
      usage,
    });
  }
}

@ObjectType('CheckoutSession', { description: 'A Stripe-hosted checkout page: send the user to `url`.' })
export class CheckoutSessionType {
  @Field(() => ID) sessionId!: string;
  @Field(() => String) url!: string;
}

@ObjectType('PortalSession', { description: "Stripe's customer portal: payment methods, invoices, the subscription." })
export class PortalSessionType {
  @Field(() => String) url!: string;
}

@ObjectType('Payment', { description: 'A payment as Stripe records it.' })
export class PaymentType {
  @Field(() => ID) id!: string;
  @Field(() => Float, { description: 'Micro-dollars.' }) amountMicroUsd!: number;
  @Field(() => String) currency!: string;
  @Field(() => String, { description: "Stripe's status, e.g. succeeded." }) status!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('PaymentList', { description: 'Payments, newest first; pass the last id as startingAfter for more.' })
export class PaymentListType {
  @Field(() => [PaymentType]) items!: PaymentType[];
  @Field(() => Boolean) hasMore!: boolean;
}

@ObjectType('StripeWebhookResult', { description: 'What billing did with a Stripe event.' })
export class StripeWebhookResultType {
  @Field(() => ID) eventId!: string;
  @Field(() => String) type!: string;
  @Field(() => Boolean, { description: 'false: an event type billing does not act on.' }) handled!: boolean;
}

@Directive('@inaccessible')
@InputType('ApiUsageInput', { description: 'Internal: what one gateway counted for one account since its last flush.' })
export class ApiUsageInput {
  @Field(() => ID) accountId!: string;
  @Field(() => Int) apiRequests!: number;
  @Field(() => Int) predictions!: number;
}

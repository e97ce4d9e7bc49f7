import type { Clock } from '../../../kernel/clock.js';
import type { Config, Plan } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { planEntitlements, type PlanEntitlements } from '../../../kernel/limits.js';
import { BillingAccount } from '../entities/billing-account.js';
import { USAGE_METRICS } from '../entities/usage-counter.js';
import { ACCOUNTS_CONSUMER } from './consumers.js';
import { periodBounds, periodOf } from './ledger.js';

/** What a gateway counted for one account since its last flush. */
export interface CountedUsage {
  accountId: string;
  apiRequests: number;
  predictions: number;
}

export interface GpuUsage {
  gpuType: string;
  seconds: number;
  costMicroUsd: number;
}

export interface UsageSummary {
  plan: Plan;
  period: string;
  periodStart: Date;
  periodEnd: Date;
  limits: PlanEntitlements;
  apiRequests: number;
  predictions: number;
  training: GpuUsage[];
  trainingSeconds: number;
  trainingCostMicroUsd: number;
  deploymentSeconds: number;
  deploymentCostMicroUsd: number;
  exports: number;
  exportCostMicroUsd: number;
  /** Everything charged this period. */
  chargedMicroUsd: number;
}

/** One flush carries at most this many accounts (a gateway flushes every few seconds). */
const MAX_FLUSH_ACCOUNTS = 10_000;
/** More than any gateway counts for one account between two flushes. */
const MAX_COUNT = 1_000_000_000;

/**
 * This period's usage. Requests and predictions are counted in memory by each gateway and added here in batches
 * (no database write per request); training, deployment and export usage is read from the ledger's charges, so
 * usage and money always agree.
 */
export class Usage {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'enterprise' | 'planCredits'>,
  ) {}

  /**
   * Adds a gateway's counts to the current period, in one transaction. Counts only accounts billing knows: a gateway
   * flushes what it counted before an account was erased after the erasure, and that must not bring a row back.
   */
  async record(counts: CountedUsage[]): Promise<void> {
    if (counts.length > MAX_FLUSH_ACCOUNTS) throw validationError(`At most ${MAX_FLUSH_ACCOUNTS} accounts per flush`);
    const period = periodOf(this.clock.now());
    const known = await this.knownAccounts(counts.map((count) => count.accountId));
    const rows = counts
      .filter((count) => known.has(count.accountId))
      .flatMap((count) => USAGE_METRICS.map((metric) => [count.accountId, metric, count[metric]] as const).filter(([, , n]) => n > 0));
    for (const [, metric, n] of rows) {
      if (!Number.isInteger(n) || n > MAX_COUNT) throw validationError(`${metric} must be an integer from 0 to ${MAX_COUNT}`);
    }
    if (rows.length === 0) return;
    await this.db.transaction(async (em) => {
      for (const [accountId, metric, n] of rows) {
        await em.execute(
          `insert into billing.usage_counters (account_id, period, metric, count) values (?, ?, ?, ?)
            on conflict (account_id, period, metric) do update set count = billing.usage_counters.count + excluded.count`,
          [accountId, period, metric, n],
        );
      }
    });
  }

  /** Which of these accounts billing holds; one it has not heard of yet is waited for (its AccountCreated). */
  private async knownAccounts(accountIds: string[]): Promise<Set<string>> {
    const lookup = async () => {
      const found = await this.db.em().find(BillingAccount, { accountId: { $in: accountIds } }, { fields: ['accountId'] });
      return new Set(found.map((account) => account.accountId));
    };
    const known = await lookup();
    if (known.size === accountIds.length) return known;
    await this.events.catchUp(ACCOUNTS_CONSUMER);
    return lookup();
  }

  async summary(em: EntityManager, accountId: string, plan: Plan): Promise<UsageSummary> {
    const period = periodOf(this.clock.now());
    const { start, end } = periodBounds(period);
    const counters = await em.execute<{ metric: string; count: string }[]>(
      `select metric, count::text from billing.usage_counters where account_id = ? and period = ?`,
      [accountId, period],
    );
    const counted = (metric: string) => Number(counters.find((row) => row.metric === metric)?.count ?? 0);
    const charges = await em.execute<{ resource_type: string; gpu_type: string | null; seconds: number; cost: string; n: string }[]>(
      `select resource_type, gpu_type, coalesce(sum(quantity_seconds), 0)::float8 as seconds,
          (-coalesce(sum(cash_delta + credit_delta), 0))::text as cost, count(*)::text as n
        from billing.ledger_entries
        where account_id = ? and kind = 'charge' and created_at >= ? and created_at < ?
        group by resource_type, gpu_type order by resource_type, gpu_type`,
      [accountId, start, end],
    );
    const of = (type: string) => charges.filter((row) => row.resource_type === type);
    const sum = (rows: typeof charges, pick: (row: (typeof charges)[number]) => number) =>
      rows.reduce((total, row) => total + pick(row), 0);
    const training = of('training').map((row) => ({
      gpuType: row.gpu_type ?? 'unknown',
      seconds: row.seconds,
      costMicroUsd: Number(row.cost),
    }));
    return {
      plan,
      period,
      periodStart: start,
      periodEnd: end,
      limits: planEntitlements(this.config)[plan],
      apiRequests: counted('apiRequests'),
      predictions: counted('predictions'),
      training,
      trainingSeconds: sum(of('training'), (row) => row.seconds),
      trainingCostMicroUsd: sum(of('training'), (row) => Number(row.cost)),
      deploymentSeconds: sum(of('deployment'), (row) => row.seconds),
      deploymentCostMicroUsd: sum(of('deployment'), (row) => Number(row.cost)),
      exports: sum(of('export'), (row) => Number(row.n)),
      exportCostMicroUsd: sum(of('export'), (row) => Number(row.cost)),
      chargedMicroUsd: sum(charges, (row) => Number(row.cost)),
    };
  }
}

import type { Clock } from '../../../kernel/clock.js';
import { PLANS, type Config, type Plan } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { planEntitlements } from '../../../kernel/limits.js';
import { periodOf, type Appended, type Ledger } from './ledger.js';

const usd = (microUsd: number) => `$${(microUsd / 1_000_000).toFixed(2)}`;

/**
 * Credit the plans grant (kernel/limits.ts `planEntitlements`): once at sign-up, and once per calendar month (UTC)
 * while the plan has a monthly credit. Each grant's cause key names the account and the period, so however often a
 * grant is attempted (a redelivered event, every hourly run, two processes at once) it is booked once.
 */
export class Grants {
  constructor(
    private readonly db: Database,
    private readonly ledger: Ledger,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'enterprise' | 'planCredits'>,
  ) {}

  signup(em: EntityManager, accountId: string, plan: Plan): Promise<Appended | undefined> {
    const amount = planEntitlements(this.config)[plan].signupCreditMicroUsd;
    if (amount <= 0) return Promise.resolve(undefined);
    return this.ledger.append(em, accountId, () => ({
      kind: 'signup_credit',
      causeKey: `signup:${accountId}`,
      creditDelta: amount,
      description: `Sign-up credit (${plan} plan): ${usd(amount)}`,
    }));
  }

  /** This period's monthly credit of `plan`, if it has one and it was not granted yet. */
  monthly(em: EntityManager, accountId: string, plan: Plan): Promise<Appended | undefined> {
    const amount = planEntitlements(this.config)[plan].monthlyCreditMicroUsd;
    if (amount <= 0) return Promise.resolve(undefined);
    const period = periodOf(this.clock.now());
    return this.ledger.append(em, accountId, () => ({
      kind: 'monthly_credit',
      causeKey: `monthly:${accountId}:${period}`,
      creditDelta: amount,
      description: `Monthly credit for ${period} (${plan} plan): ${usd(amount)}`,
    }));
  }

  /** The current period's monthly credit for every account whose plan has one; returns how many were granted. */
  async grantMonthlyToAll(): Promise<number> {
    const entitled = PLANS.filter((plan) => planEntitlements(this.config)[plan].monthlyCreditMicroUsd > 0);
    if (entitled.length === 0) return 0;
    let granted = 0;
    let after = '';
    for (;;) {
      const accounts = await this.db.em().execute<{ account_id: string; plan: Plan }[]>(
        `select account_id, plan from billing.accounts where plan in (${entitled.map(() => '?').join(', ')}) and account_id > ?
            order by account_id limit 500`,
        [...entitled, after],
      );
      for (const { account_id: accountId, plan } of accounts) {
        if (await this.db.transaction((em) => this.monthly(em, accountId, plan))) granted += 1;
      }
      if (accounts.length < 500) return granted;
      after = accounts.at(-1)!.account_id;
    }
  }
}

/** Runs the monthly grants now and every hour (a new period starts at most an hour late). */
export function scheduleMonthlyGrants(grants: Grants, intervalMs = 60 * 60 * 1000): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const run = () => {
    running ??= grants
      .grantMonthlyToAll()
      .catch((error: unknown) => console.error('[billing] monthly grants failed, will retry:', error))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

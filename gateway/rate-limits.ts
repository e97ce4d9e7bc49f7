import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AccountCaller } from '../kernel/auth.js';
import type { Plan } from '../kernel/config.js';
import type { PlanEntitlements } from '../kernel/limits.js';

export interface PlanLimits {
  perMinute: number;
  perDay: number;
}

/** Requests per minute and per day of each plan, from the plan table. */
export function planLimits(plans: Record<Plan, PlanEntitlements>): Record<Plan, PlanLimits> {
  const limits = (plan: Plan) => ({ perMinute: plans[plan].requestsPerMinute, perDay: plans[plan].requestsPerDay });
  return { free: limits('free'), pro: limits('pro'), enterprise: limits('enterprise') };
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

type Window = 'minute' | 'day';
const WINDOW_SECONDS: Record<Window, number> = { minute: 60, day: 86_400 };

/**
 * Per-account request budgets per minute and per day. With PostgreSQL the counters live in the database, so every
 * gateway process shares them; the embedded mode is one process and counts in memory.
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  private constructor(private readonly limits: Record<Plan, PlanLimits>) {}

  static async create(limits: Record<Plan, PlanLimits>, pool: pg.Pool | undefined): Promise<RateLimits> {
    const rateLimits = new RateLimits(limits);
    for (const plan of Object.keys(limits) as Plan[]) {
      for (const window of Object.keys(WINDOW_SECONDS) as Window[]) {
        const options = { keyPrefix: `${plan}_${window}`, points: limits[plan][perWindow(window)], duration: WINDOW_SECONDS[window] };
        const limiter = pool
          ? await new Promise<RateLimiterAbstract>((resolve, reject) => {
              const created: RateLimiterAbstract = new RateLimiterPostgres(
                {
                  ...options,
                  storeClient: pool,
                  storeType: 'pool',
                  tableName: 'gateway_rate_limits',
                  insuranceLimiter: new RateLimiterMemory(options),
                },
                (error?: Error) => (error ? reject(error) : resolve(created)),
              );
            })
          : new RateLimiterMemory(options);
        rateLimits.limiters.set(`${plan}_${window}`, limiter);
      }
    }
    return rateLimits;
  }

  async consume(caller: AccountCaller): Promise<RateDecision> {
    const minute = await this.take(caller, 'minute');
    if (!minute.allowed) return this.decide(caller.plan, 'minute', minute.res, false);
    const day = await this.take(caller, 'day');
    if (!day.allowed) return this.decide(caller.plan, 'day', day.res, false);
    return this.decide(caller.plan, 'minute', minute.res, true);
  }

  private async take(caller: AccountCaller, window: Window): Promise<{ allowed: boolean; res: RateLimiterRes }> {
    const limiter = this.limiters.get(`${caller.plan}_${window}`)!;
    try {
      return { allowed: true, res: await limiter.consume(caller.accountId) };
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return { allowed: false, res: rejection };
      throw rejection;
    }
  }

  private decide(plan: Plan, window: Window, res: RateLimiterRes, allowed: boolean): RateDecision {
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(this.limits[plan][perWindow(window)]),
      'X-RateLimit-Remaining': String(Math.max(0, res.remainingPoints)),
      'X-RateLimit-Reset': String(Math.ceil((Date.now() + res.msBeforeNext) / 1000)),
    };
    if (!allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    return { allowed, headers };
  }
}

function perWindow(window: Window): keyof PlanLimits {
  return window === 'minute' ? 'perMinute' : 'perDay';
}

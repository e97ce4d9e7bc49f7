import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AccountCaller } from '../kernel/auth.js';
import type { Plan } from '../kernel/config.js';
import type { PlanEntitlements } from '../kernel/limits.js';

export interface PlanLimits {
  perMinute: number;
  perDay: number;
  /** Calls of the shared inference API per hour. */
  sharedInferencePerHour: number;
}

/** Requests per minute and per day, and shared inference calls per hour, of each plan, from the plan table. */
export function planLimits(plans: Record<Plan, PlanEntitlements>): Record<Plan, PlanLimits> {
  const limits = (plan: Plan) => ({
    perMinute: plans[plan].requestsPerMinute,
    perDay: plans[plan].requestsPerDay,
    sharedInferencePerHour: plans[plan].sharedInferencePerHour,
  });
  return { free: limits('free'), pro: limits('pro'), enterprise: limits('enterprise') };
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

type Window = 'minute' | 'day';
const WINDOW_SECONDS: Record<Window, number> = { minute: 60, day: 86_400 };

/**
 * Per-account request budgets per minute and per day, and the shared inference budget per hour. With PostgreSQL the counters live in the database, so every
 * gateway process shares them; the embedded mode is one process and counts in memory.
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  private constructor(private readonly limits: Record<Plan, PlanLimits>) {}

  static async create(limits: Record<Plan, PlanLimits>, pool: pg.Pool | undefined): Promise<RateLimits> {
    const rateLimits = new RateLimits(limits);
    for (const plan of Object.keys(limits) as Plan[]) {
      for (const window of Object.keys(WINDOW_SECONDS) as Window[]) {
        const points = limits[plan][perWindow(window)];
        rateLimits.limiters.set(`${plan}_${window}`, await limiter(`${plan}_${window}`, points, WINDOW_SECONDS[window], pool));
      }
      const perHour = limits[plan].sharedInferencePerHour;
      rateLimits.limiters.set(`${plan}_inference`, await limiter(`${plan}_inference`, perHour, 3600, pool));
    }
    return rateLimits;
  }

  /**
   * Takes `points` from the account's plan budget (1 per HTTP request; a GraphQL document as many as its cost says):
   * the minute's, then the day's. Headers describe the minute's window (the day's once that one refuses).
   */
  async consume(caller: AccountCaller, points = 1): Promise<RateDecision> {
    const minute = await this.take(caller, 'minute', points);
    if (!minute.allowed) return this.decide(caller.plan, 'minute', minute.res, false);
    const day = await this.take(caller, 'day', points);
    if (!day.allowed) return this.decide(caller.plan, 'day', day.res, false);
    return this.decide(caller.plan, 'minute', minute.res, true);
  }

  /**
   * One call of the shared inference API (HUB `POST /`, Platform and GraphQL predict), counted per account per hour
   * apart from the request budget; dedicated endpoints do not come here. Headers: `X-Inference-RateLimit-*`.
   */
  async consumeSharedInference(caller: AccountCaller): Promise<RateDecision> {
    const limiter = this.limiters.get(`${caller.plan}_inference`)!;
    const limit = this.limits[caller.plan].sharedInferencePerHour;
    let res: RateLimiterRes;
    let allowed = true;
    try {
      res = await limiter.consume(caller.accountId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      res = rejection;
      allowed = false;
    }
    const headers: Record<string, string> = {
      'X-Inference-RateLimit-Limit': String(limit),
      'X-Inference-RateLimit-Remaining': String(Math.max(0, res.remainingPoints)),
      'X-Inference-RateLimit-Reset': String(Math.ceil((Date.now() + res.msBeforeNext) / 1000)),
    };
    if (!allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil(res.msBeforeNext / 1000)));
    return { allowed, headers };
  }

  private async take(caller: AccountCaller, window: Window, points: number): Promise<{ allowed: boolean; res: RateLimiterRes }> {
    const limiter = this.limiters.get(`${caller.plan}_${window}`)!;
    try {
      return { allowed: true, res: await limiter.consume(caller.accountId, points) };
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

/** One limiter: in PostgreSQL when there is a pool (every gateway process shares it), else in this process's memory. */
async function limiter(keyPrefix: string, points: number, duration: number, pool: pg.Pool | undefined): Promise<RateLimiterAbstract> {
  const options = { keyPrefix, points, duration };
  if (!pool) return new RateLimiterMemory(options);
  return new Promise<RateLimiterAbstract>((resolve, reject) => {
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
  });
}

function perWindow(window: Window): 'perMinute' | 'perDay' {
  return window === 'minute' ? 'perMinute' : 'perDay';
}

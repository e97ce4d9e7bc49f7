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
  /** In-process budgets standing in for PostgreSQL's while it fails (rate-limiter-flexible's insurance limiter). */
  private readonly insurance = new Map<string, RateLimiterAbstract>();

  private constructor(
    private readonly limits: Record<Plan, PlanLimits>,
    private readonly pool: pg.Pool | undefined,
  ) {}

  static async create(limits: Record<Plan, PlanLimits>, pool: pg.Pool | undefined): Promise<RateLimits> {
    const rateLimits = new RateLimits(limits, pool);
    for (const plan of Object.keys(limits) as Plan[]) {
      for (const window of Object.keys(WINDOW_SECONDS) as Window[]) {
        const points = limits[plan][perWindow(window)];
        const options = { keyPrefix: `${plan}_${window}`, points, duration: WINDOW_SECONDS[window] };
        // The table itself is created by the limiter: the minute and day counters share it (`consumeInDatabase`).
        rateLimits.limiters.set(options.keyPrefix, await limiter(options.keyPrefix, points, options.duration, pool));
        rateLimits.insurance.set(options.keyPrefix, new RateLimiterMemory(options));
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
    if (this.pool) {
      const counted = await this.consumeInDatabase(this.pool, caller, points).catch((error: unknown) => {
        console.error('[gateway] rate-limit counters in PostgreSQL failed; counting in memory meanwhile:', (error as Error).message);
        return undefined;
      });
      if (counted) return counted;
    }
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

  /**
   * The minute's and the day's counters in one round trip to PostgreSQL (they were two, one after the other): the
   * same rows, keys and arithmetic as rate-limiter-flexible's upsert, so every gateway process (and one still
   * running the limiter itself) counts on the same rows, exactly. As before, the day is charged only when the minute
   * allowed the request.
   */
  private async consumeInDatabase(pool: pg.Pool, caller: AccountCaller, points: number): Promise<RateDecision> {
    const limits = this.limits[caller.plan];
    const now = Date.now();
    const { rows } = await pool.query<{
      minute_points: number;
      minute_expire: string;
      day_points: number | null;
      day_expire: string | null;
    }>({
      name: 'gateway-consume-minute-and-day',
      text: CONSUME_MINUTE_AND_DAY,
      values: [
        `${caller.plan}_minute:${caller.accountId}`,
        `${caller.plan}_day:${caller.accountId}`,
        points,
        now + WINDOW_SECONDS.minute * 1000,
        now + WINDOW_SECONDS.day * 1000,
        limits.perMinute,
        now,
      ],
    });
    const row = rows[0]!;
    const minute = counted(limits.perMinute, row.minute_points, Number(row.minute_expire), now);
    if (minute.consumedPoints > limits.perMinute) return this.decide(caller.plan, 'minute', minute, false);
    const day = counted(limits.perDay, row.day_points ?? 0, Number(row.day_expire ?? now), now);
    if (day.consumedPoints > limits.perDay) return this.decide(caller.plan, 'day', day, false);
    return this.decide(caller.plan, 'minute', minute, true);
  }

  private async take(caller: AccountCaller, window: Window, points: number): Promise<{ allowed: boolean; res: RateLimiterRes }> {
    // With PostgreSQL, this is the fallback while the database fails: the process's own memory.
    const limiter = (this.pool ? this.insurance : this.limiters).get(`${caller.plan}_${window}`)!;
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

/** The counters a window's row holds now, as rate-limiter-flexible reads them. */
const counted = (limit: number, consumed: number, expire: number, now: number) =>
  new RateLimiterRes(Math.max(limit - consumed, 0), Math.max(expire - now, 0), consumed);

/**
 * rate-limiter-flexible's upsert (a window that has expired starts again from `points`) for the minute ($1) and,
 * when the minute is within its limit ($6), the day ($2), in one statement.
 */
const CONSUME_MINUTE_AND_DAY = `
WITH minute AS (
  INSERT INTO gateway_rate_limits AS counter VALUES ($1::varchar, $3::integer, $4::bigint)
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN counter.expire <= $7::bigint THEN $3 ELSE counter.points + $3 END,
    expire = CASE WHEN counter.expire <= $7::bigint THEN $4 ELSE counter.expire END
  RETURNING points, expire
), day AS (
  INSERT INTO gateway_rate_limits AS counter SELECT $2::varchar, $3::integer, $5::bigint FROM minute WHERE minute.points <= $6::integer
  ON CONFLICT (key) DO UPDATE SET
    points = CASE WHEN counter.expire <= $7::bigint THEN $3 ELSE counter.points + $3 END,
    expire = CASE WHEN counter.expire <= $7::bigint THEN $5 ELSE counter.expire END
  RETURNING points, expire
)
SELECT minute.points AS minute_points, minute.expire AS minute_expire, day.points AS day_points, day.expire AS day_expire
FROM minute LEFT JOIN day ON true`;

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

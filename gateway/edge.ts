import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  acceptRequest,
  ReplayGuard,
  verifyCaller,
  type AccountCaller,
  type Caller,
  type SignedRequest,
  type VerifiedCaller,
} from '../kernel/auth.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { KeyIdentities } from './identity.js';
import type { RateLimits } from './rate-limits.js';

/** The CLI's credential: a caller signed with the gateway secret, which only the operator's machine has. */
export const OPERATOR_HEADER = 'x-operator-token';
/** The audience of operator tokens: the gateway itself. */
export const OPERATOR_AUDIENCE = 'gateway';

export type Reject = (res: Response, code: ErrorCode, message: string) => void;

export interface EdgeDeps {
  identities: KeyIdentities;
  rateLimits: RateLimits;
  secret: string;
  /** Operator tokens seen by this gateway: each is accepted once. */
  operatorReplays: ReplayGuard;
}

/** An API key as the seed's clients send it: `Authorization: Bearer ul_…` or `x-api-key: ul_…`. */
export function apiKeyOf(headers: Record<string, unknown>): string | undefined {
  const xApiKey = headers['x-api-key'];
  if (typeof xApiKey === 'string' && xApiKey.trim()) return xApiKey.trim();
  const authorization = headers['authorization'] ?? headers['Authorization'];
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return match[1];
  }
  return undefined;
}

const handle =
  (work: (req: Request, res: Response, next: NextFunction) => Promise<void>): RequestHandler =>
  (req, res, next) =>
    void work(req, res, next).catch(next);

/**
 * Who is calling: the account owning the API key (`res.locals.caller`), or, where `operator` is allowed, the CLI's
 * signed operator token (checked against its request once the body is read: `bindOperator`). Nothing is rate limited
 * here: routes choose their limits (dedicated endpoints take none).
 */
export function authenticate(deps: EdgeDeps, reject: Reject, options: { operator?: boolean } = {}): RequestHandler {
  return handle(async (req, res, next) => {
    if (options.operator && req.header(OPERATOR_HEADER) !== undefined) {
      const token = verifyCaller(req.header(OPERATOR_HEADER), deps.secret, OPERATOR_AUDIENCE);
      if (token?.caller.kind !== 'operator') return reject(res, 'UNAUTHORIZED', 'Invalid operator token');
      res.locals.operatorToken = token;
      res.locals.caller = token.caller satisfies Caller;
      return next();
    }
    const key = apiKeyOf(req.headers);
    const caller = key ? await deps.identities.resolve(key) : undefined;
    if (caller?.kind !== 'account') return reject(res, 'UNAUTHORIZED', key ? 'Invalid API key' : 'Missing API key');
    res.locals.caller = caller;
    res.locals.apiKey = key;
    next();
  });
}

/** After the body is read: an operator token must have been signed for exactly this request, and is used once. */
export function bindOperator(deps: EdgeDeps, reject: Reject): RequestHandler {
  return (req, res, next) => {
    const token = res.locals.operatorToken as VerifiedCaller | undefined;
    if (!token) return next();
    const body: unknown = req.body;
    const request = body && typeof body === 'object' && !Array.isArray(body) ? (body as SignedRequest) : {};
    if (!acceptRequest(token, request, deps.operatorReplays)) return reject(res, 'UNAUTHORIZED', 'Invalid operator token');
    next();
  };
}

/** The plan's requests per minute and per day: one per request; every authenticated answer carries X-RateLimit-*. */
export function limitRequests(deps: EdgeDeps, reject: Reject): RequestHandler {
  return handle(async (_req, res, next) => {
    const caller = res.locals.caller as Caller | undefined;
    if (caller?.kind !== 'account') return next(); // the operator is not rate limited
    const decision = await deps.rateLimits.consume(caller);
    res.set(decision.headers);
    if (!decision.allowed) return reject(res, 'RATE_LIMITED', 'Too many requests: rate limit exceeded for your plan');
    next();
  });
}

/** The shared inference API's calls per hour (HUB and Platform predict); refused before the upload is read. */
export function limitSharedInference(deps: EdgeDeps, reject: Reject): RequestHandler {
  return handle(async (_req, res, next) => {
    const caller = res.locals.caller as AccountCaller;
    const decision = await deps.rateLimits.consumeSharedInference(caller);
    res.set(decision.headers);
    if (!decision.allowed) {
      return reject(res, 'RATE_LIMITED', 'Too many predictions: the shared inference limit of your plan is reached for this hour');
    }
    next();
  });
}

/** Authentication and the plan's rate limit at the edge, the same for GraphQL, REST and HUB predict. */
export function edge(deps: EdgeDeps, reject: Reject, options: { operator?: boolean } = {}): RequestHandler[] {
  return [authenticate(deps, reject, options), limitRequests(deps, reject)];
}

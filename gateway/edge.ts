import type { NextFunction, Request, Response } from 'express';
import { verifyCaller, type Caller } from '../kernel/auth.js';
import type { ErrorCode } from '../kernel/errors.js';
import type { KeyIdentities } from './identity.js';
import type { RateLimits } from './rate-limits.js';

/** The CLI's credential: a caller signed with the gateway secret, which only the operator's machine has. */
export const OPERATOR_HEADER = 'x-operator-token';

export type Reject = (res: Response, code: ErrorCode, message: string) => void;

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

/**
 * Authentication and rate limiting at the edge, the same for GraphQL, REST and HUB predict.
 * Sets `res.locals.caller`; every authenticated response carries the X-RateLimit-* headers. Dedicated deployment
 * endpoints authenticate the same way but are not rate limited (`rateLimited: false`), as the platform docs say.
 */
export function edge(
  deps: { identities: KeyIdentities; rateLimits: RateLimits; secret: string },
  reject: Reject,
  { rateLimited = true }: { rateLimited?: boolean } = {},
) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const operator = verifyCaller(req.header(OPERATOR_HEADER), deps.secret);
      if (operator?.kind === 'operator') {
        res.locals.caller = operator satisfies Caller;
        return next();
      }
      const key = apiKeyOf(req.headers);
      const caller = key ? await deps.identities.resolve(key) : undefined;
      if (caller?.kind !== 'account') return reject(res, 'UNAUTHORIZED', key ? 'Invalid API key' : 'Missing API key');
      if (!rateLimited) {
        res.locals.caller = caller;
        return next();
      }
      const decision = await deps.rateLimits.consume(caller);
      res.set(decision.headers);
      if (!decision.allowed) return reject(res, 'RATE_LIMITED', 'Too many requests: rate limit exceeded for your plan');
      res.locals.caller = caller;
      next();
    } catch (error) {
      next(error);
    }
  };
}

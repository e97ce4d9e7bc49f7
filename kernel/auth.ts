import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Plan } from './config.js';
import { forbidden, unauthorized } from './errors.js';

/** What an API key may do. A key never grants more than the key that created it. */
export const SCOPES = ['account', 'datasets', 'projects', 'models', 'training', 'deployments', 'exports', 'predict', 'billing'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/**
 * Who is calling. `account` is an authenticated API key; `operator` is the CLI (trusted, acts for any account);
 * `gateway` is the gateway itself asking the account subgraph who owns a key.
 */
export type Caller =
  | {
      kind: 'account';
      accountId: string;
      plan: Plan;
      scopes: Scope[];
      keyId: string;
      /** The account's username, as `ul://<username>/…` addresses and Ultralytics clients spell it. */
      username?: string;
    }
  | { kind: 'operator' }
  | { kind: 'gateway' };

export type AccountCaller = Extract<Caller, { kind: 'account' }>;

/** The calling account, which must hold `scope` when one is given. */
export function requireAccount(caller: Caller | undefined, scope?: Scope): AccountCaller {
  if (!caller || caller.kind !== 'account') throw unauthorized();
  if (scope && !caller.scopes.includes(scope)) throw forbidden(`This API key lacks the "${scope}" scope`);
  return caller;
}

export function requireOperator(caller: Caller | undefined): void {
  if (caller?.kind !== 'operator') throw forbidden('Only the operator may do this');
}

export function requireGateway(caller: Caller | undefined): void {
  if (caller?.kind !== 'gateway') throw forbidden('Only the gateway may do this');
}

/** How long a signed caller is valid: long enough for one hop, short enough that a captured header soon dies. */
const TOKEN_TTL_MS = 60_000;

function hmac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * The gateway's signature on what it forwards: subgraphs trust the caller in this token and nothing else,
 * so `_entities` and queries cannot be sent around the gateway.
 */
export function signCaller(caller: Caller, secret: string, now = Date.now()): string {
  const payload = Buffer.from(JSON.stringify({ caller, exp: now + TOKEN_TTL_MS })).toString('base64url');
  return `${payload}.${hmac(secret, payload)}`;
}

export function verifyCaller(token: string | undefined, secret: string, now = Date.now()): Caller | undefined {
  if (!token) return undefined;
  const [payload, signature] = token.split('.');
  if (!payload || !signature) return undefined;
  const expected = Buffer.from(hmac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { caller, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { caller: Caller; exp: number };
    return exp > now ? caller : undefined;
  } catch {
    return undefined;
  }
}

/** Header that carries the signed caller from the gateway to a subgraph (and in `connection_init` for WebSockets). */
export const CALLER_HEADER = 'x-gateway-caller';

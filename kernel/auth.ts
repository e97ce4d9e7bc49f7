import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Upload } from 'graphql-upload-minimal';
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

/**
 * How long a signed caller is valid: one hop takes milliseconds; the margin covers a busy process and clock skew
 * between machines. Within it, each token is also bound to its subgraph and its request and accepted once.
 */
export const TOKEN_TTL_MS = 10_000;

/** Header that carries the signed caller from the gateway to a subgraph (and in `connection_init` for WebSockets). */
export const CALLER_HEADER = 'x-gateway-caller';

function hmac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** The GraphQL request a token is bound to: what the subgraph will run. */
export interface SignedRequest {
  query?: string | null;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** Uploads travel beside the operation (multipart), where the operation has null: digests see null either way. */
const uploadsAsNull = (_key: string, value: unknown) => (value instanceof Upload ? null : value);

/** A digest of the operation, its name and its variables: a token signed for one request does not run another. */
export function requestDigest(request: SignedRequest): string {
  const text = JSON.stringify([request.query ?? null, request.operationName ?? null, request.variables ?? null], uploadsAsNull);
  return createHash('sha256').update(text).digest('base64url');
}

/** What a verified token says: who calls, and the request it was signed for (null: a WebSocket connection). */
export interface VerifiedCaller {
  caller: Caller;
  digest: string | null;
  id: string;
  expires: number;
}

/**
 * The gateway's signature on what it forwards: subgraphs trust the caller in this token and nothing else, so
 * `_entities` and queries cannot be sent around the gateway. The token names its audience (the subgraph, or `gateway`
 * for the operator CLI), the request (`null` for a WebSocket connection, whose operations carry tokens of their own),
 * a random id for replay detection, and a short expiry.
 */
export function signCaller(caller: Caller, secret: string, audience: string, request: SignedRequest | null, now = Date.now()): string {
  const claims = {
    c: caller,
    a: audience,
    r: request ? requestDigest(request) : null,
    j: randomBytes(12).toString('base64url'),
    e: now + TOKEN_TTL_MS,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${hmac(secret, payload)}`;
}

/** Checks a token's signature, audience and expiry (nothing of the request yet: that needs its body). */
export function verifyCaller(token: unknown, secret: string, audience: string, now = Date.now()): VerifiedCaller | undefined {
  if (typeof token !== 'string' || token.length > 4096) return undefined;
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(hmac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const { c, a, r, j, e } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      c: Caller;
      a: string;
      r: string | null;
      j: string;
      e: number;
    };
    if (a !== audience || typeof j !== 'string' || typeof e !== 'number' || e <= now || e > now + 2 * TOKEN_TTL_MS) return undefined;
    return { caller: c, digest: r, id: j, expires: e };
  } catch {
    return undefined;
  }
}

/**
 * Token ids seen in this process within their lifetime: a captured token replayed here is refused. Tokens expire in
 * order of issue (same lifetime), so the oldest are dropped from the front as they expire: constant work per token.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  /** Whether this is the first use of the token here; remembers it until it expires. */
  accept(token: VerifiedCaller, now = Date.now()): boolean {
    for (const [id, expires] of this.seen) {
      if (expires > now) break;
      this.seen.delete(id);
    }
    if (this.seen.has(token.id)) return false;
    this.seen.set(token.id, token.expires);
    return true;
  }
}

/** The caller of a request whose token was verified: bound to exactly this request, and its first use. */
export function acceptRequest(token: VerifiedCaller | undefined, request: SignedRequest, replays: ReplayGuard): Caller | undefined {
  if (!token || token.digest === null || token.digest !== requestDigest(request)) return undefined;
  return replays.accept(token) ? token.caller : undefined;
}

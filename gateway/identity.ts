import type { ApolloServerPlugin } from '@apollo/server';
import { CALLER_HEADER, isScope, signCaller, type Caller } from '../kernel/auth.js';
import { isPlan } from '../kernel/config.js';

const IDENTITY_QUERY = 'query ApiKeyIdentity($key: String!) { apiKeyIdentity(key: $key) { keyId accountId username plan scopes } }';
/**
 * How long an answer is kept; every request within it skips a round trip. Revocations reach every gateway at once
 * through the event bus (`followRevocations`); this bounds only what the bus cannot tell (a gateway without one).
 */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;
const PLAUSIBLE_KEY = /^[\x21-\x7e]{8,200}$/;

/** Resolves API keys to callers by asking the account subgraph, which owns keys; answers are cached briefly. */
export class KeyIdentities {
  private readonly cache = new Map<string, { caller: Caller | undefined; expires: number }>();

  constructor(
    private readonly accountUrl: () => string,
    private readonly secret: string,
  ) {}

  async resolve(key: string): Promise<Caller | undefined> {
    // Keys are printable ASCII of modest length; anything else is no key, and costs no lookup.
    if (!PLAUSIBLE_KEY.test(key)) return undefined;
    const cached = this.cache.get(key);
    if (cached && cached.expires > Date.now()) return cached.caller;
    const caller = await this.lookup(key);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, { caller, expires: Date.now() + CACHE_MS });
    return caller;
  }

  /** Forget every cached answer, e.g. once a key was revoked through this gateway. */
  forget(): void {
    this.cache.clear();
  }

  /** Forget the answers for one key (revoked, in any process: the event bus says so). */
  forgetKey(keyId: string): void {
    for (const [key, { caller }] of this.cache) if (caller?.kind === 'account' && caller.keyId === keyId) this.cache.delete(key);
  }

  /** Forget the answers for every key of an account (deleted, or its plan changed). */
  forgetAccount(accountId: string): void {
    for (const [key, { caller }] of this.cache) if (caller?.kind === 'account' && caller.accountId === accountId) this.cache.delete(key);
  }

  private async lookup(key: string): Promise<Caller | undefined> {
    const request = { query: IDENTITY_QUERY, variables: { key } };
    const response = await fetch(this.accountUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: signCaller({ kind: 'gateway' }, this.secret, 'account', request) },
      body: JSON.stringify(request),
    });
    if (!response.ok) throw new Error(`account subgraph answered ${response.status} to a key lookup`);
    const body = (await response.json()) as {
      data?: { apiKeyIdentity: { keyId: string; accountId: string; username: string; plan: string; scopes: string[] } | null };
      errors?: unknown[];
    };
    if (body.errors?.length) throw new Error(`key lookup failed: ${JSON.stringify(body.errors)}`);
    const identity = body.data?.apiKeyIdentity;
    if (!identity || !isPlan(identity.plan)) return undefined;
    return {
      kind: 'account',
      keyId: identity.keyId,
      accountId: identity.accountId,
      username: identity.username,
      plan: identity.plan,
      scopes: identity.scopes.filter(isScope),
    };
  }
}

/**
 * A key revoked through this gateway stops working here before the answer leaves (other gateways hear of it on the
 * event bus: `followRevocations`).
 */
export function forgetKeysOnRevoke(identities: KeyIdentities): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
          if (data && ('revokeApiKey' in data || 'operatorRevokeApiKey' in data || 'requestAccountDeletion' in data)) identities.forget();
        },
      };
    },
  };
}

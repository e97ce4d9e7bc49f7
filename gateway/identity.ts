import type { ApolloServerPlugin } from '@apollo/server';
import { CALLER_HEADER, isScope, signCaller, type Caller } from '../kernel/auth.js';
import { isPlan } from '../kernel/config.js';

const IDENTITY_QUERY = 'query ApiKeyIdentity($key: String!) { apiKeyIdentity(key: $key) { keyId accountId username plan scopes } }';
/** A revoked key keeps working for at most this long; every request within it skips a round trip. */
const CACHE_MS = 5_000;
const CACHE_MAX = 10_000;

/** Resolves API keys to callers by asking the account subgraph, which owns keys; answers are cached briefly. */
export class KeyIdentities {
  private readonly cache = new Map<string, { caller: Caller | undefined; expires: number }>();

  constructor(
    private readonly accountUrl: () => string,
    private readonly secret: string,
  ) {}

  async resolve(key: string): Promise<Caller | undefined> {
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

  private async lookup(key: string): Promise<Caller | undefined> {
    const response = await fetch(this.accountUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: signCaller({ kind: 'gateway' }, this.secret) },
      body: JSON.stringify({ query: IDENTITY_QUERY, variables: { key } }),
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

/** A key revoked through this gateway stops working at once here (other gateways: within the cache time). */
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

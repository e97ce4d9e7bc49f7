import { createHash, randomBytes } from 'node:crypto';
import { ApiKeyCreated, ApiKeyRevoked } from '../../../contracts/index.js';
import { isScope, SCOPES, type Scope } from '../../../kernel/auth.js';
import type { Plan } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import { Account } from '../entities/account.js';
import { ApiKey } from '../entities/api-key.js';

export interface KeyInput {
  name?: string | null;
  scopes?: string[] | null;
  secret?: string;
}

export interface KeyIdentity {
  keyId: string;
  accountId: string;
  username: string;
  plan: Plan;
  scopes: Scope[];
}

const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');
/**
 * Keys are long random strings, so a fast hash is safe; a slow one would only slow every request. New keys are
 * `ul_` + 40 lower-case hex (160 bits), the form Ultralytics clients keep in their settings (they drop any other);
 * keys issued earlier in another form are looked up the same way and keep working.
 */
const newSecret = () => `ul_${randomBytes(20).toString('hex')}`;
/** Writing last-used on every request would turn reads into writes; once a minute is enough to be useful. */
const LAST_USED_RESOLUTION_MS = 60_000;

export class ApiKeys {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  create(accountId: string, input: KeyInput, allowedScopes: readonly Scope[] = SCOPES): Promise<{ apiKey: ApiKey; secret: string }> {
    return this.db.transaction((em) => this.createIn(em, accountId, input, allowedScopes));
  }

  /** Creates a key inside the caller's transaction. `secret` is given only for BOOTSTRAP_API_KEY. */
  async createIn(
    em: EntityManager,
    accountId: string,
    input: KeyInput,
    allowedScopes: readonly Scope[] = SCOPES,
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const name = (input.name ?? 'default').trim();
    if (name.length === 0 || name.length > 100) throw validationError('name must be 1 to 100 characters', { name });
    const scopes = input.scopes ?? [...allowedScopes];
    const unknown = scopes.filter((scope) => !isScope(scope));
    if (unknown.length > 0) throw validationError(`Unknown scopes: ${unknown.join(', ')}`, { allowed: SCOPES });
    const beyond = scopes.filter((scope) => !allowedScopes.includes(scope as Scope));
    if (beyond.length > 0) throw validationError(`A key cannot grant scopes its creator lacks: ${beyond.join(', ')}`);
    const secret = input.secret ?? newSecret();
    if (!(await em.findOne(Account, accountId))) throw notFound('Account', accountId);
    const apiKey = em.create(ApiKey, {
      id: newId('key'),
      accountId,
      name,
      secretHash: hashSecret(secret),
      prefix: secret.slice(0, 11),
      scopes: [...new Set(scopes as Scope[])],
      createdAt: new Date(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await em.flush();
    await this.events.publish(em, ApiKeyCreated, accountId, { keyId: apiKey.id, name });
    return { apiKey, secret };
  }

  list(em: EntityManager, accountId: string, page: Page): Promise<{ items: ApiKey[]; total: number }> {
    return findPage(em, ApiKey, { accountId, revokedAt: null }, page);
  }

  /** Revokes one of the caller's keys; any other id is simply not found. `accountId` null: the operator, any key. */
  async revoke(accountId: string | null, keyId: string): Promise<ApiKey> {
    return this.db.transaction(async (em) => {
      const apiKey = await em.findOne(ApiKey, { id: keyId, revokedAt: null, ...(accountId ? { accountId } : {}) });
      if (!apiKey) throw notFound('API key', keyId);
      apiKey.revokedAt = new Date();
      await em.flush();
      await this.events.publish(em, ApiKeyRevoked, apiKey.accountId, { keyId, name: apiKey.name });
      return apiKey;
    });
  }

  async identify(em: EntityManager, secret: string): Promise<KeyIdentity | null> {
    const apiKey = await em.findOne(ApiKey, { secretHash: hashSecret(secret), revokedAt: null });
    if (!apiKey) return null;
    const account = await em.findOneOrFail(Account, apiKey.accountId);
    const now = new Date();
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: now });
    }
    return { keyId: apiKey.id, accountId: account.id, username: account.username, plan: account.plan, scopes: apiKey.scopes };
  }

  async isKnown(em: EntityManager, secret: string): Promise<boolean> {
    return (await em.count(ApiKey, { secretHash: hashSecret(secret) })) > 0;
  }
}

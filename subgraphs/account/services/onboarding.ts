import type { Plan } from '../../../kernel/config.js';
import type { Database } from '../../../kernel/database.js';
import type { Account } from '../entities/account.js';
import type { ApiKey } from '../entities/api-key.js';
import type { Accounts } from './accounts.js';
import type { ApiKeys } from './api-keys.js';

/** New accounts: each comes with a first key holding every scope, written together or not at all. */
export class Onboarding {
  constructor(
    private readonly db: Database,
    private readonly accounts: Accounts,
    private readonly apiKeys: ApiKeys,
  ) {}

  createAccountWithKey(input: {
    email: string;
    plan?: string | null;
    username?: string | null;
    secret?: string;
  }): Promise<{ account: Account; apiKey: ApiKey; secret: string }> {
    return this.db.transaction(async (em) => {
      const account = await this.accounts.createIn(em, input);
      const { apiKey, secret } = await this.apiKeys.createIn(em, account.id, { name: 'default', secret: input.secret });
      return { account, apiKey, secret };
    });
  }

  /** BOOTSTRAP_API_KEY: on start, an unknown key gets an account of its own, so a fresh install is usable at once. */
  async bootstrap(secret: string, plan: Plan): Promise<void> {
    if (await this.apiKeys.isKnown(this.db.em(), secret)) return;
    const suffix = secret.slice(3, 11).toLowerCase();
    await this.createAccountWithKey({ email: `bootstrap-${suffix}@localhost`, plan, secret });
  }
}

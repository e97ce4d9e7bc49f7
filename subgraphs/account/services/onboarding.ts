import type { Plan } from '../../../kernel/config.js';
import type { Database } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import type { Account } from '../entities/account.js';
import type { ApiKey } from '../entities/api-key.js';
import { Accounts } from './accounts.js';
import { ApiKeys } from './api-keys.js';

/** A new account and its first key, holding every scope, written together or not at all. */
export async function createAccountWithKey(
  db: Database,
  events: EventBus,
  input: { email: string; plan?: string | null; secret?: string },
): Promise<{ account: Account; apiKey: ApiKey; secret: string }> {
  return db.transaction(async (em) => {
    const account = await new Accounts().createIn(em, input);
    const { apiKey, secret } = await new ApiKeys(db, events).createIn(em, account.id, { name: 'default', secret: input.secret });
    return { account, apiKey, secret };
  });
}

/** BOOTSTRAP_API_KEY: on start, an unknown key gets an account of its own, so a fresh install is usable at once. */
export async function bootstrapKey(db: Database, events: EventBus, secret: string, plan: Plan): Promise<void> {
  const keys = new ApiKeys(db, events);
  if (await keys.isKnown(db.em(), secret)) return;
  const suffix = secret.slice(3, 11).toLowerCase();
  await createAccountWithKey(db, events, { email: `bootstrap-${suffix}@localhost`, plan, secret });
}

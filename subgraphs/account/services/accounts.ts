import { AccountCreated } from '../../../contracts/index.js';
import { isPlan, PLANS, type Plan } from '../../../kernel/config.js';
import type { EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { Account } from '../entities/account.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export class Accounts {
  constructor(private readonly events: EventBus) {}

  /** Creates an account inside the caller's transaction (it always comes with a first key). */
  async createIn(em: EntityManager, input: { email: string; plan?: string | null }): Promise<Account> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw validationError('email is not a valid address', { email: input.email });
    const plan = input.plan ?? 'free';
    if (!isPlan(plan)) throw validationError(`plan must be one of ${PLANS.join(', ')}`, { plan });
    if (await em.findOne(Account, { email })) throw validationError('An account with this email exists', { email });
    const account = em.create(Account, { id: newId('user'), email, plan: plan as Plan, createdAt: new Date() });
    await em.flush();
    await this.events.publish(em, AccountCreated, account.id, { email, plan: account.plan });
    return account;
  }

  async get(em: EntityManager, id: string): Promise<Account> {
    const account = await em.findOne(Account, id);
    if (!account) throw notFound('Account', id);
    return account;
  }
}

import { AccountCreated } from '../../../contracts/index.js';
import { isPlan, PLANS, type Plan } from '../../../kernel/config.js';
import type { EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { Account } from '../entities/account.js';
import { checkUsername, firstFreeUsername, usernameFromEmail } from './usernames.js';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export class Accounts {
  constructor(private readonly events: EventBus) {}

  /** Creates an account inside the caller's transaction (it always comes with a first key). */
  async createIn(em: EntityManager, input: { email: string; plan?: string | null; username?: string | null }): Promise<Account> {
    const email = input.email.trim().toLowerCase();
    if (!EMAIL.test(email)) throw validationError('email is not a valid address', { email: input.email });
    const plan = input.plan ?? 'free';
    if (!isPlan(plan)) throw validationError(`plan must be one of ${PLANS.join(', ')}`, { plan });
    if (await em.findOne(Account, { email })) throw validationError('An account with this email exists', { email });
    const username = input.username ? await this.chosenUsername(em, input.username) : await this.defaultUsername(em, email);
    const account = em.create(Account, { id: newId('user'), email, username, plan: plan as Plan, createdAt: new Date() });
    await em.flush();
    await this.events.publish(em, AccountCreated, account.id, { email, plan: account.plan });
    return account;
  }

  /** A username asked for: valid and free, or refused (never silently changed). */
  private async chosenUsername(em: EntityManager, value: string): Promise<string> {
    const username = checkUsername(value);
    if (await em.findOne(Account, { username })) throw validationError('This username is taken', { username });
    return username;
  }

  /** The email's username, with a number when it is taken (`ana`, `ana-2`, ...). */
  private async defaultUsername(em: EntityManager, email: string): Promise<string> {
    const base = usernameFromEmail(email);
    // Usernames are [a-z0-9-] only, so `like` has no wildcard in `base` to worry about.
    const taken = await em.find(Account, { $or: [{ username: base }, { username: { $like: `${base}-%` } }] }, { fields: ['username'] });
    return firstFreeUsername(base, new Set(taken.map((account) => account.username)));
  }

  async get(em: EntityManager, id: string): Promise<Account> {
    const account = await em.findOne(Account, id);
    if (!account) throw notFound('Account', id);
    return account;
  }
}

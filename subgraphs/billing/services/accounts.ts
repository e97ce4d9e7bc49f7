import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import { BillingAccount } from '../entities/billing-account.js';
import { LedgerEntry } from '../entities/ledger-entry.js';
import { ACCOUNTS_CONSUMER } from './consumers.js';
import type { Appended, Ledger } from './ledger.js';

/** The most one `credits add` may grant: $1,000,000. */
const MAX_OPERATOR_CREDIT = 1_000_000 * 1_000_000;

export interface Transaction extends LedgerEntry {
  /** Total balance (cash + credit) right after this entry. */
  balanceAfter: number;
}

/** Accounts as billing knows them: their transactions, and what the operator grants. */
export class BillingAccounts {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly ledger: Ledger,
  ) {}

  /**
   * Accounts reach billing through `account.created`: one asked about right after sign-up waits for billing to catch
   * up once (its sign-up credit is then booked) before it is not found.
   */
  async requireKnown(accountId: string): Promise<void> {
    const known = () => this.db.em().count(BillingAccount, { accountId, email: { $ne: null } });
    if ((await known()) > 0) return;
    await this.events.catchUp(ACCOUNTS_CONSUMER);
    if ((await known()) === 0) throw notFound('Account', accountId);
  }

  /** The operator's grant (`credits add`): each one a cause of its own. */
  async addCredits(accountId: string, amountMicroUsd: number, reason: string | null): Promise<Appended> {
    if (!Number.isSafeInteger(amountMicroUsd) || amountMicroUsd <= 0 || amountMicroUsd > MAX_OPERATOR_CREDIT) {
      throw validationError(`amount must be a whole number of micro-dollars from 1 to ${MAX_OPERATOR_CREDIT}`, { amount: amountMicroUsd });
    }
    if (reason !== null && reason.length > 500) throw validationError('reason must be at most 500 characters');
    await this.requireKnown(accountId);
    const appended = await this.db.transaction((em) =>
      this.ledger.append(em, accountId, () => ({
        kind: 'adjustment',
        causeKey: `operator:${newId('grant')}`,
        creditDelta: amountMicroUsd,
        description: reason?.trim() || `Credit added by the operator: $${(amountMicroUsd / 1_000_000).toFixed(2)}`,
      })),
    );
    return appended!;
  }

  /** The account's entries, newest first, each with the total balance right after it. */
  async transactions(em: EntityManager, accountId: string, page: Page): Promise<{ items: Transaction[]; total: number }> {
    const { items, total } = await findPage(em, LedgerEntry, { accountId }, page, { sequence: 'desc' });
    if (items.length === 0) return { items: [], total };
    const oldest = items.at(-1)!.sequence;
    const [row] = await em.execute<{ before: string }[]>(
      `select coalesce(sum(cash_delta + credit_delta), 0)::text as before from billing.ledger_entries
        where account_id = ? and sequence < ?`,
      [accountId, oldest],
    );
    let running = Number(row?.before ?? 0);
    const after = new Map<string, number>();
    for (const entry of [...items].reverse()) {
      running += entry.cashDelta + entry.creditDelta;
      after.set(entry.id, running);
    }
    return { items: items.map((entry) => Object.assign(entry, { balanceAfter: after.get(entry.id)! })), total };
  }

  /** The entry an operator grant appended. */
  async entry(em: EntityManager, entryId: string): Promise<Transaction> {
    const entry = await em.findOneOrFail(LedgerEntry, entryId);
    const [row] = await em.execute<{ after: string }[]>(
      `select coalesce(sum(cash_delta + credit_delta), 0)::text as after from billing.ledger_entries where account_id = ? and sequence <= ?`,
      [entry.accountId, entry.sequence],
    );
    return Object.assign(entry, { balanceAfter: Number(row?.after ?? 0) });
  }
}

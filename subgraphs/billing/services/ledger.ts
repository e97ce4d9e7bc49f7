import { BalanceChanged, type Balances } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { EntityManager } from '../../../kernel/database.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import type { EntryKind } from '../entities/ledger-entry.js';

export type { Balances } from '../../../contracts/index.js';

/** What one entry books; deltas are signed micro-dollars (a charge is negative). */
export interface EntryInput {
  kind: EntryKind;
  /** Unique among all entries ever: the database refuses a second entry with the same cause. */
  causeKey: string;
  cashDelta?: number;
  creditDelta?: number;
  reservedDelta?: number;
  description: string;
  resourceType?: string;
  resourceId?: string;
  gpuType?: string;
  quantitySeconds?: number;
}

export interface Appended {
  entryId: string;
  balances: Balances;
}

const ZERO: Balances = { cashBalance: 0, creditBalance: 0, reservedAmount: 0, totalBalance: 0, availableBalance: 0 };

function balancesOf(cash: number, credit: number, reserved: number): Balances {
  const total = cash + credit;
  return { cashBalance: cash, creditBalance: credit, reservedAmount: reserved, totalBalance: total, availableBalance: total - reserved };
}

/**
 * The append-only ledger. Balances are never stored: they are the sums of an account's entries, read under the
 * account's lock in the transaction that appends, so an entry and the balance it leads to always agree. Every
 * appended entry publishes `billing.balance-changed` in the same transaction.
 */
export class Ledger {
  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** The account's balances now (outside a lock: what a reader sees). */
  async balances(em: EntityManager, accountId: string): Promise<Balances> {
    const [row] = await em.execute<{ cash: string; credit: string; reserved: string }[]>(
      `select coalesce(sum(cash_delta), 0)::text as cash, coalesce(sum(credit_delta), 0)::text as credit,
          coalesce(sum(reserved_delta), 0)::text as reserved
        from billing.ledger_entries where account_id = ?`,
      [accountId],
    );
    return row ? balancesOf(Number(row.cash), Number(row.credit), Number(row.reserved)) : ZERO;
  }

  /**
   * Inside the caller's transaction: locks the account, reads its balances, and appends what `build` makes of them
   * (nothing when it returns null). Returns undefined when nothing was appended, also when the entry's cause was
   * booked before (a redelivered event, a redelivered webhook): the unique cause key decides, not a prior look-up.
   */
  async append(
    em: EntityManager,
    accountId: string,
    build: (balances: Balances) => EntryInput | null | Promise<EntryInput | null>,
  ): Promise<Appended | undefined> {
    const entries = await this.lock(em, accountId);
    const before = await this.balances(em, accountId);
    const input = await build(before);
    if (!input) return undefined;
    const [cash, credit, reserved] = [input.cashDelta ?? 0, input.creditDelta ?? 0, input.reservedDelta ?? 0];
    const entryId = newId('txn');
    const inserted = await em.execute<unknown[]>(
      `insert into billing.ledger_entries (id, account_id, sequence, kind, cause_key, cash_delta, credit_delta, reserved_delta,
          description, resource_type, resource_id, gpu_type, quantity_seconds, created_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (cause_key) do nothing returning 1`,
      [
        entryId,
        accountId,
        entries + 1,
        input.kind,
        input.causeKey,
        cash,
        credit,
        reserved,
        input.description,
        input.resourceType ?? null,
        input.resourceId ?? null,
        input.gpuType ?? null,
        input.quantitySeconds ?? null,
        this.clock.now(),
      ],
    );
    if (inserted.length === 0) return undefined;
    await em.execute(`update billing.accounts set entries = entries + 1 where account_id = ?`, [accountId]);
    const balances = balancesOf(before.cashBalance + cash, before.creditBalance + credit, before.reservedAmount + reserved);
    await this.events.publish(em, BalanceChanged, accountId, { ...balances, sequence: entries + 1, kind: input.kind });
    return { entryId, balances };
  }

  /** Publishes the balances as they are (an account billing has just learnt of, with nothing booked yet). */
  async announce(em: EntityManager, accountId: string): Promise<void> {
    const entries = await this.lock(em, accountId);
    const balances = await this.balances(em, accountId);
    await this.events.publish(em, BalanceChanged, accountId, { ...balances, sequence: entries, kind: 'opening' });
  }

  /** How much is held for one piece of work (a training job): the sum of its reservation entries. */
  async reservedFor(em: EntityManager, accountId: string, resourceType: string, resourceId: string): Promise<number> {
    const [row] = await em.execute<{ reserved: string }[]>(
      `select coalesce(sum(reserved_delta), 0)::text as reserved from billing.ledger_entries
        where account_id = ? and resource_type = ? and resource_id = ?`,
      [accountId, resourceType, resourceId],
    );
    return Number(row?.reserved ?? 0);
  }

  /** Whether a cause has been booked (for ordering questions only; double booking is the unique key's job). */
  async booked(em: EntityManager, causeKey: string): Promise<boolean> {
    return (await em.execute<unknown[]>(`select 1 from billing.ledger_entries where cause_key = ?`, [causeKey])).length > 0;
  }

  /** Creates the account's row when unknown and locks it for the rest of the transaction; returns its entry count. */
  private async lock(em: EntityManager, accountId: string): Promise<number> {
    await em.execute(
      `insert into billing.accounts (account_id, entries, created_at) values (?, 0, ?) on conflict (account_id) do nothing`,
      [accountId, this.clock.now()],
    );
    const [row] = await em.execute<{ entries: number }[]>(`select entries from billing.accounts where account_id = ? for update`, [
      accountId,
    ]);
    return row!.entries;
  }
}

/** A charge taken from granted credit first, then from purchased cash (which may go negative: running work finishes). */
export function splitCharge(balances: Balances, amount: number): { creditDelta: number; cashDelta: number } {
  const fromCredit = Math.min(amount, Math.max(0, balances.creditBalance));
  return { creditDelta: -fromCredit, cashDelta: -(amount - fromCredit) };
}

/** What `seconds` at `hourlyPriceMicroUsd` cost, in whole micro-dollars. */
export function priceOf(seconds: number, hourlyPriceMicroUsd: number): number {
  return Math.round((seconds * hourlyPriceMicroUsd) / 3600);
}

/** The billing period of a moment: its calendar month, UTC (`YYYY-MM`). */
export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The first moment of a period and of the next one. */
export function periodBounds(period: string): { start: Date; end: Date } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return { start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
}

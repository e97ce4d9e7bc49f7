import { defineEntity, p } from '@mikro-orm/core';

export const ENTRY_KINDS = [
  'signup_credit',
  'monthly_credit',
  'adjustment',
  'purchase',
  'reservation',
  'release',
  'charge',
  'refund',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/**
 * One line of an account's ledger, never changed once written. Its cause (`causeKey`: a job, a payment, a usage
 * period, a grant period) is unique, so the database itself refuses to book a cause twice. An entry moves up to three
 * balances at once: cash (purchased), credit (granted) and reserved (held for running work).
 */
const LedgerEntrySchema = defineEntity({
  name: 'LedgerEntry',
  tableName: 'billing.ledger_entries',
  uniques: [
    { name: 'ledger_entries_cause_key_unique', properties: ['causeKey'] },
    { name: 'ledger_entries_account_sequence_unique', properties: ['accountId', 'sequence'] },
  ],
  indexes: [{ name: 'ledger_entries_account_created_index', properties: ['accountId', 'createdAt'] }],
  properties: {
    id: p.text().primary(),
    accountId: p.text(),
    /** 1, 2, 3, ... within the account: the order its balances changed in. */
    sequence: p.integer(),
    kind: p.text().$type<EntryKind>(),
    causeKey: p.text(),
    cashDelta: p.bigint('number'),
    creditDelta: p.bigint('number'),
    reservedDelta: p.bigint('number'),
    description: p.text(),
    /** What it is about: `training` + job id, `deployment` + deployment id, `export` + export id, `payment` + id. */
    resourceType: p.text().nullable(),
    resourceId: p.text().nullable(),
    /** Usage charges: the GPU type and the seconds charged. */
    gpuType: p.text().nullable(),
    quantitySeconds: p.double().nullable(),
    createdAt: p.datetime(),
  },
});

export class LedgerEntry extends LedgerEntrySchema.class {}
LedgerEntrySchema.setClass(LedgerEntry);
export { LedgerEntrySchema };

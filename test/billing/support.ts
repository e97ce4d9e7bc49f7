import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { expect } from 'vitest';
import { runCli } from '../../cli/main.js';
import type { AnyEventContract, PayloadOf } from '../../kernel/event-contract.js';
import { ACCOUNTS_CONSUMER, DEPLOYMENTS_CONSUMER, TRAINING_CONSUMER } from '../../subgraphs/billing/services/consumers.js';
import { BILLING_VIEW_CONSUMER } from '../../subgraphs/training/services/billing-read-model.js';
import { api, type TestPlatform } from '../support/platform.js';

export interface Balance {
  cashBalance: number;
  creditBalance: number;
  reservedAmount: number;
  totalBalance: number;
  availableBalance: number;
  plan: string;
}

export interface Transaction {
  id: string;
  kind: string;
  type: string;
  amount: number;
  cashAmount: number;
  creditAmount: number;
  reservedAmount: number;
  balanceAfter: number;
  description: string;
  resourceType: string | null;
  resourceId: string | null;
}

export async function balanceOf(platform: TestPlatform, key: string): Promise<Balance> {
  const response = await api(platform, key, 'GET', '/api/billing/balance');
  if (response.status !== 200) throw new Error(`balance: ${JSON.stringify(response.body)}`);
  return response.body.data as Balance;
}

/** Every entry of the caller's ledger, newest first, read page by page through REST. */
export async function ledgerOf(platform: TestPlatform, key: string): Promise<Transaction[]> {
  const entries: Transaction[] = [];
  for (let page = 1; ; page++) {
    const response = await api(platform, key, 'GET', `/api/billing/transactions?page=${page}&limit=100`);
    if (response.status !== 200) throw new Error(`transactions: ${JSON.stringify(response.body)}`);
    entries.push(...(response.body.data as Transaction[]));
    if (entries.length >= response.body.meta.total) return entries;
  }
}

/** The ledger's entries added up, per balance, and checked against the balance the API reports. */
export async function expectLedgerToAddUp(platform: TestPlatform, key: string): Promise<{ balance: Balance; ledger: Transaction[] }> {
  const [ledger, balance] = [await ledgerOf(platform, key), await balanceOf(platform, key)];
  const sum = (pick: (entry: Transaction) => number) => ledger.reduce((total, entry) => total + pick(entry), 0);
  expect({
    cashBalance: sum((entry) => entry.cashAmount),
    creditBalance: sum((entry) => entry.creditAmount),
    reservedAmount: sum((entry) => entry.reservedAmount),
    totalBalance: sum((entry) => entry.amount),
  }).toEqual({
    cashBalance: balance.cashBalance,
    creditBalance: balance.creditBalance,
    reservedAmount: balance.reservedAmount,
    totalBalance: balance.totalBalance,
  });
  expect(balance.availableBalance).toBe(balance.totalBalance - balance.reservedAmount);
  // Each entry's balanceAfter is the one before plus its amount.
  for (let i = 0; i < ledger.length - 1; i++) expect(ledger[i]!.balanceAfter).toBe(ledger[i + 1]!.balanceAfter + ledger[i]!.amount);
  if (ledger.length > 0) expect(ledger[0]!.balanceAfter).toBe(balance.totalBalance);
  return { balance, ledger };
}

/** The operator CLI against the running test platform. */
export function cli(platform: TestPlatform, ...args: string[]): Promise<any> {
  return runCli(args, { ...platform.config, port: Number(new URL(platform.url).port) });
}

/** An operation as the operator, through the running gateway (what the CLI does). */
export async function asOperator<R, V>(platform: TestPlatform, document: TypedDocumentNode<R, V>, variables?: V): Promise<R> {
  const result = await platform.platform.gateway.execute(document, variables as Record<string, unknown>, { kind: 'operator' });
  if (result.errors?.length) throw new Error(`${print(document)}: ${JSON.stringify(result.errors)}`);
  return result.data as R;
}

/**
 * Publishes an event as its producer would (an at-least-once producer may publish the same fact twice), then waits
 * for billing's consumers to take it.
 */
export async function publish<Contract extends AnyEventContract>(
  platform: TestPlatform,
  contract: Contract,
  accountId: string,
  payload: PayloadOf<Contract>,
): Promise<void> {
  const { db, events } = platform.platform.subgraphs.runtime;
  await db.transaction((em) => events.publish(em, contract, accountId, payload));
  await caughtUp(platform);
}

/** Waits until billing's consumers, and training's view of billing, have taken everything committed so far. */
export async function caughtUp(platform: TestPlatform): Promise<void> {
  const { events } = platform.platform.subgraphs.runtime;
  for (const consumer of [ACCOUNTS_CONSUMER, TRAINING_CONSUMER, DEPLOYMENTS_CONSUMER, BILLING_VIEW_CONSUMER]) {
    expect(await events.catchUp(consumer, 20_000), consumer).toBe(true);
  }
}

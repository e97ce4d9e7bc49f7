/**
 * The platform's event contracts: every domain event with its payload schema and public projection. Subgraphs publish
 * and consume events only through these, so a payload is declared once and checked at both ends.
 */
import type { AnyEventContract } from '../kernel/event-contract.js';
import * as account from './account.js';
import * as billing from './billing.js';
import * as catalog from './catalog.js';
import * as deployment from './deployment.js';
import * as gdpr from './gdpr.js';
import * as training from './training.js';

export * from './account.js';
export * from './billing.js';
export * from './catalog.js';
export * from './deployment.js';
export * from './gdpr.js';
export * from './training.js';

const isContract = (value: unknown): value is AnyEventContract =>
  typeof value === 'object' && value !== null && 'type' in value && 'payload' in value && 'public' in value;

/** Every contract by event type. */
export const EVENT_CONTRACTS: ReadonlyMap<string, AnyEventContract> = new Map(
  [account, billing, catalog, deployment, gdpr, training].flatMap((module) =>
    Object.values(module)
      .filter(isContract)
      .map((contract) => [contract.type, contract]),
  ),
);

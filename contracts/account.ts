import { z } from 'zod';
import { defineEvent, type PublicView } from '../kernel/event-contract.js';
import { PLANS } from '../kernel/config.js';

/** Events of the account subgraph: accounts and their API keys. */

export const AccountCreated = defineEvent({
  type: 'account.created',
  payload: z.object({ email: z.string(), plan: z.enum(PLANS) }),
  public: null,
});

/** The account's plan changed (its Pro subscription started or ended). */
export const AccountPlanChanged = defineEvent({
  type: 'account.plan-changed',
  payload: z.object({ plan: z.enum(PLANS), previousPlan: z.enum(PLANS) }),
  public: (p) => ({
    resource: { type: 'plan', id: p.plan },
    summary: `Plan changed from ${p.previousPlan} to ${p.plan}`,
    data: { plan: p.plan, previousPlan: p.previousPlan },
  }),
});

const apiKey = z.object({ keyId: z.string(), name: z.string() });
const keyView =
  (verb: string) =>
  ({ keyId, name }: z.output<typeof apiKey>): PublicView => ({
    resource: { type: 'api_key', id: keyId, name },
    summary: `API key "${name}" ${verb}`,
    data: { keyId, name },
  });

export const ApiKeyCreated = defineEvent({ type: 'apikey.created', payload: apiKey, public: keyView('created') });
export const ApiKeyRevoked = defineEvent({ type: 'apikey.revoked', payload: apiKey, public: keyView('revoked') });

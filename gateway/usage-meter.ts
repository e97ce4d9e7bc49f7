import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';
import { CALLER_HEADER, signCaller } from '../kernel/auth.js';
import type { GatewayContext } from './data-source.js';

/** How often counts go to billing. A gateway that dies loses at most this much of its counts. */
const FLUSH_MS = 10_000;
const MAX_COUNT = 1_000_000_000;
const RECORD = 'mutation RecordApiUsage($usage: [ApiUsageInput!]!) { recordApiUsage(usage: $usage) }';

interface Counts {
  apiRequests: number;
  predictions: number;
}

const rootFields = (operation: OperationDefinitionNode | undefined) =>
  operation?.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : [])) ?? [];

/**
 * Counts each account's API requests and predictions in memory and sends them to billing in one batch every few
 * seconds, so the hot path never writes to a database. Every operation the gateway executes for an account is one
 * request (a REST route, a GraphQL request, HUB predict); a `predict` that answered is one prediction. A usage
 * summary flushes first, so it includes the caller's own latest requests.
 */
export class UsageMeter {
  private pending = new Map<string, Counts>();
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly billingUrl: () => string,
    private readonly secret: string,
    intervalMs = FLUSH_MS,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  count(accountId: string, metric: keyof Counts): void {
    this.add(accountId, { apiRequests: 0, predictions: 0, [metric]: 1 });
  }

  /** Sends what is pending; waits for a flush under way first. Counts that could not be sent are kept for the next. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.send(batch)
      .catch((error: unknown) => {
        console.error('[gateway] sending usage counts to billing failed, will retry:', (error as Error).message);
        for (const [accountId, counts] of batch) this.add(accountId, counts);
      })
      .finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async ({ contextValue }) => {
        const caller = contextValue.caller;
        if (caller?.kind !== 'account') return;
        this.count(caller.accountId, 'apiRequests');
        let predict = false;
        return {
          didResolveOperation: async ({ operation }) => {
            const fields = rootFields(operation);
            predict = operation?.operation === 'mutation' && fields.includes('predict');
            if (fields.includes('usageSummary')) await this.flush();
          },
          willSendResponse: async ({ response }) => {
            if (predict && response.body.kind === 'single' && !response.body.singleResult.errors?.length) {
              this.count(caller.accountId, 'predictions');
            }
          },
        };
      },
    };
  }

  private add(accountId: string, counts: Counts): void {
    const pending = this.pending.get(accountId) ?? { apiRequests: 0, predictions: 0 };
    // Capped (billing takes at most this much per flush): only reached if billing stayed unreachable for very long.
    pending.apiRequests = Math.min(MAX_COUNT, pending.apiRequests + counts.apiRequests);
    pending.predictions = Math.min(MAX_COUNT, pending.predictions + counts.predictions);
    this.pending.set(accountId, pending);
  }

  private async send(batch: Map<string, Counts>): Promise<void> {
    const usage = [...batch].map(([accountId, counts]) => ({ accountId, ...counts }));
    // Signed for billing and for this very request, like every hop (kernel/auth.ts).
    const request = { query: RECORD, variables: { usage } };
    const response = await fetch(this.billingUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CALLER_HEADER]: signCaller({ kind: 'gateway' }, this.secret, 'billing', request) },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => ({}))) as { errors?: unknown[] };
    if (!response.ok || body.errors?.length) throw new Error(`billing answered ${response.status} ${JSON.stringify(body.errors ?? '')}`);
  }
}

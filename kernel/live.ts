import { createPubSub, filter, pipe } from '@graphql-yoga/subscription';
import type { AnyEventContract, DomainEvent, EventOf } from './event-contract.js';
import type { EventBus } from './events.js';

/**
 * The one live feed every subscription reads: this process's committed events, fanned out per account. A subscriber
 * names the contracts it follows and only ever sees its own account's events of those types.
 */
export class LiveEvents {
  private readonly pubSub = createPubSub<{ account: [accountId: string, event: DomainEvent] }>();

  constructor(events: EventBus) {
    events.onLive((event) => {
      if (event.accountId) this.pubSub.publish('account', event.accountId, event);
    });
  }

  subscribe<Contract extends AnyEventContract>(
    accountId: string,
    contracts: readonly Contract[],
    where: (event: EventOf<Contract>) => boolean = () => true,
  ): AsyncIterable<EventOf<Contract>> {
    const types = new Set(contracts.map((contract) => contract.type));
    return pipe(
      this.pubSub.subscribe('account', accountId),
      filter((event: DomainEvent): event is EventOf<Contract> => types.has(event.type) && where(event as EventOf<Contract>)),
    ) as AsyncIterable<EventOf<Contract>>;
  }
}

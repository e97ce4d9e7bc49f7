import { createPubSub, filter, pipe } from '@graphql-yoga/subscription';
import type { DomainEvent, EventBus } from '../../../kernel/events.js';
import type { JobEventPayload } from './training-events.js';

type ProgressPubSub = ReturnType<typeof createPubSub<{ training: [string, DomainEvent<JobEventPayload>] }>>;

const feeds = new WeakMap<EventBus, ProgressPubSub>();

/** Events about one job carry its status; snapshot answers and the like do not and are not progress. */
function isProgress(event: DomainEvent): event is DomainEvent<JobEventPayload> {
  return event.type.startsWith('training.') && typeof event.payload.modelId === 'string' && typeof event.payload.status === 'string';
}

/** This process's live training events of one account's model (fed by the event bus, created on first use). */
export function liveProgress(events: EventBus, accountId: string, modelId: string): AsyncIterable<DomainEvent<JobEventPayload>> {
  let pubSub = feeds.get(events);
  if (!pubSub) {
    const created: ProgressPubSub = createPubSub();
    events.onLive((event) => {
      if (event.accountId && isProgress(event)) created.publish('training', event.accountId, event);
    });
    feeds.set(events, created);
    pubSub = created;
  }
  return pipe(
    pubSub.subscribe('training', accountId),
    filter((event: DomainEvent<JobEventPayload>) => event.payload.modelId === modelId),
  );
}

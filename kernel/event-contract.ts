import type { z } from 'zod';

/** A resource an event is about, as users know it: its public id and, when it has one, its name. */
export interface PublicResource {
  type: string;
  id: string;
  name?: string | undefined;
}

/**
 * What an event may show outside the platform (the activity feed, webhooks): a one-line summary for people and the
 * data a program needs. Never file keys, worker ids or other internals: only what the API itself shows.
 */
export interface PublicView {
  resource: PublicResource;
  /** What happened to it (created, trashed, restored, deleted, started, completed, …); default: the type's last word. */
  action?: string;
  summary: string;
  data: Record<string, unknown>;
}

/**
 * One kind of domain event: its name, the version of its payload, a runtime validator for the payload and its
 * public projection (null: internal to the platform, never shown to users).
 */
export interface EventContract<Type extends string = string, Payload = unknown> {
  readonly type: Type;
  readonly version: number;
  readonly payload: z.ZodType<Payload>;
  readonly public: ((payload: Payload) => PublicView) | null;
}

/** Any contract, whatever its payload (for constraints: payload types are invariant through `public`). */
export type AnyEventContract = EventContract<string, any>;

export type PayloadOf<Contract> = Contract extends EventContract<string, infer Payload> ? Payload : never;

/** Declares an event contract; the payload type is the schema's. */
export function defineEvent<const Type extends string, Schema extends z.ZodType>(definition: {
  type: Type;
  version?: number;
  payload: Schema;
  public: ((payload: z.output<Schema>) => PublicView) | null;
}): EventContract<Type, z.output<Schema>> {
  const { type, version = 1, payload, public: view } = definition;
  return { type, version, payload: payload as z.ZodType<z.output<Schema>>, public: view };
}

/** An event as consumers receive it: its payload already checked against its contract. */
export interface DomainEvent<Payload = unknown> {
  /** The outbox row id: unique, increasing within one transaction. */
  id: string;
  type: string;
  version: number;
  /** The account the event belongs to: live subscribers only ever see their own account's events. */
  accountId: string | null;
  payload: Payload;
  occurredAt: string;
}

export type EventOf<Contract> = DomainEvent<PayloadOf<Contract>> & { type: Contract extends EventContract<infer Type> ? Type : string };

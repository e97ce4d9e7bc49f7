import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { EVENT_CONTRACTS } from '../../../contracts/index.js';
import { requireAccount } from '../../../kernel/auth.js';
import type { DomainEvent } from '../../../kernel/event-contract.js';
import { PageMeta, toPage } from '../../../kernel/pagination.js';
import type { ActivityEntry } from '../entities/activity-entry.js';
import type { AccountContext } from '../services.js';
import { entryOf, PUBLIC_CONTRACTS } from '../services/activity.js';

@ObjectType('ActivityResource', { description: 'What an activity entry is about.' })
export class ActivityResourceType {
  @Field(() => String, { description: 'project, dataset, model, training, api_key, export, deployment, …' }) type!: string;
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
}

@ObjectType('ActivityEntry', { description: 'Something that happened in your account.' })
export class ActivityEntryType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The event, e.g. training.completed.' }) type!: string;
  @Field(() => String, { description: 'created, updated, trashed, restored, deleted, started, completed, failed, …' }) action!: string;
  @Field(() => String) summary!: string;
  @Field(() => ActivityResourceType) resource!: ActivityResourceType;
  @Field(() => String, { description: "The event's public data as JSON." }) data!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => Boolean) seen!: boolean;
  @Field(() => Boolean) archived!: boolean;

  static from(
    entry: Omit<ActivityEntry, 'seenAt' | 'archivedAt'> & Partial<Pick<ActivityEntry, 'seenAt' | 'archivedAt'>>,
  ): ActivityEntryType {
    return Object.assign(new ActivityEntryType(), {
      id: entry.id,
      type: entry.eventType,
      action: entry.action,
      summary: entry.summary,
      resource: { type: entry.resourceType, id: entry.resourceId, name: entry.resourceName ?? null },
      data: JSON.stringify(entry.data),
      occurredAt: entry.occurredAt,
      seen: Boolean(entry.seenAt),
      archived: Boolean(entry.archivedAt),
    });
  }
}

@ObjectType('ActivityFeed', { description: 'A page of your activity, newest first.' })
export class ActivityFeedType {
  @Field(() => [ActivityEntryType]) items!: ActivityEntryType[];
  @Field(() => PageMeta) meta!: PageMeta;
  @Field(() => Int, { description: 'Entries in the inbox not seen yet.' }) unseenCount!: number;
}

@InputType({ description: 'Which entries: some by id, or all of them.' })
export class ActivitySelectionInput {
  @Field(() => [ID], { nullable: true }) eventIds?: string[] | null;
  @Field(() => Boolean, { nullable: true }) all?: boolean | null;
}

@Resolver()
export class ActivityResolver {
  @Query(() => ActivityFeedType, { description: 'Your activity feed: every event of your account, newest first.' })
  async activity(
    @Ctx() ctx: AccountContext,
    @Arg('startDate', () => Date, { nullable: true }) startDate: Date | null,
    @Arg('endDate', () => Date, { nullable: true }) endDate: Date | null,
    @Arg('search', () => String, { nullable: true, description: 'Searches summaries, resource names and event types.' })
    search: string | null,
    @Arg('archived', () => Boolean, { nullable: true, description: 'true: the archive, false: the inbox; unset: both.' })
    archived: boolean | null,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<ActivityFeedType> {
    const caller = requireAccount(ctx.caller, 'account');
    const paging = toPage(page, limit);
    const { items, total, unseen } = await ctx.services.activity.list(
      ctx.em,
      caller.accountId,
      { startDate, endDate, search, archived },
      paging,
    );
    return { items: items.map(ActivityEntryType.from), meta: PageMeta.of(paging, total), unseenCount: unseen };
  }

  @Mutation(() => Int, { description: 'Marks entries seen; returns how many changed.' })
  async markActivitySeen(
    @Ctx() ctx: AccountContext,
    @Arg('input', () => ActivitySelectionInput) input: ActivitySelectionInput,
  ): Promise<number> {
    return ctx.services.activity.markSeen(requireAccount(ctx.caller, 'account').accountId, input);
  }

  @Mutation(() => Int, { description: 'Moves entries to the archive (archive: false brings them back); returns how many changed.' })
  async archiveActivity(
    @Ctx() ctx: AccountContext,
    @Arg('input', () => ActivitySelectionInput) input: ActivitySelectionInput,
    @Arg('archive', () => Boolean, { defaultValue: true }) archive: boolean,
  ): Promise<number> {
    return ctx.services.activity.archive(requireAccount(ctx.caller, 'account').accountId, input, archive);
  }

  @Subscription(() => ActivityEntryType, {
    name: 'activity',
    description: 'New entries of your activity feed, live.',
    subscribe: ({ context }: { context: AccountContext }) =>
      context.live.subscribe(requireAccount(context.caller, 'account').accountId, PUBLIC_CONTRACTS),
  })
  liveActivity(@Root() event: DomainEvent): ActivityEntryType {
    return ActivityEntryType.from(entryOf(event, EVENT_CONTRACTS.get(event.type)!));
  }
}

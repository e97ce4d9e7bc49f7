import { Arg, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireOperator } from '../../../kernel/auth.js';
import type { AccountContext } from '../services.js';

@ObjectType('DeadLetter', { description: 'An event a durable consumer gave up on after its retries, kept whole for replay.' })
export class DeadLetterType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The consumer that failed, e.g. inference.served-models.' }) consumer!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String) type!: string;
  @Field(() => String, { description: 'The last error the handler threw.' }) error!: string;
  @Field(() => Int) attempts!: number;
  @Field(() => Date) deadAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Set while a replay is waiting for the consumer.' }) replayRequestedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When a replay delivered it.' }) replayedAt!: Date | null;
}

/** The operator's view of the event backbone: dead letters, and replaying them once their cause is fixed. */
@Resolver()
export class OperatorEventsResolver {
  @Query(() => [DeadLetterType], { description: 'Operator only: dead letters, newest first.' })
  async operatorDeadLetters(
    @Ctx() ctx: AccountContext,
    @Arg('consumer', () => String, { nullable: true }) consumer: string | null,
    @Arg('pending', () => Boolean, { defaultValue: true, description: 'Only those not replayed yet.' }) pending: boolean,
  ): Promise<DeadLetterType[]> {
    requireOperator(ctx.caller);
    return ctx.events.deadLetters({ consumer: consumer ?? undefined, pending });
  }

  @Mutation(() => Int, { description: 'Operator only: delivers dead letters again (by id, or all pending ones of a consumer).' })
  async operatorReplayDeadLetters(
    @Ctx() ctx: AccountContext,
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Arg('consumer', () => String, { nullable: true }) consumer: string | null,
  ): Promise<number> {
    requireOperator(ctx.caller);
    return ctx.events.replay({ ids: ids ?? undefined, consumer: consumer ?? undefined });
  }
}

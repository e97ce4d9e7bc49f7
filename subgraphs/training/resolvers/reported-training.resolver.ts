import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import type { TrainingContext } from '../services.js';
import type { ReportedEpoch } from '../services/reported-runs.js';
import { ReportedResultsInput, TrainedModelType, TrainingLogChunkType, TrainingType } from './types.js';

/**
 * Runs on the user's own machine, reported by its Ultralytics client through `/api/webhooks/training/metrics` (the
 * catalog registers them: `registerReportedTraining`). Each report answers the run as it now is: `cancelled` tells
 * the client to stop.
 */
@Resolver()
export class ReportedTrainingResolver {
  @Mutation(() => TrainingType, { description: 'A finished epoch of a run on your own machine (epoch_end; epoch counted from 0).' })
  async reportTrainingEpoch(
    @Ctx() ctx: TrainingContext,
    @Arg('modelId', () => ID) modelId: string,
    @Arg('epoch', () => Int) epoch: number,
    @Arg('metrics', () => GraphQLJSONObject, { description: 'Metric name -> number (or null).' }) metrics: Record<string, unknown>,
  ): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    const report = { epoch, metrics } as ReportedEpoch; // checked by the service
    return TrainingType.from(await ctx.services.reportedRuns.epoch(caller.accountId, modelId, report));
  }

  @Mutation(() => TrainingType, { description: 'Console output of a run on your own machine (console_output).' })
  async reportTrainingConsole(
    @Ctx() ctx: TrainingContext,
    @Arg('modelId', () => ID) modelId: string,
    @Arg('chunkId', () => Int) chunkId: number,
    @Arg('content', () => String) content: string,
    @Arg('lineCount', () => Int, { nullable: true }) lineCount: number | null,
  ): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    return TrainingType.from(await ctx.services.reportedRuns.console(caller.accountId, modelId, { chunkId, content, lineCount }));
  }

  @Mutation(() => TrainingType, { description: 'The end of a run on your own machine (training_complete), with its results.' })
  async completeReportedTraining(
    @Ctx() ctx: TrainingContext,
    @Arg('modelId', () => ID) modelId: string,
    @Arg('input', () => ReportedResultsInput) input: ReportedResultsInput,
  ): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    return TrainingType.from(await ctx.services.reportedRuns.complete(caller.accountId, modelId, input as never));
  }

  @Query(() => [TrainingLogChunkType], { description: "The console output of the model's latest run on your own machine." })
  async trainingLog(
    @Ctx() ctx: TrainingContext,
    @Arg('modelId', () => ID) modelId: string,
    @Arg('afterChunk', () => Int, { defaultValue: 0 }) afterChunk: number,
    @Arg('limit', () => Int, { defaultValue: 200 }) limit: number,
  ): Promise<TrainingLogChunkType[]> {
    const caller = requireAccount(ctx.caller, 'training');
    return (await ctx.services.reportedRuns.log(ctx.em, caller.accountId, modelId, afterChunk, limit)).map(TrainingLogChunkType.from);
  }
}

/** Training's part of a model: its latest run (a run just reported is waited for). */
@Resolver(() => TrainedModelType)
export class ModelTrainingResolver {
  @FieldResolver(() => TrainingType, { nullable: true, description: "The model's latest training run, if it has one." })
  async training(@Ctx() ctx: TrainingContext, @Root() model: TrainedModelType): Promise<TrainingType | null> {
    const { accountId } = requireAccount(ctx.caller, 'training');
    const job = await ctx.services.reportedRuns.find(ctx.em, accountId, model.id, 'any');
    return job && TrainingType.from(job);
  }
}

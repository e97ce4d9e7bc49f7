import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { TRAINING_PROGRESS, TrainingEpoch } from '../../../contracts/index.js';
import { requireAccount } from '../../../kernel/auth.js';
import { notFound } from '../../../kernel/errors.js';
import type { EventOf } from '../../../kernel/event-contract.js';
import type { TrainingContext } from '../services.js';
import { GpuAvailabilityType, GpuTypeType, StartTrainingInput, TrainingEpochType, TrainingProgressType, TrainingType } from './types.js';
import { checkId } from '../../../kernel/ids.js';

type ProgressEvent = EventOf<(typeof TRAINING_PROGRESS)[number]>;

@Resolver(() => TrainingType)
export class TrainingResolver {
  @Query(() => TrainingType, { description: "The model's latest training run." })
  async training(@Ctx() ctx: TrainingContext, @Arg('modelId', () => ID) modelId: string): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    return TrainingType.from(await ctx.services.jobs.latest(ctx.em, caller.accountId, checkId('model', modelId, 'modelId')));
  }

  @Query(() => [GpuTypeType], { description: 'The GPU types training can run on, with their hourly prices.' })
  gpuTypes(@Ctx() ctx: TrainingContext): GpuTypeType[] {
    requireAccount(ctx.caller, 'training');
    return ctx.config.gpuTypes.map(GpuTypeType.from);
  }

  @Query(() => [GpuAvailabilityType], { description: 'Every GPU type, and whether a live worker serves it now.' })
  async gpuAvailability(@Ctx() ctx: TrainingContext): Promise<GpuAvailabilityType[]> {
    requireAccount(ctx.caller, 'training');
    return ctx.services.workers.availability(ctx.em);
  }

  @Mutation(() => TrainingType, {
    description:
      'Queues a training run of your model on your dataset. Refused when no live worker serves the GPU type, or when your available balance cannot cover its estimated cost.',
  })
  async startTraining(
    @Ctx() ctx: TrainingContext,
    @Arg('input', () => StartTrainingInput) input: StartTrainingInput,
  ): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    if (input.modelId) checkId('model', input.modelId, 'modelId');
    if (input.datasetId) checkId('dataset', input.datasetId, 'datasetId');
    return TrainingType.from(await ctx.services.jobs.start(caller.accountId, input));
  }

  @Mutation(() => TrainingType, { description: "Cancels the model's queued or running training; the trainer is stopped within seconds." })
  async cancelTraining(@Ctx() ctx: TrainingContext, @Arg('modelId', () => ID) modelId: string): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    return TrainingType.from(await ctx.services.jobs.cancel(caller.accountId, checkId('model', modelId, 'modelId')));
  }

  @Subscription(() => TrainingProgressType, {
    description: "Your model's training, live: status changes and every finished epoch.",
    subscribe: async ({ args, context }: { args: { modelId: string }; context: TrainingContext }) => {
      const { accountId } = requireAccount(context.caller, 'training');
      checkId('model', args.modelId, 'modelId');
      if (!(await context.services.jobs.knows(context.em, accountId, args.modelId))) throw notFound('Model', args.modelId);
      return context.live.subscribe(accountId, TRAINING_PROGRESS, (event) => event.payload.modelId === args.modelId);
    },
  })
  trainingProgress(@Root() event: ProgressEvent, @Arg('modelId', () => ID) _modelId: string): TrainingProgressType {
    const { payload } = event;
    const record = event.type === TrainingEpoch.type ? (payload as EventOf<typeof TrainingEpoch>['payload']).record : undefined;
    return {
      type: event.type,
      trainingId: payload.jobId,
      modelId: payload.modelId,
      status: payload.status,
      epoch: payload.epoch,
      epochs: payload.epochs,
      metrics: record ? TrainingEpochType.from(record) : null,
      secondsLeft: record?.secondsLeft ?? null,
      error: 'reason' in payload ? payload.reason : null,
      occurredAt: new Date(event.occurredAt),
    };
  }
}

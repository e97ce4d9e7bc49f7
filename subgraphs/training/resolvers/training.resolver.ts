import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { notFound } from '../../../kernel/errors.js';
import type { DomainEvent } from '../../../kernel/events.js';
import type { SubgraphContext } from '../../../kernel/subgraph.js';
import { TrainableModel } from '../entities/trainable.js';
import { TrainingJob } from '../entities/training-job.js';
import { TrainingJobs } from '../services/jobs.js';
import { liveProgress } from '../services/live-progress.js';
import type { EpochEventPayload, JobEventPayload } from '../services/training-events.js';
import { GpuTypeType, StartTrainingInput, TrainingEpochType, TrainingProgressType, TrainingType } from './types.js';

const jobs = (ctx: SubgraphContext) => new TrainingJobs(ctx.db, ctx.events, ctx.config);

@Resolver(() => TrainingType)
export class TrainingResolver {
  @Query(() => TrainingType, { description: "The model's latest training run." })
  async training(@Ctx() ctx: SubgraphContext, @Arg('modelId', () => ID) modelId: string): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    return TrainingType.from(await jobs(ctx).latest(ctx.em, caller.accountId, modelId));
  }

  @Query(() => [GpuTypeType], { description: 'The GPU types training can run on, with their hourly prices.' })
  gpuTypes(@Ctx() ctx: SubgraphContext): GpuTypeType[] {
    requireAccount(ctx.caller, 'training');
    return ctx.config.gpuTypes.map(GpuTypeType.from);
  }

  @Mutation(() => TrainingType, { description: 'Queues a training run of your model on your dataset.' })
  async startTraining(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => StartTrainingInput) input: StartTrainingInput,
  ): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    return TrainingType.from(await jobs(ctx).start(caller.accountId, input));
  }

  @Mutation(() => TrainingType, { description: "Cancels the model's queued or running training; the trainer is stopped within seconds." })
  async cancelTraining(@Ctx() ctx: SubgraphContext, @Arg('modelId', () => ID) modelId: string): Promise<TrainingType> {
    const caller = requireAccount(ctx.caller, 'training');
    return TrainingType.from(await jobs(ctx).cancel(caller.accountId, modelId));
  }

  @Subscription(() => TrainingProgressType, {
    description: "Your model's training, live: status changes and every finished epoch.",
    subscribe: async ({ args, context }: { args: { modelId: string }; context: SubgraphContext }) => {
      const { accountId } = requireAccount(context.caller, 'training');
      const em = context.db.em();
      const known =
        (await em.count(TrainableModel, { modelId: args.modelId, accountId })) > 0 ||
        (await em.count(TrainingJob, { modelId: args.modelId, accountId })) > 0;
      if (!known) throw notFound('Model', args.modelId);
      return liveProgress(context.events, accountId, args.modelId);
    },
  })
  trainingProgress(@Root() event: DomainEvent<JobEventPayload>, @Arg('modelId', () => ID) _modelId: string): TrainingProgressType {
    const record = event.type.endsWith('.epoch') ? (event.payload as EpochEventPayload).record : undefined;
    return {
      type: event.type,
      trainingId: event.payload.jobId,
      modelId: event.payload.modelId,
      status: event.payload.status,
      epoch: event.payload.epoch,
      epochs: event.payload.epochs,
      metrics: record ? TrainingEpochType.from(record) : null,
      secondsLeft: record?.secondsLeft ?? null,
      error: (event.payload.reason as string | undefined) ?? null,
      occurredAt: new Date(event.occurredAt),
    };
  }
}

import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { GpuType } from '../../../kernel/config.js';
import type { EpochRecord } from '../../../contracts/index.js';
import type { RunLogChunk } from '../entities/run-log.js';
import type { ReportedResults, TrainingJob } from '../entities/training-job.js';

@ObjectType('TrainingValue', { description: 'One named number of an epoch (a loss or a metric column of results.csv).' })
export class TrainingValue {
  @Field(() => String) name!: string;
  @Field(() => Float) value!: number;
}

const valuesOf = (record: Record<string, number>): TrainingValue[] => Object.entries(record).map(([name, value]) => ({ name, value }));

@ObjectType('TrainingEpoch', { description: "One finished epoch: its losses and the validation metrics of the task's column naming." })
export class TrainingEpochType {
  @Field(() => Int) epoch!: number;
  @Field(() => Float, { description: 'Training seconds so far.' }) seconds!: number;
  @Field(() => [TrainingValue], { description: 'train/* losses, e.g. box_loss, cls_loss, dfl_loss.' }) losses!: TrainingValue[];
  @Field(() => [TrainingValue], { description: 'val/* losses.' }) valLosses!: TrainingValue[];
  @Field(() => Float, { nullable: true }) precision!: number | null;
  @Field(() => Float, { nullable: true }) recall!: number | null;
  @Field(() => Float, { nullable: true }) mAP50!: number | null;
  @Field(() => Float, { nullable: true, description: 'mAP50-95' }) mAP50_95!: number | null;
  @Field(() => Float, { nullable: true, description: 'classify: top-1 accuracy' }) top1!: number | null;
  @Field(() => Float, { nullable: true, description: 'classify: top-5 accuracy' }) top5!: number | null;
  @Field(() => [TrainingValue], { description: 'Every metrics/* column, e.g. metrics/mAP50(B).' }) metrics!: TrainingValue[];
  @Field(() => Float, { nullable: true, description: 'Estimated seconds until the last epoch ends.' }) secondsLeft!: number | null;

  static from(record: EpochRecord): TrainingEpochType {
    return Object.assign(new TrainingEpochType(), {
      ...record,
      losses: valuesOf(record.losses),
      valLosses: valuesOf(record.valLosses),
      metrics: valuesOf(record.metrics),
    });
  }
}

@ObjectType('TrainingResults', { description: "What a run on the user's own machine reported at its end." })
export class TrainingResultsType {
  @Field(() => [TrainingValue], { description: 'Final validation metrics by their Ultralytics names, and fitness.' })
  metrics!: TrainingValue[];
  @Field(() => Int, { nullable: true, description: 'The epoch with the best fitness, counted from 1 as `epoch` is.' })
  bestEpoch!: number | null;
  @Field(() => Float, { nullable: true }) bestFitness!: number | null;
  @Field(() => [String], { nullable: true }) classNames!: string[] | null;
  @Field(() => [GraphQLJSONObject], {
    description: 'Curves (pr_curve, f1_curve, ...: x, y per class, ap) and the confusion_matrix, as Ultralytics sends them.',
  })
  plots!: Array<Record<string, unknown>>;
  @Field(() => Float, { nullable: true, description: 'Bytes of the weights the client uploaded.' }) modelSize!: number | null;

  static from(results: ReportedResults): TrainingResultsType {
    return Object.assign(new TrainingResultsType(), {
      metrics: valuesOf(results.metrics),
      bestEpoch: results.bestEpoch === null ? null : results.bestEpoch + 1,
      bestFitness: results.bestFitness,
      classNames: results.classNames,
      plots: results.plots,
      modelSize: results.modelSize,
    });
  }
}

@ObjectType('TrainingLogChunk', { description: "A piece of a reported run's console output." })
export class TrainingLogChunkType {
  @Field(() => Int, { description: 'The order the client wrote it in (gaps: pieces that never arrived).' }) chunkId!: number;
  @Field(() => String) content!: string;
  @Field(() => Int) lineCount!: number;
  @Field(() => Date) receivedAt!: Date;

  static from(chunk: RunLogChunk): TrainingLogChunkType {
    return Object.assign(new TrainingLogChunkType(), {
      chunkId: chunk.chunkId,
      content: chunk.content,
      lineCount: chunk.lineCount,
      receivedAt: chunk.createdAt,
    });
  }
}

@ObjectType('Training', { description: "A model's training run." })
export class TrainingType {
  @Field(() => ID) id!: string;
  @Field(() => ID) modelId!: string;
  @Field(() => ID, { nullable: true, description: "null for a run on the user's own machine on data the platform does not hold." })
  datasetId!: string | null;
  @Field(() => String, { description: 'queued, running, completed, failed or cancelled' }) status!: string;
  @Field(() => String, { description: "platform (run by the platform's workers) or reported (run on your own machine)" })
  source!: string;
  @Field(() => String, { nullable: true, description: 'Reported runs: where they ran (cpu, cuda:0, ...).' }) device!: string | null;
  @Field(() => TrainingResultsType, { nullable: true, description: 'Reported runs: what the client reported at the end.' })
  results!: TrainingResultsType | null;
  @Field(() => String) task!: string;
  @Field(() => Int, { description: 'Epochs finished.' }) epoch!: number;
  @Field(() => Int) epochs!: number;
  @Field(() => Float, { description: 'epoch / epochs' }) progress!: number;
  @Field(() => Int) imageSize!: number;
  @Field(() => String) gpuType!: string;
  @Field(() => Int, { description: 'Runs started so far (a run whose worker died is retried once).' }) attempts!: number;
  @Field(() => TrainingEpochType, { nullable: true, description: 'The latest finished epoch.' }) metrics!: TrainingEpochType | null;
  @Field(() => [TrainingEpochType], { description: 'Every finished epoch.' }) history!: TrainingEpochType[];
  @Field(() => Float, { nullable: true }) secondsLeft!: number | null;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) error!: string | null;
  @Field(() => Float, { description: 'GPU seconds used so far, from the start of the trainer process (0 if it never started).' })
  gpuSeconds!: number;
  @Field(() => Float, {
    description:
      'What the run is charged, in micro-dollars (1,000,000 = $1.00): its GPU time so far while it runs, its final cost once completed; failed and cancelled runs are not charged (0).',
  })
  costMicroUsd!: number;
  @Field(() => Float, { description: 'The estimate billing holds while the run may run, in micro-dollars.' })
  estimatedCostMicroUsd!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;

  static from(job: TrainingJob): TrainingType {
    const latest = job.history.at(-1);
    return Object.assign(new TrainingType(), {
      id: job.id,
      modelId: job.modelId,
      datasetId: job.datasetId ?? null,
      status: job.status,
      source: job.source ?? 'platform',
      device: job.device ?? null,
      results: job.results ? TrainingResultsType.from(job.results) : null,
      task: job.task,
      epoch: job.epoch,
      epochs: job.epochs,
      progress: job.epoch / job.epochs,
      imageSize: job.imageSize,
      gpuType: job.gpuType,
      attempts: job.attempts,
      metrics: latest ? TrainingEpochType.from(latest) : null,
      history: job.history.map(TrainingEpochType.from),
      secondsLeft: job.status === 'running' ? (latest?.secondsLeft ?? null) : null,
      error: job.error,
      gpuSeconds: job.gpuSeconds,
      costMicroUsd: job.costMicroUsd,
      estimatedCostMicroUsd: job.estimatedCostMicroUsd,
      createdAt: job.createdAt,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      updatedAt: job.updatedAt,
    });
  }
}

@ObjectType('TrainingProgress', { description: 'A change of a training run, live: status and the epoch that just finished.' })
export class TrainingProgressType {
  @Field(() => String, { description: 'training.started, training.epoch, training.completed, ...' }) type!: string;
  @Field(() => ID) trainingId!: string;
  @Field(() => ID) modelId!: string;
  @Field(() => String) status!: string;
  @Field(() => Int) epoch!: number;
  @Field(() => Int) epochs!: number;
  @Field(() => TrainingEpochType, { nullable: true, description: "training.epoch: that epoch's losses and metrics." })
  metrics!: TrainingEpochType | null;
  @Field(() => Float, { nullable: true }) secondsLeft!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Date) occurredAt!: Date;
}

@ObjectType('GpuType', { description: 'A GPU type training can run on.' })
export class GpuTypeType {
  @Field(() => String) name!: string;
  @Field(() => Float, { description: 'Price of one hour in micro-dollars.' }) hourlyPriceMicroUsd!: number;

  static from(type: GpuType): GpuTypeType {
    return Object.assign(new GpuTypeType(), type);
  }
}

@ObjectType('GpuAvailability', { description: 'A GPU type and what serves it right now.' })
export class GpuAvailabilityType {
  @Field(() => String) gpuType!: string;
  @Field(() => Float, { description: 'Price of one hour in micro-dollars.' }) hourlyPriceMicroUsd!: number;
  @Field(() => Int, { description: 'Live workers serving it.' }) workers!: number;
  @Field(() => Int, { description: 'Live workers serving it that run nothing now.' }) idleWorkers!: number;
  @Field(() => Boolean, { description: 'Whether training can start on it now (a live worker serves it).' }) available!: boolean;
}

@InputType()
export class StartTrainingInput {
  @Field(() => ID) modelId!: string;
  @Field(() => ID) datasetId!: string;
  @Field(() => Int, { nullable: true, description: '1-1000, default 100' }) epochs?: number | null;
  @Field(() => Int, { nullable: true, description: '32-1280, a multiple of 32, default 640' }) imageSize?: number | null;
  @Field(() => String, { nullable: true, description: 'One of gpuTypes; default the first' }) gpuType?: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Model')
export class TrainedModelType {
  @Field(() => ID) id!: string;
}

@InputType({ description: "What a run on the user's own machine reports at its end (training_complete)." })
export class ReportedResultsInput {
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Metric name -> number (or null).' })
  metrics?: Record<string, unknown> | null;
  @Field(() => Int, { nullable: true, description: '0-based, as Ultralytics counts.' }) bestEpoch?: number | null;
  @Field(() => Float, { nullable: true }) bestFitness?: number | null;
  @Field(() => String, { nullable: true, description: 'The gcsPath of the upload URL the weights went to.' }) modelPath?: string | null;
  @Field(() => Float, { nullable: true }) modelSize?: number | null;
  @Field(() => [String], { nullable: true }) classNames?: string[] | null;
  @Field(() => [GraphQLJSONObject], { nullable: true }) plots?: Array<Record<string, unknown>> | null;
}

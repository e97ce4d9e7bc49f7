import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DeploymentLogEntry } from '../../../contracts/index.js';
import type { DeploymentRegion } from '../../../kernel/config.js';
import { PageOf } from '../../../kernel/pagination.js';
import type { Deployment } from '../entities/deployment.js';
import type { ExportJob } from '../entities/export-job.js';
import type { DeploymentHealth } from '../services/deployments.js';
import type { DeploymentMetrics, LogPage, MetricPoint } from '../services/observability.js';

export enum LogSeverity {
  DEBUG = 'DEBUG',
  INFO = 'INFO',
  WARNING = 'WARNING',
  ERROR = 'ERROR',
  CRITICAL = 'CRITICAL',
}
registerEnumType(LogSeverity, { name: 'DeploymentLogSeverity', description: 'Severity of a deployment log entry.' });

@ObjectType('DeploymentResources', { description: "A deployment's resources: per instance, and how many instances." })
export class DeploymentResourcesType {
  @Field(() => Int, { description: 'onnxruntime threads of each instance.' }) cpu!: number;
  @Field(() => Float) memoryGi!: number;
  @Field(() => Int) minInstances!: number;
  @Field(() => Int) maxInstances!: number;
}

@ObjectType('Deployment', { description: 'A dedicated endpoint: a model served by instances of its own, in a region.' })
export class DeploymentType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ID) modelId!: string;
  @Field(() => String) region!: string;
  @Field(() => String, { description: 'creating, deploying, ready, stopping, stopped, failed (deleted once deleted)' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Why it failed.' }) error!: string | null;
  @Field(() => Int, { description: 'Instances kept warm (0: scale to zero when idle).' }) minInstances!: number;
  @Field(() => Int, { description: 'Instances it grows to under concurrent load.' }) maxInstances!: number;
  @Field(() => DeploymentResourcesType) resources!: DeploymentResourcesType;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When it last became ready.' }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) stoppedAt!: Date | null;

  static from(deployment: Deployment, status: string = deployment.status): DeploymentType {
    const { id, name, modelId, region, error, minInstances, maxInstances, cpu, memoryGi, createdAt, updatedAt, startedAt, stoppedAt } =
      deployment;
    return Object.assign(new DeploymentType(), {
      id,
      name,
      modelId,
      region,
      status,
      error: error ?? null,
      minInstances,
      maxInstances,
      resources: Object.assign(new DeploymentResourcesType(), { cpu, memoryGi, minInstances, maxInstances }),
      createdAt,
      updatedAt,
      startedAt: startedAt ?? null,
      stoppedAt: stoppedAt ?? null,
    });
  }
}

export const DeploymentPage = PageOf(DeploymentType, 'DeploymentPage');
export type DeploymentPage = InstanceType<typeof DeploymentPage>;

@ObjectType('DeploymentRegion', { description: 'A region a deployment may run in.' })
export class DeploymentRegionType {
  @Field(() => String, { description: 'Zone name, e.g. us-central1.' }) name!: string;
  @Field(() => String, { description: 'Where it is, e.g. Iowa, USA.' }) location!: string;

  static from(region: DeploymentRegion): DeploymentRegionType {
    return Object.assign(new DeploymentRegionType(), region);
  }
}

@ObjectType('DeploymentHealth', { description: "A deployment endpoint's health." })
export class DeploymentHealthType implements DeploymentHealth {
  @Field(() => Boolean) healthy!: boolean;
  @Field(() => Int, { description: 'What the endpoint answers now: 200 serving, 503 not running, 500 failed.' }) status!: number;
  @Field(() => Float) latencyMs!: number;
  @Field(() => String) message!: string;
}

@ObjectType('DeploymentMetricPoint', { description: 'One point of a metrics series.' })
export class DeploymentMetricPointType implements MetricPoint {
  @Field(() => Date, { description: 'Start of the point.' }) at!: Date;
  @Field(() => Int) requests!: number;
  @Field(() => Int) errors!: number;
  @Field(() => Float, { nullable: true }) latencyP50Ms!: number | null;
  @Field(() => Float, { nullable: true }) latencyP95Ms!: number | null;
  @Field(() => Float, { nullable: true }) latencyP99Ms!: number | null;
  @Field(() => Int, { description: 'The most instances up at once.' }) instances!: number;
}

@ObjectType('DeploymentMetrics', { description: "A deployment's traffic over a range: requests, errors, latency, instances." })
export class DeploymentMetricsType {
  @Field(() => ID) deploymentId!: string;
  @Field(() => String, { description: '1h, 6h, 24h, 7d or 30d' }) range!: string;
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Int) requests!: number;
  @Field(() => Int, { description: 'Requests answered with an error (4xx, 5xx).' }) errors!: number;
  @Field(() => Float, { description: 'errors / requests' }) errorRate!: number;
  @Field(() => Float, { nullable: true, description: 'Server-side latency percentiles, within 2%.' }) latencyP50Ms!: number | null;
  @Field(() => Float, { nullable: true }) latencyP95Ms!: number | null;
  @Field(() => Float, { nullable: true }) latencyP99Ms!: number | null;
  @Field(() => Int, { description: 'Instances up now.' }) instances!: number;
  @Field(() => Int, { description: 'Instances started in the range (scale-ups, cold starts).' }) instanceStarts!: number;
  @Field(() => Float, { nullable: true, description: 'How long starting one took, on average.' }) instanceStartAvgMs!: number | null;
  @Field(() => [DeploymentMetricPointType], { description: 'The range point by point (24 points with sparkline).' })
  series!: DeploymentMetricPointType[];

  static from(metrics: DeploymentMetrics): DeploymentMetricsType {
    return Object.assign(new DeploymentMetricsType(), metrics);
  }
}

@ObjectType('DeploymentLogEntry', { description: 'A log entry: a lifecycle step, or one request through the endpoint.' })
export class DeploymentLogEntryType {
  @Field(() => ID) id!: string;
  @Field(() => Date) at!: Date;
  @Field(() => LogSeverity) severity!: LogSeverity;
  @Field(() => String, { description: 'lifecycle or request' }) kind!: string;
  @Field(() => String) message!: string;
  @Field(() => Int, { nullable: true, description: 'Requests: the HTTP status answered.' }) status!: number | null;
  @Field(() => Float, { nullable: true, description: 'Requests: server-side latency.' }) latencyMs!: number | null;
  @Field(() => Int, { nullable: true, description: 'Requests: bytes of the image or video sent.' }) imageBytes!: number | null;
  @Field(() => Int, { nullable: true }) imageWidth!: number | null;
  @Field(() => Int, { nullable: true }) imageHeight!: number | null;
  @Field(() => Int, { nullable: true, description: 'Requests: results found.' }) resultCount!: number | null;
  @Field(() => Float, { nullable: true, description: 'Requests: the instance start it waited for (scale from zero).' })
  coldStartMs!: number | null;

  static from(entry: DeploymentLogEntry): DeploymentLogEntryType {
    return Object.assign(new DeploymentLogEntryType(), { ...entry, at: new Date(entry.at), severity: entry.severity as LogSeverity });
  }
}

@ObjectType('DeploymentLogPage', { description: 'Log entries, newest first.' })
export class DeploymentLogPageType {
  @Field(() => [DeploymentLogEntryType]) entries!: DeploymentLogEntryType[];
  @Field(() => String, { nullable: true, description: 'Pass as pageToken for older entries; null on the last page.' })
  nextPageToken!: string | null;

  static from(page: LogPage): DeploymentLogPageType {
    return Object.assign(new DeploymentLogPageType(), {
      entries: page.entries.map(DeploymentLogEntryType.from),
      nextPageToken: page.nextPageToken,
    });
  }
}

@InputType('DeploymentResourcesInput')
export class DeploymentResourcesInput {
  @Field(() => Int, { nullable: true, description: 'onnxruntime threads per instance, 1-8 (default 1)' }) cpu?: number | null;
  @Field(() => Float, { nullable: true, description: '0.5-32 (default 2)' }) memoryGi?: number | null;
  @Field(() => Int, { nullable: true }) minInstances?: number | null;
  @Field(() => Int, { nullable: true }) maxInstances?: number | null;
}

@InputType()
export class CreateDeploymentInput {
  @Field(() => ID) modelId!: string;
  @Field(() => String, { description: 'One of deploymentRegions.' }) region!: string;
  @Field(() => String, { nullable: true, description: 'Default: the model and the region city, e.g. yolo26n-iowa.' })
  name?: string | null;
  @Field(() => Int, { nullable: true, description: 'Default 0 (scale to zero).' }) minInstances?: number | null;
  @Field(() => Int, { nullable: true, description: "Default 1; at most the plan's limit." }) maxInstances?: number | null;
  @Field(() => DeploymentResourcesInput, { nullable: true, description: 'The docs form; minInstances/maxInstances also here.' })
  resources?: DeploymentResourcesInput | null;
}

@ObjectType('ExportDownload', { description: 'A signed, expiring link to an export file.' })
export class ExportDownloadType {
  @Field(() => String) url!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType('Export', { description: "An export of a model's .pt weights to another format (yolo export)." })
export class ExportType {
  @Field(() => ID) id!: string;
  @Field(() => ID) modelId!: string;
  @Field(() => String) format!: string;
  @Field(() => String, { description: 'queued, running, completed, failed or cancelled' }) status!: string;
  @Field(() => Float, { description: '0..1' }) progress!: number;
  @Field(() => String, { nullable: true, description: "Why it failed: the exporter's own message." }) error!: string | null;
  @Field(() => Int) imageSize!: number;
  @Field(() => Boolean) half!: boolean;
  @Field(() => Boolean) dynamic!: boolean;
  @Field(() => String, { nullable: true }) fileName!: string | null;
  @Field(() => Float, { nullable: true }) sizeBytes!: number | null;
  @Field(() => String, { nullable: true }) sha256!: string | null;
  @Field(() => Int, { description: 'Runs started (a run whose worker died is retried once).' }) attempts!: number;
  @Field(() => Float) workerSeconds!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;
  /** The row, for the download link's field resolver. */
  job!: ExportJob;

  static from(job: ExportJob): ExportType {
    return Object.assign(new ExportType(), {
      id: job.id,
      modelId: job.modelId,
      format: job.format,
      status: job.status,
      progress: job.progress,
      error: job.error ?? null,
      imageSize: job.imageSize,
      half: job.half,
      dynamic: job.dynamic,
      fileName: job.fileName ?? null,
      sizeBytes: job.sizeBytes ?? null,
      sha256: job.sha256 ?? null,
      attempts: job.attempts,
      workerSeconds: job.workerSeconds,
      createdAt: job.createdAt,
      startedAt: job.startedAt ?? null,
      finishedAt: job.finishedAt ?? null,
      updatedAt: job.updatedAt,
      job,
    });
  }
}

export const ExportPage = PageOf(ExportType, 'ExportPage');
export type ExportPage = InstanceType<typeof ExportPage>;

@ObjectType('ExportCancellation', { description: 'What DELETE did: a queued or running export is cancelled, a finished one deleted.' })
export class ExportCancellationType {
  @Field(() => ExportType) export!: ExportType;
  @Field(() => Boolean, { description: 'True when the export (finished) was deleted with its file.' }) deleted!: boolean;
}

@InputType()
export class CreateExportInput {
  @Field(() => ID) modelId!: string;
  @Field(() => String, { description: 'onnx, torchscript, openvino, tensorrt (engine), coreml, tflite, saved_model, graphdef (pb), ...' })
  format!: string;
  @Field(() => Int, { nullable: true, description: '32-1280, default 640' }) imageSize?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'FP16, where the format supports it' }) half?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Dynamic input size, where the format supports it' }) dynamic?: boolean | null;
}

import type { AccountCaller } from '../../../kernel/auth.js';
import type { Clock } from '../../../kernel/clock.js';
import type { EntityManager } from '../../../kernel/database.js';
import { AppError, ERROR_STATUS, notFound, validationError } from '../../../kernel/errors.js';
import { LIMITS } from '../../../kernel/limits.js';
import {
  InvalidImageError,
  InvalidModelError,
  decodeVideoFrames,
  type LoadedModel,
  type Prediction as RuntimePrediction,
} from '../../../runtime/index.js';
import { Deployment, RUNNING_STATUSES } from '../entities/deployment.js';
import { stoppedError, target, type Capacity } from './capacity.js';
import type { DeploymentPool } from './pool.js';
import { endpointOptions, type EndpointOptions } from './predict-options.js';
import type { Telemetry } from './telemetry.js';
import { isVideo, readUpload, type FileUpload } from './uploads.js';

export interface EndpointRequest {
  deploymentId: string;
  file: Promise<FileUpload>;
  /** HUB's `model` field: optional here; when given it must name the deployment's model. */
  modelId?: string | null;
  options: Partial<Record<keyof EndpointOptions, number | null>>;
}

/** One image (or video frame): Ultralytics' results for it, as the HUB Inference API answers. */
export interface ImageAnswer {
  results: RuntimePrediction['results'];
  shape: number[];
  speed: RuntimePrediction['speed'];
  frame?: number;
}

export interface EndpointAnswer {
  images: ImageAnswer[];
  metadata: { modelId: string; task: string; names: string[]; imageSize: number[] };
  deploymentId: string;
  coldStartMs: number | null;
}

/**
 * The predict path of a dedicated endpoint: the deployment's own instances (never the shared predict cache), its
 * state from this process's capacity (no database read while it runs), one log entry and one metrics sample per
 * request, recorded in memory and written in batches.
 */
export class Endpoint {
  constructor(
    private readonly pool: DeploymentPool,
    private readonly telemetry: Telemetry,
    private readonly clock: Clock,
  ) {}

  async predict(em: EntityManager, caller: AccountCaller, request: EndpointRequest): Promise<EndpointAnswer> {
    const capacity = await this.capacityFor(em, caller, request.deploymentId);
    const startedAt = performance.now();
    const at = this.clock.now();
    let bytes: Buffer | undefined;
    let coldStartMs: number | null = null;
    try {
      if (request.modelId && request.modelId !== capacity.spec.modelId) {
        throw validationError(`This endpoint serves model ${capacity.spec.modelId}, not ${request.modelId}`, { model: request.modelId });
      }
      const options = endpointOptions(request.options);
      bytes = await readUpload(request.file, LIMITS.predictVideoBytes);
      const video = isVideo(bytes);
      if (!video && bytes.length > LIMITS.predictImageBytes) {
        throw validationError(`Images may be at most ${LIMITS.predictImageBytes / 1024 ** 2} MB`);
      }
      const lease = await capacity.acquire();
      coldStartMs = lease.coldStartMs;
      let images: ImageAnswer[];
      try {
        images = video
          ? await predictVideo(lease.instance.model, bytes, options)
          : [await predictImage(lease.instance.model, bytes, options)];
      } finally {
        capacity.release(lease.instance);
      }
      const { metadata } = lease.instance.model;
      const answer: EndpointAnswer = {
        images,
        metadata: { modelId: capacity.spec.modelId, task: metadata.task, names: metadata.names, imageSize: metadata.imgsz },
        deploymentId: capacity.spec.id,
        coldStartMs,
      };
      this.record(capacity, at, startedAt, 200, bytes, coldStartMs, answer.images);
      return answer;
    } catch (error) {
      const refused = asServingError(error);
      const known = refused instanceof AppError;
      this.record(
        capacity,
        at,
        startedAt,
        known ? ERROR_STATUS[refused.code] : 500,
        bytes,
        coldStartMs,
        undefined,
        known ? refused.message : 'Internal error',
      );
      throw refused;
    }
  }

  /** The caller's running deployment; another account's or an unknown id is not found, a stopped one refuses. */
  private async capacityFor(em: EntityManager, caller: AccountCaller, deploymentId: string): Promise<Capacity> {
    const capacity = this.pool.get(deploymentId);
    if (capacity) {
      if (capacity.spec.accountId !== caller.accountId) throw notFound('Deployment', deploymentId);
      return capacity;
    }
    const deployment = await em.findOne(Deployment, { id: deploymentId, accountId: caller.accountId });
    if (!deployment) throw notFound('Deployment', deploymentId);
    if (!RUNNING_STATUSES.includes(deployment.status)) {
      throw validationError(
        `Deployment ${deploymentId} is ${deployment.status}: start it (POST /api/deployments/${deploymentId}/start) to serve requests`,
        {
          deploymentId,
          status: deployment.status,
        },
      );
    }
    const opened = await this.pool.open(deploymentId);
    if (!opened) throw stoppedError(deploymentId);
    return opened;
  }

  private record(
    capacity: Capacity,
    at: Date,
    startedAt: number,
    status: number,
    bytes: Buffer | undefined,
    coldStartMs: number | null,
    images?: ImageAnswer[],
    error?: string,
  ): void {
    const first = images?.[0];
    this.telemetry.request({
      ...target(capacity.spec),
      at,
      status,
      latencyMs: performance.now() - startedAt,
      imageBytes: bytes?.length ?? null,
      imageWidth: first ? first.shape[1]! : null,
      imageHeight: first ? first.shape[0]! : null,
      resultCount: images ? images.reduce((sum, image) => sum + image.results.length, 0) : null,
      coldStartMs,
      error,
    });
  }
}

async function predictImage(model: LoadedModel, bytes: Buffer, options: EndpointOptions): Promise<ImageAnswer> {
  const { results, shape, speed } = await model.predict(bytes, options);
  return { results, shape, speed };
}

async function predictVideo(model: LoadedModel, bytes: Buffer, options: EndpointOptions): Promise<ImageAnswer[]> {
  const images: ImageAnswer[] = [];
  for await (const frame of decodeVideoFrames(bytes, { frameStride: options.frameStride, maxFrames: options.maxFrames })) {
    const { results, shape, speed } = await model.predictPixels(frame, options);
    images.push({ results, shape, speed, frame: frame.index });
  }
  if (images.length === 0) throw validationError('The video has no decodable frames');
  return images;
}

/** Bad input, or a model whose outputs contradict its metadata (dynamic shapes are only known at run time). */
function asServingError(error: unknown): unknown {
  if (error instanceof InvalidImageError) return validationError(`The file is not a readable image or video: ${error.message}`);
  if (error instanceof InvalidModelError) return validationError(`The model cannot be served: ${error.message}`);
  return error;
}

import {
  InvalidImageError,
  InvalidModelError,
  ModelBusyError,
  decodeVideoFrames,
  loadModel,
  SessionCache,
  type LoadedModel,
  type Prediction as RuntimePrediction,
} from '../../../runtime/index.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { AppError, validationError } from '../../../kernel/errors.js';
import { LIMITS } from '../../../kernel/limits.js';
import type { ServedModel } from '../entities/served-model.js';
import type { PredictMetrics } from './predict-metrics.js';
import type { Prediction } from '../resolvers/types.js';
import type { PredictOptions } from './options.js';
import type { ReceivedUpload } from './uploads.js';

/**
 * One pipeline for HUB, Platform and GraphQL predict: load (cached), decode, run, shape the answer. Sessions are
 * cached by file key (the least recently used released beyond `maxModels`); onnxruntime reads the model when the
 * session is created, so a local copy of the file is only needed while it loads.
 */
export class Predictor {
  private readonly sessions: SessionCache;

  /** `maxInFlight`: predictions each model takes at once; beyond it, RATE_LIMITED with a Retry-After. */
  constructor(
    files: FileStore,
    maxModels: number,
    maxInFlight: number,
    private readonly metrics: PredictMetrics,
  ) {
    this.sessions = new SessionCache({
      maxModels,
      loader: (key) => files.withLocalFile(key, (path) => loadModel(path, { limitInputPixels: LIMITS.imagePixels, maxInFlight })),
    });
  }

  /** `signal`: the client went away; a video stops decoding at once (FFmpeg is killed), an image after its run. */
  async predict(
    model: ServedModel & { fileKey: string },
    input: ReceivedUpload,
    options: PredictOptions,
    signal?: AbortSignal,
  ): Promise<Prediction> {
    const loaded = await this.sessions.get(model.fileKey);
    signal?.throwIfAborted();
    const images =
      input.kind === 'video'
        ? await this.predictVideo(loaded, input.file, options, signal)
        : [await this.predictImage(loaded, input.bytes, options)];
    return {
      images,
      metadata: {
        modelId: model.modelId,
        task: loaded.metadata.task,
        names: loaded.metadata.names,
        imageSize: loaded.metadata.imgsz,
      },
    };
  }

  async close(): Promise<void> {
    await this.sessions.clear();
  }

  private async predictImage(model: LoadedModel, bytes: Buffer, options: PredictOptions) {
    try {
      const prediction = await model.predict(bytes, options);
      this.metrics.observe(prediction.stages);
      return toImagePrediction(prediction);
    } catch (error) {
      if (error instanceof ModelBusyError) this.metrics.refusal();
      throw asValidationError(error);
    }
  }

  private async predictVideo(model: LoadedModel, file: string, options: PredictOptions, signal: AbortSignal | undefined) {
    const images = [];
    const frames = decodeVideoFrames(file, {
      frameStride: options.frameStride,
      maxFrames: options.maxFrames,
      maxFramePixels: LIMITS.videoFramePixels,
      maxDecodedFrames: LIMITS.videoDecodedFrames,
      timeoutMs: LIMITS.videoDecodeMs,
      signal,
    });
    try {
      for await (const frame of frames) {
        const prediction = await model.predictPixels(frame, options);
        this.metrics.observe(prediction.stages);
        images.push({ ...toImagePrediction(prediction), frame: frame.index });
      }
    } catch (error) {
      throw asValidationError(error);
    }
    if (images.length === 0) throw validationError('The video has no decodable frames');
    return images;
  }
}

function toImagePrediction(prediction: RuntimePrediction) {
  return { results: prediction.results as Prediction['images'][number]['results'], shape: prediction.shape, speed: prediction.speed };
}

/** Bad input, or a model whose outputs contradict its metadata (dynamic shapes are only known at run time). */
function asValidationError(error: unknown): unknown {
  if (error instanceof ModelBusyError) {
    const retryAfterSeconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
    return new AppError('RATE_LIMITED', 'The model is busy with other predictions: try again shortly', { retryAfterSeconds });
  }
  if (error instanceof InvalidImageError) return validationError(`The file is not a readable image or video: ${error.message}`);
  if (error instanceof InvalidModelError) return validationError(`The model cannot be served: ${error.message}`);
  return error;
}

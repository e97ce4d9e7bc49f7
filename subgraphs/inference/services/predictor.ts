import {
  InvalidImageError,
  decodeVideoFrames,
  SessionCache,
  type LoadedModel,
  type Prediction as RuntimePrediction,
} from '../../../runtime/index.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { validationError } from '../../../kernel/errors.js';
import type { ServedModel } from '../entities/served-model.js';
import type { Prediction } from '../resolvers/types.js';
import type { PredictOptions } from './options.js';
import { isVideo } from './uploads.js';

/** How many models stay loaded per process; the least recently used is released first. */
const MAX_LOADED_MODELS = Number(process.env.INFERENCE_MAX_MODELS ?? 8);

/** One pipeline for HUB, Platform and GraphQL predict: load (cached), decode, run, shape the answer. */
export class Predictor {
  private readonly sessions = new SessionCache({ maxModels: MAX_LOADED_MODELS });

  constructor(private readonly files: FileStore) {}

  async predict(model: ServedModel & { fileKey: string }, bytes: Buffer, options: PredictOptions): Promise<Prediction> {
    const path = this.files.localPath(model.fileKey);
    if (!path) throw new Error('The inference runtime needs model files on local disk');
    const loaded = await this.sessions.get(path);
    const images = isVideo(bytes) ? await this.predictVideo(loaded, bytes, options) : [await this.predictImage(loaded, bytes, options)];
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
      return toImagePrediction(await model.predict(bytes, options));
    } catch (error) {
      throw asValidationError(error);
    }
  }

  private async predictVideo(model: LoadedModel, bytes: Buffer, options: PredictOptions) {
    const images = [];
    try {
      for await (const frame of decodeVideoFrames(bytes, { frameStride: options.frameStride, maxFrames: options.maxFrames })) {
        images.push({ ...toImagePrediction(await model.predictPixels(frame, options)), frame: frame.index });
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

function asValidationError(error: unknown): unknown {
  return error instanceof InvalidImageError ? validationError(`The file is not a readable image or video: ${error.message}`) : error;
}

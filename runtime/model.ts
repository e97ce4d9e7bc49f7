import { classifyTensor } from './classify-transform.js';
import { decodeImage, type DecodeOptions } from './decode.js';
import { ModelBusyError } from './errors.js';
import { InferenceSession, type FloatTensor, type SessionOptions } from './inference-session.js';
import { inspectModelFile } from './inspect.js';
import { checkOutputs, type OutputLayout } from './layout.js';
import { letterboxGeometry, letterboxTensor } from './letterbox.js';
import type { ModelMetadata } from './onnx-metadata.js';
import type { Pixels } from './pixels.js';
import { postprocess } from './postprocess/index.js';
import type { ClassifyResult, UltralyticsResult } from './postprocess/results.js';

export interface PredictOptions {
  /** Inference size for dynamic models (rounded up to the stride); fixed models use their export size. */
  imgsz?: number | undefined;
  conf: number;
  iou: number;
  /** Ultralytics `max_det`: at most this many objects (default 300). */
  maxDet?: number | undefined;
  /** Ultralytics `classes`: keep only these class ids. */
  classes?: readonly number[] | undefined;
  /** Ultralytics `agnostic_nms`: one NMS across classes (classic layouts; end-to-end rows are already final). */
  agnostic?: boolean | undefined;
}

export interface Prediction {
  results: UltralyticsResult[];
  /** Original image [height, width] (after EXIF orientation). */
  shape: [number, number];
  /**
   * Milliseconds per stage as Ultralytics reports them: preprocess (decoding included), inference (onnxruntime's
   * run alone), postprocess.
   */
  speed: { preprocess: number; inference: number; postprocess: number };
  /** Where the time went, finer: decode, letterbox (or the classify transform), waiting for the session, run, post-process. */
  stages: PredictionStages;
  /** Classification only: the five most likely classes. */
  top5?: ClassifyResult[];
}

export interface PredictionStages {
  decode: number;
  letterbox: number;
  queued: number;
  run: number;
  postprocess: number;
}

export interface LoadedModel {
  readonly path: string;
  readonly metadata: ModelMetadata;
  /** How the model's outputs are laid out (decided when it was loaded). */
  readonly layout: OutputLayout;
  /** Decodes an encoded image (JPEG, PNG, WebP, TIFF, BMP, ...) and predicts on it. */
  predict(image: Uint8Array, options: PredictOptions): Promise<Prediction>;
  /** Predicts on decoded pixels (e.g. video frames). */
  predictPixels(pixels: Pixels, options: PredictOptions): Promise<Prediction>;
  /** Frees the session once the predictions in flight have finished. */
  dispose(): Promise<void>;
}

export interface LoadModelOptions extends SessionOptions, Pick<DecodeOptions, 'limitInputPixels'> {
  /**
   * Predictions one model takes at once (decoding, waiting for the session, running); one more is refused with
   * `ModelBusyError` instead of waiting behind an ever longer queue. Default: unbounded.
   */
  maxInFlight?: number | undefined;
}

const DEFAULT_IMGSZ = 640;

export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  // Refuses what cannot be served (unknown layout, shapes contradicting the metadata, float16 input) before any session.
  const { metadata, layout } = await inspectModelFile(path);
  const session = await InferenceSession.create(path, options);
  return new OnnxModel(path, metadata, layout, session, options);
}

class OnnxModel implements LoadedModel {
  private inFlight = 0;
  /** Recent time per prediction (exponentially weighted), for the retry estimate of a refusal. */
  private recentMs = 0;
  private disposed: Promise<void> | null = null;
  private releaseWhenIdle: (() => void) | null = null;

  constructor(
    readonly path: string,
    readonly metadata: ModelMetadata,
    readonly layout: OutputLayout,
    private readonly session: InferenceSession,
    private readonly options: LoadModelOptions,
  ) {}

  predict(image: Uint8Array, options: PredictOptions): Promise<Prediction> {
    return this.track(async () => {
      const start = performance.now();
      const pixels = await decodeImage(image, this.options);
      const decoding = performance.now() - start;
      const prediction = await this.run(pixels, options);
      prediction.speed.preprocess += decoding;
      prediction.stages.decode = decoding;
      return prediction;
    });
  }

  predictPixels(pixels: Pixels, options: PredictOptions): Promise<Prediction> {
    return this.track(() => this.run(pixels, options));
  }

  /** Counts the call as in flight from its very start, so that dispose() waits for it. */
  private async track(work: () => Promise<Prediction>): Promise<Prediction> {
    if (this.disposed) throw new Error(`model ${this.path} has been disposed`);
    const limit = this.options.maxInFlight;
    if (limit !== undefined && this.inFlight >= limit) {
      // The work ahead runs one at a time on the session: about inFlight predictions at the recent pace.
      throw new ModelBusyError(
        `the model has ${this.inFlight} predictions in flight, its limit`,
        Math.max(1, this.inFlight * this.recentMs),
      );
    }
    this.inFlight++;
    const start = performance.now();
    try {
      return await work();
    } finally {
      const took = performance.now() - start;
      this.recentMs = this.recentMs === 0 ? took : 0.8 * this.recentMs + 0.2 * took;
      this.inFlight--;
      if (this.inFlight === 0) this.releaseWhenIdle?.();
    }
  }

  dispose(): Promise<void> {
    this.disposed ??= new Promise<void>((resolve) => {
      this.releaseWhenIdle = () => void this.session.release().then(resolve, resolve);
      if (this.inFlight === 0) this.releaseWhenIdle();
    });
    return this.disposed;
  }

  private async run(pixels: Pixels, options: PredictOptions): Promise<Prediction> {
    const { metadata, layout } = this;
    const t0 = performance.now();
    const [inputHeight, inputWidth] = this.inputSize(options.imgsz);
    let data: Float32Array;
    let height = inputHeight;
    let width = inputWidth;
    if (metadata.task === 'classify') {
      data = classifyTensor(pixels, [inputHeight, inputWidth]);
    } else {
      // Dynamic models get the minimal stride-aligned rectangle, fixed ones exactly their export size.
      const geometry = letterboxGeometry(pixels.height, pixels.width, [inputHeight, inputWidth], metadata.dynamic, metadata.stride);
      data = letterboxTensor(pixels, geometry);
      [height, width] = [geometry.height, geometry.width];
    }
    const batch = metadata.dynamic ? 1 : metadata.batch;
    if (batch > 1) {
      // A fixed-batch export gets the image in slot 0 and zeros elsewhere.
      const batched = new Float32Array(batch * data.length);
      batched.set(data);
      data = batched;
    }

    const t1 = performance.now();
    const { outputs, queuedMs, runMs } = await this.session.run({
      [this.session.inputNames[0]!]: { data, dims: [batch, 3, height, width] },
    });
    const t2 = performance.now();

    const { predictions, protos } = checkOutputs(layout, outputs);
    const { results, top5 } = postprocess({
      metadata,
      layout,
      predictions: firstOfBatch(predictions),
      protos: protos && firstOfBatch(protos),
      inputHeight: height,
      inputWidth: width,
      height: pixels.height,
      width: pixels.width,
      conf: options.conf,
      iou: options.iou,
      maxDet: options.maxDet,
      classes: options.classes,
      agnostic: options.agnostic,
    });
    const t3 = performance.now();
    return {
      results,
      shape: [pixels.height, pixels.width],
      speed: { preprocess: t1 - t0, inference: runMs, postprocess: t3 - t2 },
      stages: { decode: 0, letterbox: t1 - t0, queued: queuedMs, run: runMs, postprocess: t3 - t2 },
      ...(top5 ? { top5 } : {}),
    };
  }

  /** Ultralytics' check_imgsz: export size for fixed models, the requested size rounded up to the stride otherwise. */
  private inputSize(requested: number | undefined): [number, number] {
    const { metadata } = this;
    if (!metadata.dynamic) return metadata.imgsz;
    const size = Math.ceil((requested ?? DEFAULT_IMGSZ) / metadata.stride) * metadata.stride;
    return [size, size];
  }
}

function firstOfBatch(tensor: FloatTensor): FloatTensor {
  const [batch, ...rest] = tensor.dims;
  if (!batch || batch === 1) return tensor;
  const size = rest.reduce((a, b) => a * b, 1);
  return { data: tensor.data.subarray(0, size), dims: [1, ...rest] };
}

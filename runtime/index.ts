/** Inference runtime: Ultralytics-exact predictions from exported ONNX models. Knows nothing of HTTP or GraphQL. */
export { InvalidImageError, InvalidModelError, ModelBusyError } from './errors.js';
export { readOnnxMetadata, readOnnxMetadataFromFile, parseUltralyticsMetadata, type ModelMetadata, type Task } from './onnx-metadata.js';
export { inspectModel, inspectModelFile, type ModelDescription } from './inspect.js';
export type { LayoutKind, OutputLayout } from './layout.js';
export { decodeImage, DEFAULT_LIMIT_INPUT_PIXELS, type DecodeOptions } from './decode.js';
export { decodeBmp, isBmp } from './bmp.js';
export { letterboxGeometry, letterboxTensor } from './letterbox.js';
export { decodeVideoFrames, type VideoFrame, type VideoOptions } from './video.js';
export type { ChannelOrder, Pixels } from './pixels.js';
export {
  loadModel,
  type LoadedModel,
  type LoadModelOptions,
  type Prediction,
  type PredictionStages,
  type PredictOptions,
} from './model.js';
export { SessionCache, type SessionCacheOptions } from './session-cache.js';
export type {
  Box,
  ClassifyResult,
  DetectResult,
  ObbResult,
  PoseResult,
  RotatedBox,
  SegmentResult,
  UltralyticsResult,
} from './postprocess/results.js';

/** The bytes are not an ONNX model, or not one Ultralytics exported (metadata missing or garbled). */
export class InvalidModelError extends Error {
  override name = 'InvalidModelError';
}

/**
 * The model already has as many predictions in flight as it may queue: taking more would only grow everyone's
 * latency. `retryAfterMs` estimates when a slot frees up (the work ahead, at the model's recent pace).
 */
export class ModelBusyError extends Error {
  override name = 'ModelBusyError';
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
  }
}

/** The bytes are not an image (or video) we can decode: unknown format, corrupt, truncated, too large. */
export class InvalidImageError extends Error {
  override name = 'InvalidImageError';
}

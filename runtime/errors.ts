/** The bytes are not an ONNX model, or not one Ultralytics exported (metadata missing or garbled). */
export class InvalidModelError extends Error {
  override name = 'InvalidModelError';
}

/** The bytes are not an image (or video) we can decode: unknown format, corrupt, truncated, too large. */
export class InvalidImageError extends Error {
  override name = 'InvalidImageError';
}

import type { PredictMutation } from './generated/graphql.js';

type Detection = PredictMutation['predict']['images'][number]['results'][number];

/**
 * A result in Ultralytics' own JSON (`Results.summary()`): keys in its order, and only those its task has
 * (`box` with x3..y4 for OBB only, `segments` for segment, `keypoints` for pose).
 */
export function ultralyticsResult(detection: Detection): Record<string, unknown> {
  const result: Record<string, unknown> = { name: detection.name, class: detection.class, confidence: detection.confidence };
  if (detection.box) {
    result.box = Object.fromEntries(Object.entries(detection.box).filter(([key, value]) => key !== '__typename' && value != null));
  }
  if (detection.segments) result.segments = { x: detection.segments.x, y: detection.segments.y };
  if (detection.keypoints) {
    result.keypoints = { x: detection.keypoints.x, y: detection.keypoints.y, visible: detection.keypoints.visible };
  }
  return result;
}

/** The HUB Inference API answer: `images[].results/shape/speed` and `metadata`. */
export function hubResponse(prediction: PredictMutation['predict']): Record<string, unknown> {
  return {
    images: prediction.images.map((image) => ({
      results: image.results.map(ultralyticsResult),
      shape: image.shape,
      speed: { preprocess: image.speed.preprocess, inference: image.speed.inference, postprocess: image.speed.postprocess },
      ...(image.frame == null ? {} : { frame: image.frame }),
    })),
    metadata: prediction.metadata,
  };
}

/** The Platform API's `predictions`: the same results with `class` holding the class name, as the seed shows. */
export function platformPredictions(prediction: PredictMutation['predict']): Record<string, unknown>[] {
  return prediction.images.flatMap((image) =>
    image.results.map((detection) => {
      const { name, class: _id, ...rest } = ultralyticsResult(detection);
      return { class: name, ...rest, ...(image.frame == null ? {} : { frame: image.frame }) };
    }),
  );
}

/** HUB's `model` field: a model id, or any URL ending in `/models/<id>`. */
export function modelIdFrom(model: string): string {
  const match = /\/models\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(model.trim());
  return match ? match[1]! : model.trim();
}

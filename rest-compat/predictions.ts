import type { PredictMutation } from './generated/graphql.js';

type Detection = PredictMutation['predict']['images'][number]['results'][number];

/** A prediction as either predict operation selects it (the shared `predict`, a deployment's `deploymentPredict`). */
export interface PredictionData {
  images: Array<{
    results: Array<
      Omit<Detection, '__typename' | 'box' | 'segments' | 'keypoints'> & {
        box?: Omit<NonNullable<Detection['box']>, '__typename'> | null;
        segments?: { x: number[]; y: number[] } | null;
        keypoints?: { x: number[]; y: number[]; visible?: number[] | null } | null;
      }
    >;
    shape: number[];
    speed: { preprocess: number; inference: number; postprocess: number };
    frame?: number | null;
  }>;
  metadata: Omit<PredictMutation['predict']['metadata'], '__typename'>;
}

/**
 * A result in Ultralytics' own JSON (`Results.summary()`): keys in its order, and only those its task has
 * (`box` with x3..y4 for OBB only, `segments` for segment, `keypoints` for pose).
 */
export function ultralyticsResult(detection: PredictionData['images'][number]['results'][number]): Record<string, unknown> {
  const result: Record<string, unknown> = { name: detection.name, class: detection.class, confidence: detection.confidence };
  if (detection.box) {
    result.box = Object.fromEntries(Object.entries(detection.box).filter(([key, value]) => key !== '__typename' && value != null));
  }
  if (detection.segments) result.segments = { x: detection.segments.x, y: detection.segments.y };
  if (detection.keypoints) {
    const { x, y, visible } = detection.keypoints;
    result.keypoints = visible == null ? { x, y } : { x, y, visible }; // no visibility channel (kpt_shape [K, 2])
  }
  return result;
}

/** The HUB Inference API answer: `images[].results/shape/speed` and `metadata`. */
export function hubResponse(prediction: PredictionData): Record<string, unknown> {
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
export function platformPredictions(prediction: PredictionData): Record<string, unknown>[] {
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

/**
 * The estimated cost of a training run: what billing reserves while it may run, and what a start must be able to pay.
 * A deliberately generous heuristic calibrated on the platform docs' examples (500 images x 50 epochs at 640 px on
 * an RTX 4090 is about $0.50; 1,000 x 100 on an RTX PRO 6000 about $5): a fixed start-up time, plus per epoch a fixed
 * validation/checkpoint time and a time per image that grows with the image area. The real cost is settled from the
 * GPU time actually used, so the estimate only decides whether a run may start and what is held meanwhile.
 */
export const ESTIMATE = {
  /** Starting the trainer, loading the model, the ONNX export at the end. */
  startupSeconds: 60,
  /** Validation and checkpointing per epoch, whatever the dataset size. */
  secondsPerEpoch: 2,
  /** One image, one epoch, at 640 px. */
  secondsPerImageEpoch: 0.1,
  referenceImageSize: 640,
} as const;

export interface EstimateInput {
  epochs: number;
  imageSize: number;
  imageCount: number;
  hourlyPriceMicroUsd: number;
}

export function estimateTrainingSeconds({ epochs, imageSize, imageCount }: Omit<EstimateInput, 'hourlyPriceMicroUsd'>): number {
  const area = (imageSize / ESTIMATE.referenceImageSize) ** 2;
  return ESTIMATE.startupSeconds + epochs * (ESTIMATE.secondsPerEpoch + imageCount * ESTIMATE.secondsPerImageEpoch * area);
}

/** In whole micro-dollars, rounded up: a reservation never falls short by a rounding. */
export function estimateTrainingCost(input: EstimateInput): number {
  return Math.ceil((estimateTrainingSeconds(input) * input.hourlyPriceMicroUsd) / 3600);
}

import { Counter, Histogram, type Registry } from 'prom-client';
import type { PredictionStages } from '../../../runtime/index.js';

/** From half a millisecond (post-processing a few boxes) to several seconds (a 12-megapixel decode on a busy machine). */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Shared predict's figures at /metrics: where each image's time goes (decode, letterbox, waiting for the session and
 * the thread budget, the run itself, post-processing), and how many predictions a busy model refused.
 */
export class PredictMetrics {
  private readonly stages: Histogram<'stage'>;
  private readonly refused: Counter;

  constructor(registry: Registry) {
    this.stages = new Histogram({
      name: 'inference_predict_stage_seconds',
      help: 'Time per image in each stage of shared predict',
      labelNames: ['stage'],
      buckets: BUCKETS,
      registers: [registry],
    });
    this.refused = new Counter({
      name: 'inference_predict_refused_total',
      help: 'Predictions refused because their model had as many in flight as it takes (429)',
      registers: [registry],
    });
  }

  observe(stages: PredictionStages): void {
    for (const [stage, ms] of Object.entries(stages)) this.stages.observe({ stage }, ms / 1000);
  }

  refusal(): void {
    this.refused.inc();
  }
}

import type { SubgraphContext, SubgraphRuntime } from '../../kernel/subgraph.js';
import { PredictMetrics } from './services/predict-metrics.js';
import { Predictor } from './services/predictor.js';
import { ServedModels } from './services/served-models.js';

/** The inference subgraph's services, built once per process: one predictor (one session cache) for every request. */
export function inferenceServices(runtime: SubgraphRuntime) {
  return {
    predictor: new Predictor(
      runtime.files,
      runtime.config.inferenceMaxModels,
      runtime.config.inferenceMaxInFlight,
      new PredictMetrics(runtime.metrics),
    ),
    servedModels: new ServedModels(runtime.events),
  };
}

export type InferenceServices = ReturnType<typeof inferenceServices>;
export type InferenceContext = SubgraphContext<InferenceServices>;

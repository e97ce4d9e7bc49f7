import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { LIMITS } from '../../kernel/limits.js';
import { ServedModelSchema } from './entities/served-model.js';
import { migrations } from './migrations.js';
import { PredictResolver } from './resolvers/predict.resolver.js';
import { inferenceServices, type InferenceServices } from './services.js';

/** Predictions with Ultralytics-exported ONNX models, Ultralytics' numbers, from onnxruntime and sharp. */
export const inference: SubgraphDefinition<InferenceServices> = {
  name: 'inference',
  database: { schema: 'inference', entities: [ServedModelSchema], migrations },
  services: inferenceServices,
  resolvers: [PredictResolver],
  maxUploadBytes: LIMITS.predictVideoBytes,
  async start(_runtime, { servedModels, predictor }) {
    servedModels.consume();
    return () => predictor.close();
  },
};

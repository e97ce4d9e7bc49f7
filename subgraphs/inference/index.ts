import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { LIMITS } from '../../kernel/limits.js';
import { ServedModelSchema } from './entities/served-model.js';
import { migrations } from './migrations.js';
import { PredictResolver } from './resolvers/predict.resolver.js';
import { participateInGdpr } from '../../contracts/index.js';
import { inferenceServices, type InferenceServices } from './services.js';
import { inferenceAccountData } from './services/gdpr.js';

/** Predictions with Ultralytics-exported ONNX models, Ultralytics' numbers, from onnxruntime and sharp. */
export const inference: SubgraphDefinition<InferenceServices> = {
  name: 'inference',
  database: { schema: 'inference', entities: [ServedModelSchema], migrations },
  services: inferenceServices,
  resolvers: [PredictResolver],
  maxUploadBytes: LIMITS.predictVideoBytes,
  async start(runtime, { servedModels, predictor }) {
    servedModels.consume();
    participateInGdpr(runtime, 'inference', inferenceAccountData);
    return () => predictor.close();
  },
};

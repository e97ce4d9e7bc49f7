import type { SubgraphDefinition } from '../../kernel/subgraph.js';
import { ServedModelSchema } from './entities/served-model.js';
import { migrations } from './migrations.js';
import { PredictResolver } from './resolvers/predict.resolver.js';
import { closePredictor } from './services/predictor-instance.js';
import { applyModelEvent } from './services/served-models.js';
import { MAX_VIDEO_BYTES } from './services/uploads.js';

/** Predictions with Ultralytics-exported ONNX models, Ultralytics' numbers, from onnxruntime and sharp. */
export const inference: SubgraphDefinition = {
  name: 'inference',
  database: { schema: 'inference', entities: [ServedModelSchema], migrations },
  resolvers: [PredictResolver],
  maxUploadBytes: MAX_VIDEO_BYTES,
  async start(runtime) {
    runtime.events.consume('inference.served-models', applyModelEvent);
    return () => closePredictor(runtime);
  },
};

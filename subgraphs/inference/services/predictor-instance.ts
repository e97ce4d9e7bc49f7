import type { SubgraphRuntime } from '../../../kernel/subgraph.js';
import { Predictor } from './predictor.js';

/** One predictor (and so one session cache) per subgraph runtime: loaded models are shared by all its requests. */
const predictors = new WeakMap<SubgraphRuntime['db'], Predictor>();

export function predictorFor(runtime: SubgraphRuntime): Predictor {
  let instance = predictors.get(runtime.db);
  if (!instance) predictors.set(runtime.db, (instance = new Predictor(runtime.files)));
  return instance;
}

export async function closePredictor(runtime: SubgraphRuntime): Promise<void> {
  await predictors.get(runtime.db)?.close();
  predictors.delete(runtime.db);
}

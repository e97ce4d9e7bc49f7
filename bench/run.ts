/** `npm run bench [name…]`: runs the benchmarks and prints their figures. */
import { benchDeployment } from './deployment.js';
import { benchCallerToken } from './caller-token.js';
import { benchGateway } from './gateway.js';
import { benchPredict } from './predict.js';
import { benchUpload } from './upload.js';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  gateway: benchGateway,
  deployment: benchDeployment,
  tokens: benchCallerToken,
  predict: benchPredict,
  upload: benchUpload,
};

const chosen = process.argv.slice(2);
for (const name of chosen.length > 0 ? chosen : Object.keys(BENCHMARKS)) {
  const run = BENCHMARKS[name];
  if (!run) throw new Error(`Unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(', ')}`);
  await run();
}
process.exit(0);

/**
 * For `bench gateway`: every subgraph in one process (as `npm start` runs them, without its gateway), so that our
 * gateway and a default @apollo/gateway can be put in front of the same subgraphs. Prints one JSON line with each
 * subgraph's URL, then serves until SIGTERM.
 */
import { loadConfig } from '../kernel/config.js';
import { startSubgraphs } from '../platform/launch.js';
import { gatewaySecret } from '../platform/secret.js';
import { SUBGRAPHS } from '../platform/subgraphs.js';
import { stopOnSignals } from '../bin/process.js';

const config = loadConfig();
const running = await startSubgraphs(
  config,
  SUBGRAPHS.map(({ definition }) => definition),
  { secret: gatewaySecret(config, { generate: false }), port: () => 0 },
);
stopOnSignals(() => running.stop());
console.log(`subgraphs ${JSON.stringify(Object.fromEntries(running.subgraphs.map((subgraph) => [subgraph.name, subgraph.url])))}`);

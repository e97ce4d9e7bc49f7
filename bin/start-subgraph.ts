import { loadConfig } from '../kernel/config.js';
import { startSubgraphs } from '../platform/launch.js';
import { gatewaySecret } from '../platform/secret.js';
import { subgraphNamed } from '../platform/subgraphs.js';
import { fail, stopOnSignals } from './process.js';

const name = process.argv[2];
if (!name) fail('usage: npm run start:subgraph -- <name>');
const config = loadConfig();
if (!config.databaseUrl) fail('The split layout needs DATABASE_URL (PostgreSQL): PGlite is one process only.');
const { definition, defaultPort } = (() => {
  try {
    return subgraphNamed(name);
  } catch (error) {
    return fail(error);
  }
})();
const running = await startSubgraphs(config, [definition], {
  secret: gatewaySecret(config, { generate: false }),
  port: () => (process.env.PORT ? config.port : defaultPort),
}).catch(fail);
stopOnSignals(() => running.stop());
console.log(`Subgraph ${name} serving ${running.subgraphs[0]!.url}`);

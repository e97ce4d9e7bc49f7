import { loadConfig } from '../kernel/config.js';
import { startAllInOne } from '../platform/launch.js';
import { fail, stopOnSignals } from './process.js';

const config = loadConfig();
const platform = await startAllInOne(config).catch(fail);
stopOnSignals(() => platform.stop());
console.log(`Vision platform listening on ${platform.url}`);
console.log(`  GraphQL + explorer: ${platform.url}/graphql   REST: ${platform.url}/api   HUB predict: POST ${platform.url}/`);
console.log(`  database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}`);

import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVER_FILE } from '../cli/main.js';
import { loadConfig } from '../kernel/config.js';
import { startAllInOne } from '../platform/launch.js';
import { fail, stopOnSignals } from './process.js';

const config = loadConfig();
const platform = await startAllInOne(config).catch(fail);
// The operator CLI finds this server through its data dir, whatever PORT it was given.
const announcement = path.join(config.dataDir, SERVER_FILE);
writeFileSync(announcement, `${JSON.stringify({ url: platform.url, pid: process.pid })}\n`);
stopOnSignals(async () => {
  rmSync(announcement, { force: true });
  await platform.stop();
});
console.log(`Vision platform listening on ${platform.url}`);
console.log(`  GraphQL + explorer: ${platform.url}/graphql   REST: ${platform.url}/api   HUB predict: POST ${platform.url}/`);
console.log(`  database: ${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}`);

import { loadConfig } from '../kernel/config.js';
import { openDatabase } from '../kernel/database.js';
import { EventBus, eventsSchema } from '../kernel/events.js';
import { openFileStore } from '../kernel/file-store.js';
import { trainingDatabase } from '../subgraphs/training/database.js';
import { startTrainingWorker } from '../subgraphs/training/worker/worker.js';
import { fail, stopOnSignals } from './process.js';

const config = loadConfig();
if (!config.databaseUrl) fail('A separate worker needs DATABASE_URL (PostgreSQL): `npm start` runs one built in on PGlite.');
const db = await openDatabase(config, [eventsSchema, trainingDatabase]).catch(fail);
// Only publishes: the worker consumes no events, so the bus is never started. It signs no links: no secret.
const events = new EventBus(db, config.databaseUrl);
const worker = (() => {
  try {
    return startTrainingWorker({ config, db, events, files: openFileStore(config) });
  } catch (error) {
    return fail(error);
  }
})();
stopOnSignals(async () => {
  await worker.stop();
  await db.close();
});
await worker.ready;
console.log(`Training worker ${worker.id} serving ${worker.gpuTypes.join(', ')}`);

import { loadConfig } from '../kernel/config.js';
import { openDatabase } from '../kernel/database.js';
import { EventBus, eventsSchema } from '../kernel/events.js';
import { openFileStore } from '../kernel/file-store.js';
import { deploymentDatabase } from '../subgraphs/deployment/database.js';
import { startExportWorker } from '../subgraphs/deployment/worker/export-worker.js';
import { trainingDatabase } from '../subgraphs/training/database.js';
import { startTrainingWorker } from '../subgraphs/training/worker/worker.js';
import { fail, stopOnSignals } from './process.js';

const config = loadConfig();
if (!config.databaseUrl) fail('A separate worker needs DATABASE_URL (PostgreSQL): `npm start` runs one built in on PGlite.');
const db = await openDatabase(config, [eventsSchema, trainingDatabase, deploymentDatabase]).catch(fail);
// Only publishes: the worker consumes no events, so the bus is never started. It signs no links: no secret.
const events = new EventBus(db, config.databaseUrl);
const files = openFileStore(config);
const worker = (() => {
  try {
    return startTrainingWorker({ config, db, events, files });
  } catch (error) {
    return fail(error);
  }
})();
// Exports run on any worker: they need the Ultralytics CLI and a CPU, no particular GPU.
const exportWorker = startExportWorker({ config, db, events, files });
stopOnSignals(async () => {
  await Promise.all([worker.stop(), exportWorker.stop()]);
  await db.close();
});
await worker.ready;
console.log(`Training worker ${worker.id} serving ${worker.gpuTypes.join(', ')}; export worker ${exportWorker.id}`);

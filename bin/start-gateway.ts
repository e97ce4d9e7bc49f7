import { loadConfig } from '../kernel/config.js';
import { startSplitGateway } from '../platform/launch.js';
import { fail, stopOnSignals } from './process.js';

const gateway = await startSplitGateway(loadConfig()).catch(fail);
stopOnSignals(() => gateway.stop());
console.log(`Gateway listening on ${gateway.url}`);

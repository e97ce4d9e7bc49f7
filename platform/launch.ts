import type { Config } from '../kernel/config.js';
import { openDatabase } from '../kernel/database.js';
import { EventBus, eventsSchema } from '../kernel/events.js';
import { Registry } from 'prom-client';
import { systemClock, type Clock } from '../kernel/clock.js';
import { openFileStore } from '../kernel/file-store.js';
import { LiveEvents } from '../kernel/live.js';
import { serveSubgraph, type RunningSubgraph, type SubgraphDefinition, type SubgraphRuntime } from '../kernel/subgraph.js';
import { startTrainingWorker, type RunningWorker } from '../subgraphs/training/worker/worker.js';
import { startExportWorker } from '../subgraphs/deployment/worker/export-worker.js';
import type { RunningJobWorker } from '../kernel/job-queue.js';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { readSupergraph } from './schema.js';
import { gatewaySecret } from './secret.js';
import { SUBGRAPHS } from './subgraphs.js';

export interface RunningSubgraphs {
  subgraphs: RunningSubgraph[];
  events: EventBus;
  runtime: SubgraphRuntime;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** The time every subgraph reads (tests move it forward to see the trash purged). */
  clock?: Clock;
}

/** Starts subgraphs in this process on one database connection and one event bus. */
export async function startSubgraphs(
  config: Config,
  definitions: SubgraphDefinition<any>[],
  options: LaunchOptions & { secret: string; port: (definition: SubgraphDefinition<any>) => number },
): Promise<RunningSubgraphs> {
  const db = await openDatabase(config, [eventsSchema, ...definitions.map((definition) => definition.database)]);
  const metrics = new Registry();
  const events = new EventBus(db, config.databaseUrl, { metrics });
  const runtime: SubgraphRuntime = {
    config,
    db,
    events,
    live: new LiveEvents(events),
    files: openFileStore(config, options.secret),
    clock: options.clock ?? systemClock,
    metrics,
    secret: options.secret,
  };
  const subgraphs: RunningSubgraph[] = [];
  for (const definition of definitions) {
    subgraphs.push(await serveSubgraph(definition, runtime, { host: config.host, port: options.port(definition) }));
  }
  await events.start();
  return {
    subgraphs,
    events,
    runtime,
    async stop() {
      for (const subgraph of subgraphs) await subgraph.stop();
      await events.stop();
      await db.close();
    },
  };
}

export interface RunningPlatform {
  url: string;
  gateway: RunningGateway;
  subgraphs: RunningSubgraphs;
  worker: RunningWorker;
  exportWorker: RunningJobWorker;
  stop(): Promise<void>;
}

/** `npm start`: the gateway, every subgraph, a training and an export worker in one process (subgraphs on loopback ports of their own). */
export async function startAllInOne(config: Config, options: LaunchOptions = {}): Promise<RunningPlatform> {
  const secret = gatewaySecret(config, { generate: true });
  const subgraphs = await startSubgraphs(
    config,
    SUBGRAPHS.map(({ definition }) => definition),
    { ...options, secret, port: () => 0 },
  );
  const gateway = await startGateway({
    config,
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(subgraphs.subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
    secret,
    port: config.port,
    // One process: /metrics shows the event consumers beside the gateway's own figures; revocations are heard on its bus.
    metrics: [subgraphs.runtime.metrics],
    events: subgraphs.events,
  });
  const worker = startTrainingWorker(subgraphs.runtime);
  await worker.ready;
  const exportWorker = startExportWorker(subgraphs.runtime);
  return {
    url: gateway.url,
    gateway,
    subgraphs,
    worker,
    exportWorker,
    async stop() {
      await Promise.all([worker.stop(), exportWorker.stop()]);
      await gateway.stop();
      await subgraphs.stop();
    },
  };
}

/** `npm run start:gateway`: the gateway alone, in front of subgraphs found through SUBGRAPH_<NAME>_URL. */
export async function startSplitGateway(config: Config): Promise<RunningGateway> {
  const missing = SUBGRAPHS.filter(({ definition }) => !config.subgraphUrls[definition.name]);
  if (missing.length > 0) {
    throw new Error(`Set ${missing.map(({ definition }) => `SUBGRAPH_${definition.name.toUpperCase()}_URL`).join(', ')}`);
  }
  return startGateway({
    config,
    supergraphSdl: await readSupergraph(),
    subgraphUrls: config.subgraphUrls,
    secret: gatewaySecret(config, { generate: false }),
    port: config.port,
  });
}

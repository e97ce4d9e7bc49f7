import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { createPubSub } from '@graphql-yoga/subscription';
import type { Registry } from 'prom-client';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import express from 'express';
import { parse, type GraphQLSchema } from 'graphql';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import { useServer } from 'graphql-ws/use/ws';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
import { WebSocketServer } from 'ws';
import { CALLER_HEADER, verifyCaller, type Caller } from './auth.js';
import type { Config } from './config.js';
import type { Database, EntityManager, SchemaOwner } from './database.js';
import type { Clock } from './clock.js';
import type { EventBus } from './events.js';
import type { LiveEvents } from './live.js';
import type { FileStore } from './file-store.js';
import { formatError } from './graphql-errors.js';
import { LIMITS } from './limits.js';

/** Everything a subgraph shares with the process it runs in. */
export interface SubgraphRuntime {
  config: Config;
  db: Database;
  events: EventBus;
  /** This process's committed events per account: what every subscription reads. */
  live: LiveEvents;
  files: FileStore;
  clock: Clock;
  /** This process's metrics (event consumers, and whatever subgraphs add), served at /metrics. */
  metrics: Registry;
  /** The gateway secret: it signs callers and the file links the gateway serves. */
  secret: string;
}

/**
 * What every resolver gets: who is calling (as the gateway signed it), a unit of work of its own, the runtime, and the
 * subgraph's services (built once per process by its definition).
 */
export interface SubgraphContext<Services = unknown> extends SubgraphRuntime {
  caller: Caller | undefined;
  em: EntityManager;
  services: Services;
}

export type ReferenceResolver<Services = unknown> = (reference: { id: string }, context: SubgraphContext<Services>) => unknown;

/** A subgraph: its tables, its services, its resolvers, and what it runs in the background. Every subgraph has this shape. */
export interface SubgraphDefinition<Services = unknown> {
  name: string;
  database: SchemaOwner;
  /** Builds the subgraph's services once per process; resolvers get them as `ctx.services`. */
  services(runtime: SubgraphRuntime): Services;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  /** `__resolveReference` of each entity type it owns. */
  references?: Record<string, ReferenceResolver<Services>>;
  /** Largest file one GraphQL upload to this subgraph may carry (default 100 MB). */
  maxUploadBytes?: number | ((config: Config) => number);
  /** Background work (event consumers, jobs, bootstrap); returns how to stop it. */
  start?(runtime: SubgraphRuntime, services: Services): Promise<(() => Promise<void>) | void>;
}

const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 ** 2;

function maxUploadBytes(definition: SubgraphDefinition<any>, config: Config): number {
  const limit = definition.maxUploadBytes;
  return typeof limit === 'function' ? limit(config) : (limit ?? DEFAULT_MAX_UPLOAD_BYTES);
}

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible", "@external", "@requires", "@provides"])';

/** Builds a subgraph's federated schema from its type-graphql resolvers. */
export async function buildFederatedSchema(definition: SubgraphDefinition<any>): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const schema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    // Subscriptions read `ctx.live` in their own `subscribe`; type-graphql still wants a pub/sub to exist.
    pubSub: createPubSub() as unknown as PubSub,
    validate: false,
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  const resolvers: Record<string, object> = createResolversMap(schema);
  for (const [typeName, resolveReference] of Object.entries(definition.references ?? {})) {
    resolvers[typeName] = { ...resolvers[typeName], __resolveReference: resolveReference };
  }
  const federated = buildSubgraphSchema([{ typeDefs, resolvers: resolvers as never }]);
  return { schema: federated, sdl: printSubgraphSchema(federated) };
}

export interface RunningSubgraph {
  name: string;
  url: string;
  sdl: string;
  stop(): Promise<void>;
}

/**
 * Serves one subgraph over HTTP (queries, mutations, multipart uploads) and graphql-ws (subscriptions) at /graphql.
 * It answers only callers the gateway signed: anything else is refused before GraphQL sees it.
 */
export async function serveSubgraph<Services>(
  definition: SubgraphDefinition<Services>,
  runtime: SubgraphRuntime,
  options: { host: string; port: number },
): Promise<RunningSubgraph> {
  const { schema, sdl } = await buildFederatedSchema(definition);
  const services = definition.services(runtime);
  const stopBackground = await definition.start?.(runtime, services);

  const app = express();
  const httpServer: Server = createServer(app);
  const contextFor = (caller: Caller | undefined): SubgraphContext<Services> => ({ ...runtime, caller, em: runtime.db.em(), services });

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  // The signed caller is checked once, when the gateway opens the socket; tokens are short-lived, and a socket
  // outlives them, so every later subscription on it runs as the caller established then.
  const socketCallers = new WeakMap<object, Caller>();
  const wsCleanup = useServer<Record<string, unknown>, { socket: object }>(
    {
      schema,
      onConnect: (ctx) => {
        const caller = verifyCaller(ctx.connectionParams?.[CALLER_HEADER] as string | undefined, runtime.secret);
        if (caller) socketCallers.set(ctx.extra.socket, caller);
        return caller !== undefined;
      },
      context: (ctx) => contextFor(socketCallers.get(ctx.extra.socket)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  // In the split layout each subgraph process reports its own event consumers (the gateway reports its own).
  app.get('/metrics', async (_req, res) => {
    res.type(runtime.metrics.contentType).send(await runtime.metrics.metrics());
  });
  app.use(
    '/graphql',
    (req, res, next) => {
      const caller = verifyCaller(req.header(CALLER_HEADER), runtime.secret);
      if (!caller) {
        res.status(401).json({ errors: [{ message: 'Requests must come through the gateway', extensions: { code: 'UNAUTHORIZED' } }] });
        return;
      }
      res.locals.caller = caller;
      next();
    },
    graphqlUploadExpress({ maxFileSize: maxUploadBytes(definition, runtime.config), maxFiles: 1 }),
    express.json({ limit: LIMITS.graphqlJsonBytes }),
    expressMiddleware(apollo, { context: async ({ res }) => contextFor(res.locals.caller as Caller) }),
  );

  await new Promise<void>((resolve) => httpServer.listen(options.port, options.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    name: definition.name,
    url: `http://${options.host}:${port}/graphql`,
    sdl,
    async stop() {
      await wsCleanup.dispose();
      await apollo.stop();
      if (stopBackground) await stopBackground();
    },
  };
}

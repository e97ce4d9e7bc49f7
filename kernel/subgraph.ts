import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { createPubSub, type PubSub as YogaPubSub } from '@graphql-yoga/subscription';
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
import type { EventBus } from './events.js';
import type { FileStore } from './file-store.js';
import { formatError } from './graphql-errors.js';

/** Everything a subgraph shares with the process it runs in. */
export interface SubgraphRuntime {
  config: Config;
  db: Database;
  events: EventBus;
  files: FileStore;
  /** The gateway secret: it signs callers and the file links the gateway serves. */
  secret: string;
}

/** What every resolver gets: who is calling (as the gateway signed it), a unit of work of its own, and the runtime. */
export interface SubgraphContext extends SubgraphRuntime {
  caller: Caller | undefined;
  em: EntityManager;
}

export type ReferenceResolver = (reference: { id: string }, context: SubgraphContext) => unknown;

/** A subgraph: its tables, its resolvers, and what it runs in the background. Every subgraph has this shape. */
export interface SubgraphDefinition {
  name: string;
  database: SchemaOwner;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  /** `__resolveReference` of each entity type it owns. */
  references?: Record<string, ReferenceResolver>;
  /** Largest file one GraphQL upload to this subgraph may carry (default 100 MB). */
  maxUploadBytes?: number;
  /** Background work (event consumers, bootstrap); returns how to stop it. */
  start?(runtime: SubgraphRuntime): Promise<(() => Promise<void>) | void>;
}

const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 ** 2;

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@inaccessible", "@external", "@requires", "@provides"])';

/** Builds a subgraph's federated schema from its type-graphql resolvers. */
export async function buildFederatedSchema(
  definition: SubgraphDefinition,
  pubSub: PubSub = createPubSub() as unknown as PubSub,
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const schema = await buildSchema({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes,
    pubSub,
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
export async function serveSubgraph(
  definition: SubgraphDefinition,
  runtime: SubgraphRuntime,
  options: { host: string; port: number },
): Promise<RunningSubgraph> {
  const pubSub = createPubSub() as YogaPubSub<Record<string, [string, unknown]>>;
  runtime.events.onLive((event) => {
    if (event.accountId) pubSub.publish(event.type, event.accountId, event);
  });
  const { schema, sdl } = await buildFederatedSchema(definition, pubSub as unknown as PubSub);
  const stopBackground = await definition.start?.(runtime);

  const app = express();
  const httpServer: Server = createServer(app);
  const contextFor = (caller: Caller | undefined): SubgraphContext => ({ ...runtime, caller, em: runtime.db.em() });

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
    graphqlUploadExpress({ maxFileSize: definition.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES, maxFiles: 1 }),
    express.json({ limit: '10mb' }),
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

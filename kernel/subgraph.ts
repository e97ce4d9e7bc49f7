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
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import { useServer } from 'graphql-ws/use/ws';
import { buildSchema, createResolversMap, type NonEmptyArray, type PubSub } from 'type-graphql';
import { WebSocketServer } from 'ws';
import { acceptRequest, CALLER_HEADER, ReplayGuard, verifyCaller, type Caller, type SignedRequest, type VerifiedCaller } from './auth.js';
import type { Config } from './config.js';
import type { Database, EntityManager, SchemaOwner } from './database.js';
import type { Clock } from './clock.js';
import type { EventBus } from './events.js';
import type { LiveEvents } from './live.js';
import type { FileStore } from './file-store.js';
import { formatError, refuseNulCharacters } from './graphql-errors.js';
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
  /** Aborted when the request is gone (the gateway, and so the client, hung up): long work stops there. */
  signal: AbortSignal;
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
 * It answers only callers the gateway signed for this subgraph and this very request, once: anything else is refused
 * before GraphQL sees it.
 */
export async function serveSubgraph<Services>(
  definition: SubgraphDefinition<Services>,
  runtime: SubgraphRuntime,
  options: { host: string; port: number },
): Promise<RunningSubgraph> {
  const { schema, sdl } = await buildFederatedSchema(definition);
  const services = definition.services(runtime);
  const stopBackground = await definition.start?.(runtime, services);
  const audience = definition.name;
  const replays = new ReplayGuard();

  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const contextFor = (caller: Caller | undefined, signal: AbortSignal): SubgraphContext<Services> => ({
    ...runtime,
    caller,
    em: runtime.db.em(),
    services,
    signal,
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: LIMITS.websocketMessageBytes });
  // Per socket: the caller of each operation (from its own token), and a signal aborted when the socket closes.
  const sockets = new WeakMap<object, { operations: Map<string, Caller>; closed: AbortController }>();
  const wsCleanup = useServer<Record<string, unknown>, { socket: object }>(
    {
      schema,
      // The socket's own token (bound to no request) only opens it; each subscription carries a token of its own,
      // bound to that operation, so a socket opened for one caller runs nothing the gateway did not sign.
      onConnect: (ctx) => {
        const token = verifyCaller(ctx.connectionParams?.[CALLER_HEADER], runtime.secret, audience);
        if (!token || token.digest !== null || !replays.accept(token)) return false;
        sockets.set(ctx.extra.socket, { operations: new Map(), closed: new AbortController() });
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const token = verifyCaller(payload.extensions?.[CALLER_HEADER], runtime.secret, audience);
        const caller = acceptRequest(token, payload, replays);
        if (!caller) return [new GraphQLError('Operations must come signed through the gateway', { extensions: { code: 'UNAUTHORIZED' } })];
        sockets.get(ctx.extra.socket)?.operations.set(id, caller);
        return undefined;
      },
      onComplete: (ctx, id) => void sockets.get(ctx.extra.socket)?.operations.delete(id),
      onClose: (ctx) => sockets.get(ctx.extra.socket)?.closed.abort(),
      context: (ctx, id) => {
        const socket = sockets.get(ctx.extra.socket);
        return contextFor(socket?.operations.get(id), socket?.closed.signal ?? AbortSignal.abort());
      },
    },
    wsServer,
  );

  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    persistedQueries: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      // No status mapping here: @apollo/gateway reads a subgraph's errors only from a 200 answer.
      refuseNulCharacters(),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', subgraph: definition.name });
  });
  // In the split layout each subgraph process reports its own event consumers (the gateway reports its own).
  app.get('/metrics', async (_req, res) => {
    res.type(runtime.metrics.contentType).send(await runtime.metrics.metrics());
  });
  const refuse = (res: Response) =>
    void res.status(401).json({ errors: [{ message: 'Requests must come through the gateway', extensions: { code: 'UNAUTHORIZED' } }] });
  app.use(
    '/graphql',
    // Signature, audience and expiry first: nothing unsigned is read, uploads included.
    (req, res, next) => {
      const token = verifyCaller(req.header(CALLER_HEADER), runtime.secret, audience);
      if (!token) return refuse(res);
      res.locals.token = token;
      next();
    },
    graphqlUploadExpress({ maxFileSize: maxUploadBytes(definition, runtime.config), maxFiles: 1 }),
    express.json({ limit: LIMITS.graphqlJsonBytes }),
    // Then the request itself: the token must have been signed for exactly this operation, and be used once.
    (req, res, next) => {
      const body: unknown = req.body;
      const request = body && typeof body === 'object' && !Array.isArray(body) ? (body as SignedRequest) : {};
      const caller = acceptRequest(res.locals.token as VerifiedCaller, request, replays);
      if (!caller) return refuse(res);
      res.locals.caller = caller;
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      res.locals.signal = gone.signal;
      next();
    },
    expressMiddleware(apollo, {
      context: async ({ res }) => contextFor(res.locals.caller as Caller, res.locals.signal as AbortSignal),
    }),
  );
  // Malformed bodies (JSON, multipart) are the client's mistake: 400 with the envelope's code, no internals.
  app.use((error: { status?: number; statusCode?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      res
        .status(400)
        .json({ errors: [{ message: 'The request body is malformed or too large', extensions: { code: 'VALIDATION_ERROR' } }] });
      return;
    }
    console.error(`[subgraph ${definition.name}] unhandled error:`, error);
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_ERROR' } }] });
  });

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

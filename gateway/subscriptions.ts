import type { Server } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { CloseCode, createClient, handleProtocols, makeServer, type Client, type ServerOptions, type SubscribePayload } from 'graphql-ws';
import WebSocket, { WebSocketServer } from 'ws';
import { CALLER_HEADER, signCaller, type AccountCaller, type Caller } from '../kernel/auth.js';
import { LIMITS } from '../kernel/limits.js';
import { callsSharedInference, chargeOperation, operationCost, parseAndValidate } from './cost.js';
import { apiKeyOf } from './edge.js';
import type { KeyIdentities } from './identity.js';
import type { RateLimits } from './rate-limits.js';
import type { RevocationListener } from './revocations.js';

/** Queries and mutations one socket may have under way at once, and subscriptions it may hold open. */
export const SOCKET_LIMITS = { operationsInFlight: 10, subscriptions: 20 } as const;

/** graphql-ws close code for a socket whose key stopped working (4403 Forbidden, as graphql-ws uses 4401/4403). */
export const CLOSE_KEY_REVOKED = 4403;

interface Connection {
  socket: WebSocket;
  /** The key the socket was opened with: re-checked on every operation. */
  key: string;
  caller: AccountCaller;
  /** Operations being checked (key, parse, cost), admitted queries and mutations, and open subscriptions, by id. */
  checking: number;
  running: Set<string>;
  subscriptions: Set<string>;
  /** One upstream graphql-ws connection per subgraph, opened on first use. */
  upstream: Map<string, Client>;
}

export interface SubscriptionDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  /** GraphQL Armor's rules, as the HTTP path applies them. */
  validationRules: readonly ValidationRule[];
  /** Root Subscription field → subgraph name. */
  owners: Map<string, string>;
  subgraphUrl: (name: string) => string;
  secret: string;
  identities: KeyIdentities;
  rateLimits: RateLimits;
  /** Queries and mutations sent over the socket go through the gateway like any other. */
  execute: (args: ExecutionArgs, caller: Caller) => Promise<ExecutionResult>;
}

const error = (code: string, message: string) => new GraphQLError(message, { extensions: { code } });

/**
 * graphql-ws on the gateway's /graphql. Every operation on a socket is treated like an HTTP request: the socket's key
 * is checked again (a revoked key closes the socket), the document is parsed and validated with the same limits and
 * counted against the plan's rate limit by its cost; a socket has a bounded number of operations in flight and of
 * subscriptions. @apollo/gateway plans no subscriptions, so the gateway hands each one to the subgraph that owns its
 * root field, over that subgraph's own graphql-ws endpoint, each operation signed for that subgraph and that operation.
 */
export function serveSubscriptions(deps: SubscriptionDeps): { dispose(): Promise<void> } & RevocationListener {
  const wsServer = new WebSocketServer({ server: deps.httpServer, path: '/graphql', maxPayload: LIMITS.websocketMessageBytes });
  const connections = new WeakMap<object, Connection>();
  const byKeyId = new Map<string, Set<Connection>>();
  const connectionOf = (extra: { socket: object }) => connections.get(extra.socket);
  const forget = (connection: Connection) => {
    const open = byKeyId.get(connection.caller.keyId);
    open?.delete(connection);
    if (open?.size === 0) byKeyId.delete(connection.caller.keyId);
  };
  const closeRevoked = (connection: Connection) => connection.socket.close(CLOSE_KEY_REVOKED, 'Forbidden: the API key was revoked');

  /**
   * The checks of one operation, as for an HTTP request: the key asked again (a revoked key closes the socket), the
   * document parsed and validated with Armor's limits, its cost charged to the plan; then admitted if the socket has
   * room for it (queries and mutations in flight, open subscriptions).
   */
  const admit = async (
    connection: Connection,
    id: string,
    payload: SubscribePayload,
    hold: () => void,
  ): Promise<ExecutionArgs | GraphQLError[]> => {
    // The key may have been revoked (or its plan changed) since the socket opened: asked again, from the cache that
    // revocations clear at once.
    const caller = await deps.identities.resolve(connection.key).catch(() => internalFailure());
    if (caller?.kind !== 'account') {
      closeRevoked(connection);
      return [error('UNAUTHORIZED', 'The API key was revoked')];
    }
    connection.caller = caller;
    if (typeof payload.query !== 'string') return [error('VALIDATION_ERROR', 'The operation has no query')];
    const parsed = parseAndValidate(deps.schema, payload.query, deps.validationRules);
    if ('errors' in parsed) return parsed.errors;
    const operation = getOperationAST(parsed.document, payload.operationName ?? undefined);
    if (!operation) return [error('VALIDATION_ERROR', 'The document does not name one operation to run')];
    const subscription = operation.operation === 'subscription';
    if (subscription && connection.subscriptions.size >= SOCKET_LIMITS.subscriptions) {
      return [error('RATE_LIMITED', `At most ${SOCKET_LIMITS.subscriptions} subscriptions may be open on one socket`)];
    }
    if (!subscription && connection.running.size - connection.subscriptions.size >= SOCKET_LIMITS.operationsInFlight) {
      return [error('RATE_LIMITED', `At most ${SOCKET_LIMITS.operationsInFlight} operations may be under way on one socket`)];
    }
    // The slot is held while the plan is charged (no await between the check and the hold).
    connection.running.add(id);
    if (subscription) connection.subscriptions.add(id);
    hold();
    const charge = await chargeOperation(
      deps.rateLimits,
      caller,
      { cost: operationCost(deps.schema, parsed.document, operation), predicts: callsSharedInference(operation) },
      0,
    );
    if (!charge.allowed) {
      connection.running.delete(id);
      connection.subscriptions.delete(id);
      return [error('RATE_LIMITED', charge.message!)];
    }
    return {
      schema: deps.schema,
      document: parsed.document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue: { connection, caller },
    };
  };

  const cleanup = serveGraphqlWs(
    {
      schema: deps.schema,
      async onConnect(ctx) {
        const params = lowerCaseKeys(ctx.connectionParams ?? {});
        const key = apiKeyOf({ 'x-api-key': params['x-api-key'] ?? params['apikey'], authorization: params['authorization'] });
        const caller = key ? await deps.identities.resolve(key).catch(() => internalFailure()) : undefined;
        if (!key || caller?.kind !== 'account') return false;
        const connection: Connection = {
          socket: ctx.extra.socket,
          key,
          caller,
          checking: 0,
          running: new Set(),
          subscriptions: new Set(),
          upstream: new Map(),
        };
        connections.set(ctx.extra.socket, connection);
        byKeyId.set(caller.keyId, (byKeyId.get(caller.keyId) ?? new Set()).add(connection));
        return true;
      },
      onClose(ctx) {
        const connection = connectionOf(ctx.extra);
        if (!connection) return;
        forget(connection);
        for (const client of connection.upstream.values()) void client.dispose();
      },
      async onSubscribe(ctx, id, payload) {
        const connection = connectionOf(ctx.extra);
        if (!connection) return [error('UNAUTHORIZED', 'Invalid API key')];
        // Operations still being checked count too: a burst cannot queue unbounded work behind the checks.
        if (connection.checking + connection.running.size >= SOCKET_LIMITS.operationsInFlight + SOCKET_LIMITS.subscriptions) {
          return [error('RATE_LIMITED', `At most ${SOCKET_LIMITS.operationsInFlight} operations may be under way on one socket`)];
        }
        // Counted as being checked until it holds its slot (then it counts among the running), never both.
        connection.checking++;
        let holding = false;
        const hold = () => {
          connection.checking--;
          holding = true;
        };
        try {
          return await admit(connection, id, payload, hold);
        } finally {
          if (!holding) connection.checking--;
        }
      },
      onComplete: (ctx, id) => {
        const connection = connectionOf(ctx.extra);
        connection?.running.delete(id);
        connection?.subscriptions.delete(id);
      },
      // The gateway's answer carries formatted errors (plain objects); graphql-ws sends only GraphQLErrors.
      execute: async (args) => {
        const result = await deps.execute(args, (args.contextValue as { caller: Caller }).caller);
        return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
      },
      subscribe: (args) => {
        const { connection, caller } = args.contextValue as { connection: Connection; caller: AccountCaller };
        const subgraph = ownerOf(args, deps.owners);
        if (!subgraph) return { errors: [error('VALIDATION_ERROR', 'A subscription must select root fields of one subgraph')] };
        let client = connection.upstream.get(subgraph);
        if (!client) {
          client = createClient({
            url: deps.subgraphUrl(subgraph).replace(/^http/, 'ws'),
            webSocketImpl: WebSocket,
            // A fresh token on every (re)connect: it opens the socket only; each operation carries its own.
            connectionParams: () => ({ [CALLER_HEADER]: signCaller(caller, deps.secret, subgraph, null) }),
            lazy: true,
            retryAttempts: 3,
          });
          connection.upstream.set(subgraph, client);
        }
        const request = {
          query: print(args.document),
          variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
          operationName: args.operationName ?? undefined,
        };
        return relay(client.iterate({ ...request, extensions: { [CALLER_HEADER]: signCaller(caller, deps.secret, subgraph, request) } }));
      },
    },
    wsServer,
  );
  return {
    dispose: async () => cleanup.dispose(),
    keyRevoked(keyId) {
      for (const connection of byKeyId.get(keyId) ?? []) closeRevoked(connection);
    },
  };
}

/** A failure of ours: the socket closes 4500 with no more said (graphql-ws puts a thrown message in the reason). */
function internalFailure(): never {
  throw new Error('Internal server error');
}

/** What a client may send in graphql-transport-ws; anything else (a server's `next`, an unknown type) is its mistake. */
const CLIENT_MESSAGES = new Set(['connection_init', 'ping', 'pong', 'subscribe', 'complete']);

/**
 * graphql-ws's server on a ws server, as `graphql-ws/use/ws` binds it, with three differences: a message type only a
 * server sends closes the socket 4400 (the library would throw and close 4500), a failure closes 4500 with no more than
 * "Internal server error" as its reason, and keep-alive pings find dead sockets.
 */
function serveGraphqlWs(options: ServerOptions<Record<string, unknown>, { socket: WebSocket }>, wsServer: WebSocketServer) {
  const server = makeServer(options);
  wsServer.options.handleProtocols = handleProtocols;
  wsServer.on('error', () => undefined); // errors of the listening socket are the HTTP server's to report
  wsServer.on('connection', (socket: WebSocket) => {
    socket.on('error', () => undefined); // ws closes the socket itself (1009 too large, 1002 protocol error)
    let alive = true;
    const keepAlive = setInterval(() => {
      if (!alive) return void socket.terminate();
      alive = false;
      socket.ping();
    }, 12_000);
    socket.on('pong', () => (alive = true));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== WebSocket.OPEN) return resolve();
            socket.send(data, (error) => (error ? reject(error) : resolve()));
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            const text = String(data);
            try {
              const type = (JSON.parse(text) as { type?: unknown } | null)?.type;
              if (typeof type === 'string' && !CLIENT_MESSAGES.has(type)) {
                return socket.close(CloseCode.BadRequest, 'Invalid message received');
              }
            } catch {
              // not JSON: graphql-ws itself answers 4400
            }
            try {
              await handle(text);
            } catch {
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket },
    );
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  });
  return {
    async dispose() {
      for (const client of wsServer.clients) client.close(1001, 'Going away');
      wsServer.removeAllListeners();
      await new Promise<void>((resolve, reject) => wsServer.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Passes the subgraph's results on. Its errors arrive as plain JSON (and a refused subscription as a thrown list
 * of them); graphql-ws sends only GraphQLErrors, so they are rebuilt with their codes kept.
 */
async function* relay(upstream: AsyncIterable<FormattedExecutionResult>): AsyncGenerator<ExecutionResult> {
  try {
    for await (const result of upstream) {
      yield { ...result, errors: result.errors?.map(asGraphQLError) } as ExecutionResult;
    }
  } catch (failure) {
    const errors = Array.isArray(failure) ? failure : [failure];
    yield { errors: errors.map(asGraphQLError) };
  }
}

/** A subgraph's error as clients may see it: its envelope code and message; anything else (a dropped socket) is internal. */
function asGraphQLError(failure: unknown): GraphQLError {
  const { message, extensions, path } = (failure ?? {}) as {
    message?: string;
    extensions?: Record<string, unknown>;
    path?: ReadonlyArray<string | number>;
  };
  if (typeof extensions?.code === 'string' && typeof message === 'string') {
    return new GraphQLError(message, {
      path,
      extensions: { code: extensions.code, ...(extensions.details ? { details: extensions.details } : {}) },
    });
  }
  return new GraphQLError('Internal server error', { path, extensions: { code: 'INTERNAL_ERROR' } });
}

function ownerOf(args: ExecutionArgs, owners: Map<string, string>): string | undefined {
  const operation = args.document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === 'OperationDefinition' && (!args.operationName || definition.name?.value === args.operationName),
  );
  const fields =
    operation?.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : [])) ?? [];
  const subgraphs = new Set(fields.map((field) => owners.get(field)));
  return subgraphs.size === 1 ? [...subgraphs][0] : undefined;
}

function lowerCaseKeys(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key.toLowerCase(), value]));
}

import type { Server } from 'node:http';
import {
  GraphQLError,
  print,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { CALLER_HEADER, signCaller, type Caller } from '../kernel/auth.js';
import { apiKeyOf } from './edge.js';
import type { KeyIdentities } from './identity.js';
import type { RateLimits } from './rate-limits.js';

interface Connection {
  caller: Caller;
  /** One upstream graphql-ws connection per subgraph, opened on first use. */
  upstream: Map<string, Client>;
}

export interface SubscriptionDeps {
  httpServer: Server;
  schema: GraphQLSchema;
  /** Root Subscription field → subgraph name. */
  owners: Map<string, string>;
  subgraphUrl: (name: string) => string;
  secret: string;
  identities: KeyIdentities;
  rateLimits: RateLimits;
  /** Queries and mutations sent over the socket go through the gateway like any other. */
  execute: (args: ExecutionArgs, caller: Caller) => Promise<ExecutionResult>;
}

/**
 * graphql-ws on the gateway's /graphql. @apollo/gateway plans no subscriptions, so the gateway hands each one to the
 * subgraph that owns its root field, over that subgraph's own graphql-ws endpoint, signed like any other request.
 */
export function serveSubscriptions(deps: SubscriptionDeps): { dispose(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: deps.httpServer, path: '/graphql' });
  const connections = new WeakMap<object, Connection>();
  const connectionOf = (extra: { socket: object }) => connections.get(extra.socket)!;

  const cleanup = useServer<Record<string, unknown>, { socket: WebSocket }>(
    {
      schema: deps.schema,
      async onConnect(ctx) {
        const params = lowerCaseKeys(ctx.connectionParams ?? {});
        const key = apiKeyOf({ 'x-api-key': params['x-api-key'] ?? params['apikey'], authorization: params['authorization'] });
        const caller = key ? await deps.identities.resolve(key) : undefined;
        if (caller?.kind !== 'account') return false;
        if (!(await deps.rateLimits.consume(caller)).allowed) return false;
        connections.set(ctx.extra.socket, { caller, upstream: new Map() });
        return true;
      },
      onClose(ctx) {
        const connection = connections.get(ctx.extra.socket);
        for (const client of connection?.upstream.values() ?? []) void client.dispose();
      },
      context: (ctx) => ({ connection: connectionOf(ctx.extra) }),
      execute: (args) => deps.execute(args, (args.contextValue as { connection: Connection }).connection.caller),
      subscribe: (args) => {
        const { connection } = args.contextValue as { connection: Connection };
        const subgraph = ownerOf(args, deps.owners);
        let client = connection.upstream.get(subgraph);
        if (!client) {
          client = createClient({
            url: deps.subgraphUrl(subgraph).replace(/^http/, 'ws'),
            webSocketImpl: WebSocket,
            // A fresh signature on every (re)connect: tokens are short-lived.
            connectionParams: () => ({ [CALLER_HEADER]: signCaller(connection.caller, deps.secret) }),
            lazy: true,
            retryAttempts: 3,
          });
          connection.upstream.set(subgraph, client);
        }
        return relay(
          client.iterate({
            query: print(args.document),
            variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
            operationName: args.operationName ?? undefined,
          }),
        );
      },
    },
    wsServer,
  );
  return { dispose: async () => cleanup.dispose() };
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

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  const { message, extensions, path } = (error ?? {}) as {
    message?: string;
    extensions?: Record<string, unknown>;
    path?: ReadonlyArray<string | number>;
  };
  return new GraphQLError(message ?? 'Subscription failed', { extensions, path });
}

function ownerOf(args: ExecutionArgs, owners: Map<string, string>): string {
  const operation = args.document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === 'OperationDefinition' && (!args.operationName || definition.name?.value === args.operationName),
  );
  const fields =
    operation?.selectionSet.selections.flatMap((selection) => (selection.kind === 'Field' ? [selection.name.value] : [])) ?? [];
  const subgraphs = new Set(fields.map((field) => owners.get(field)));
  if (subgraphs.size !== 1 || subgraphs.has(undefined)) {
    throw new Error('A subscription must select root fields of one subgraph');
  }
  return [...subgraphs][0]!;
}

function lowerCaseKeys(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key.toLowerCase(), value]));
}

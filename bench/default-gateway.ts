/**
 * The reference for `bench gateway`: a default `ApolloServer` + `ApolloGateway` (its own HTTP server, the default
 * RemoteGraphQLDataSource) over the same supergraph and subgraphs as ours. It adds only what the subgraphs demand to
 * answer at all: a caller token signed for each request (for the one bench account; it authenticates nobody).
 *
 *   SUBGRAPH_<NAME>_URL=… GATEWAY_SECRET=… BENCH_CALLER='{"kind":"account",…}' PORT=… node --import tsx bench/default-gateway.ts
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CALLER_HEADER, signCaller, type Caller } from '../kernel/auth.js';
import { loadConfig } from '../kernel/config.js';
import { readSupergraph } from '../platform/schema.js';
import { gatewaySecret } from '../platform/secret.js';

const config = loadConfig();
const secret = gatewaySecret(config, { generate: false });
const caller = JSON.parse(process.env.BENCH_CALLER ?? '') as Caller;

const gateway = new ApolloGateway({
  supergraphSdl: await readSupergraph(),
  buildService: ({ name, url }) =>
    new RemoteGraphQLDataSource({
      url: config.subgraphUrls[name] ?? url,
      willSendRequest: ({ request }) => request.http?.headers.set(CALLER_HEADER, signCaller(caller, secret, name, request)),
    }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port: config.port, host: config.host } });
console.log(`default gateway listening on ${url}`);

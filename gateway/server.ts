import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import { buildSchema, print, type DocumentNode, type ExecutionResult } from 'graphql';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import pg from 'pg';
import type { Registry } from 'prom-client';
import type { Caller } from '../kernel/auth.js';
import type { Config } from '../kernel/config.js';
import { FILES_ROUTE, openFileStore } from '../kernel/file-store.js';
import { LIMITS, largestDatasetUpload, planEntitlements } from '../kernel/limits.js';
import {
  billingWebhook,
  deploymentEndpoints,
  hubPredict,
  restCompat,
  sendWebhookError,
  signedUploadRoute,
  webhookRoutes,
} from '../rest-compat/router.js';
import { sendError } from '../rest-compat/envelope.js';
import { SigningDataSource, type GatewayContext } from './data-source.js';
import { edge } from './edge.js';
import { explorer } from './explorer.js';
import { files } from './files.js';
import { forgetKeysOnRevoke, KeyIdentities } from './identity.js';
import { Metrics } from './observability.js';
import { planLimits, RateLimits } from './rate-limits.js';
import { serveSubscriptions } from './subscriptions.js';
import { apiSchemaSdl, subscriptionOwners } from './supergraph.js';
import { UsageMeter } from './usage-meter.js';

export interface GatewayOptions {
  config: Config;
  supergraphSdl: string;
  /** Where each subgraph listens, by name. */
  subgraphUrls: Record<string, string>;
  secret: string;
  port: number;
  /** Other metrics of this process to serve at /metrics (the subgraphs' event consumers in the all-in-one layout). */
  metrics?: Registry[];
}

export interface RunningGateway {
  url: string;
  /** Runs one operation through the gateway as `caller`, exactly as an HTTP request would. */
  execute(document: DocumentNode, variables: Record<string, unknown> | undefined, caller: Caller): Promise<ExecutionResult>;
  stop(): Promise<void>;
}

/** Serves everything users see on one port: GraphQL (HTTP, uploads, WebSocket), REST, HUB predict, health, metrics. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config, secret, subgraphUrls } = options;
  const subgraphUrl = (name: string) => {
    const url = subgraphUrls[name];
    if (!url) throw new Error(`No URL for subgraph "${name}" (set SUBGRAPH_${name.toUpperCase()}_URL)`);
    return url;
  };

  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => new SigningDataSource(subgraphUrl(name), secret),
  });
  const identities = new KeyIdentities(() => subgraphUrl('account'), secret);
  const usage = new UsageMeter(() => subgraphUrl('billing'), secret);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      forgetKeysOnRevoke(identities),
      usage.plugin(),
    ],
  });
  await apollo.start();

  const printed = new WeakMap<DocumentNode, string>();
  const execute: RunningGateway['execute'] = async (document, variables, caller) => {
    let query = printed.get(document);
    if (!query) printed.set(document, (query = print(document)));
    const response = await apollo.executeOperation({ query, variables }, { contextValue: { caller } });
    if (response.body.kind !== 'single') throw new Error('Incremental delivery is not supported here');
    return response.body.singleResult as ExecutionResult;
  };

  const pool = config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: 5 }) : undefined;
  const rateLimits = await RateLimits.create(planLimits(planEntitlements(config)), pool);
  const deps = { identities, rateLimits, secret };
  const metrics = new Metrics();

  app.use(metrics.middleware());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const checks = await readiness(subgraphUrls, pool);
    res.status(Object.values(checks).every((check) => check === 'ok') ? 200 : 503).json({ checks });
  });
  const registries = [metrics.registry, ...(options.metrics ?? [])];
  app.get('/metrics', async (_req, res) => {
    const texts = await Promise.all(registries.map((registry) => registry.metrics()));
    res.type(metrics.registry.contentType).send(texts.join('\n'));
  });
  app.use(explorer());
  app.use(files({ store: openFileStore(config, secret) }));
  // Signed upload URLs (weights from the Ultralytics client): no API key, the signature is checked where they land.
  app.put(`${FILES_ROUTE}/*key`, signedUploadRoute(execute));
  app.use(
    '/graphql',
    edge(deps, (res, code, message) => {
      res.status(code === 'RATE_LIMITED' ? 429 : 401).json({ errors: [{ message, extensions: { code } }] });
    }),
    // The largest upload any subgraph takes (datasets); each subgraph enforces its own limit too.
    graphqlUploadExpress({ maxFileSize: largestDatasetUpload(config), maxFiles: 1 }),
    express.json({ limit: LIMITS.graphqlJsonBytes }),
    expressMiddleware(apollo, { context: async ({ res }) => ({ caller: res.locals.caller as Caller }) }),
  );
  // Stripe signs its webhook; it carries no API key, so it is served before the edge.
  app.use('/api', billingWebhook({ execute }));
  app.use('/api/webhooks', edge(deps, sendWebhookError), webhookRoutes(execute));
  app.use('/api', edge(deps, sendError), restCompat({ execute, config }));
  app.post(['/', '/predict'], edge(deps, sendError), hubPredict({ execute }));
  app.use('/endpoints', edge(deps, sendError, { rateLimited: false }), deploymentEndpoints({ execute }));
  app.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', 'No such route'));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    console.error('[gateway] unhandled error:', error);
    if (!res.headersSent) sendError(res, 'INTERNAL_ERROR', 'Internal server error');
  });

  const subscriptions = serveSubscriptions({
    httpServer,
    schema: buildSchema(apiSchemaSdl(options.supergraphSdl)),
    owners: subscriptionOwners(options.supergraphSdl),
    subgraphUrl,
    secret,
    identities,
    rateLimits,
    execute: (args, caller) => execute(args.document, args.variableValues ?? undefined, caller),
  });

  await new Promise<void>((resolve) => httpServer.listen(options.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    execute,
    async stop() {
      await subscriptions.dispose();
      await usage.stop();
      await apollo.stop();
      await pool?.end();
    },
  };
}

async function readiness(subgraphUrls: Record<string, string>, pool: pg.Pool | undefined): Promise<Record<string, string>> {
  const checks: Record<string, string> = {};
  await Promise.all([
    ...Object.entries(subgraphUrls).map(async ([name, url]) => {
      try {
        const response = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
        checks[name] = response.ok ? 'ok' : `unhealthy (${response.status})`;
      } catch (error) {
        checks[name] = `unreachable (${(error as Error).message})`;
      }
    }),
    pool
      ? pool.query('select 1').then(
          () => void (checks.database = 'ok'),
          (error: Error) => void (checks.database = `unreachable (${error.message})`),
        )
      : undefined,
  ]);
  return checks;
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { buildSchema, GraphQLError, print, type DocumentNode, type ExecutionResult } from 'graphql';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import pg from 'pg';
import type { Registry } from 'prom-client';
import { ReplayGuard, type Caller } from '../kernel/auth.js';
import type { Config } from '../kernel/config.js';
import { ERROR_STATUS } from '../kernel/errors.js';
import type { EventBus } from '../kernel/events.js';
import { FILES_ROUTE, openFileStore } from '../kernel/file-store.js';
import { formatError, refuseNulCharacters, statusFromErrorCodes } from '../kernel/graphql-errors.js';
import { LIMITS, largestDatasetUpload, planEntitlements } from '../kernel/limits.js';
import { sendError } from '../rest-compat/envelope.js';
import { clientGone, type Execute } from '../rest-compat/route.js';
import {
  billingWebhook,
  deploymentEndpoints,
  hubPredict,
  restCompat,
  sendWebhookError,
  signedUploadRoute,
  webhookRoutes,
} from '../rest-compat/router.js';
import { armor, chargeDocuments } from './cost.js';
import { SigningDataSource, type GatewayContext } from './data-source.js';
import { authenticate, bindOperator, edge, limitSharedInference, type EdgeDeps, type Reject } from './edge.js';
import { explorer } from './explorer.js';
import { files } from './files.js';
import { forgetKeysOnRevoke, KeyIdentities } from './identity.js';
import { Metrics } from './observability.js';
import { planLimits, RateLimits } from './rate-limits.js';
import { followRevocations, openLiveEvents } from './revocations.js';
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
  /**
   * The event bus of this process, when it has one (all-in-one): revocations are heard on it. Without one, a gateway
   * on PostgreSQL opens a live-only bus of its own.
   */
  events?: EventBus;
}

export interface RunningGateway {
  url: string;
  /** Runs one operation through the gateway as `caller`, exactly as an HTTP request would. */
  execute: Execute;
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
    buildService: ({ name }) => new SigningDataSource(subgraphUrl(name), name, secret),
  });
  const identities = new KeyIdentities(() => subgraphUrl('account'), secret);
  const usage = new UsageMeter(() => subgraphUrl('billing'), secret);
  const pool = config.databaseUrl ? new pg.Pool({ connectionString: config.databaseUrl, max: 5 }) : undefined;
  const rateLimits = await RateLimits.create(planLimits(planEntitlements(config)), pool);
  const shield = armor();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    csrfPrevention: true,
    formatError,
    includeStacktraceInErrorResponses: false,
    persistedQueries: false,
    validationRules: shield.validationRules,
    parseOptions: shield.parseOptions,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...shield.plugins,
      refuseNulCharacters(),
      subscriptionsOverWebSocket(),
      chargeDocuments(rateLimits),
      statusFromErrorCodes(),
      forgetKeysOnRevoke(identities),
      usage.plugin(),
    ],
  });
  await apollo.start();

  const printed = new WeakMap<DocumentNode, string>();
  const execute: Execute = async (document, variables, caller, signal) => {
    let query = printed.get(document);
    if (!query) printed.set(document, (query = print(document)));
    const response = await apollo.executeOperation({ query, variables }, { contextValue: { caller, signal } });
    if (response.body.kind !== 'single') throw new Error('Incremental delivery is not supported here');
    return response.body.singleResult as ExecutionResult;
  };

  const deps: EdgeDeps = { identities, rateLimits, secret, operatorReplays: new ReplayGuard() };
  const metrics = new Metrics();

  // Operations: no API key.
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
  // Routes that carry their own authorisation go here, before any API key is asked for: signed download links (and
  // likewise signed uploads or a payment provider's signed webhooks).
  app.use(files({ store: openFileStore(config, secret) }));
  // Signed upload URLs (weights from the Ultralytics client): no API key, the signature is checked where they land.
  app.put(`${FILES_ROUTE}/*key`, signedUploadRoute(execute));

  // GraphQL over HTTP: the API key (or the CLI's operator token), one request of the plan's rate limit at the edge,
  // then the document's cost (chargeDocuments) once Armor has accepted it.
  app.use(
    '/graphql',
    ...edge(deps, graphqlReject, { operator: true }),
    // The largest upload any subgraph takes (datasets); each subgraph enforces its own limit too.
    multipartOperations(graphqlUploadExpress({ maxFileSize: largestDatasetUpload(config), maxFiles: 1 })),
    express.json({ limit: LIMITS.graphqlJsonBytes }),
    bindOperator(deps, graphqlReject),
    anonymousOperationName,
    expressMiddleware(apollo, {
      context: async ({ res }) => ({ caller: res.locals.caller as Caller, signal: clientGone(res), chargeDocument: { alreadyCharged: 1 } }),
    }),
  );
  // REST and HUB predict: every route is one operation sent through `execute`. Shared predict also counts against the
  // plan's shared inference limit. A route held to neither limit (a dedicated endpoint) mounts `authenticate` alone.
  const sharedInference = limitSharedInference(deps, sendError);
  // Stripe signs its webhook; it carries no API key, so it is served before the edge.
  app.use('/api', billingWebhook({ execute }));
  // The Ultralytics client's reports: its API key, the plan's limit, and errors in the shape the client reads.
  app.use('/api/webhooks', ...edge(deps, sendWebhookError), webhookRoutes(execute));
  app.use('/api', ...edge(deps, sendError), restCompat({ execute, config, sharedInference }));
  app.post(['/', '/predict'], ...edge(deps, sendError), hubPredict({ execute, sharedInference }));
  // Dedicated deployment endpoints: the owner's key, but not the plan's request limit (the platform docs).
  app.use('/endpoints', authenticate(deps, sendError), deploymentEndpoints({ execute }));

  app.use((_req: Request, res: Response) => sendError(res, 'NOT_FOUND', 'No such route'));
  app.use(answerFailures);

  const subscriptions = serveSubscriptions({
    httpServer,
    schema: buildSchema(apiSchemaSdl(options.supergraphSdl)),
    validationRules: shield.validationRules,
    owners: subscriptionOwners(options.supergraphSdl),
    subgraphUrl,
    secret,
    identities,
    rateLimits,
    execute: (args, caller) => execute(args.document, args.variableValues ?? undefined, caller),
  });
  // Revocations made anywhere reach this gateway at once: on this process's bus, or a live-only one of its own.
  const ownEvents = options.events ? undefined : await openLiveEvents(config);
  const events = options.events ?? ownEvents?.events;
  if (events) followRevocations(events, identities, [subscriptions]);

  await new Promise<void>((resolve) => httpServer.listen(options.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}`,
    execute,
    async stop() {
      await subscriptions.dispose();
      await usage.stop();
      await apollo.stop();
      await ownEvents?.close();
      await pool?.end();
    },
  };
}

/** @apollo/gateway executes no subscription: over HTTP (and REST) one is the client's mistake, said plainly. */
function subscriptionsOverWebSocket(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql', {
            extensions: { code: 'VALIDATION_ERROR' },
          });
        },
      };
    },
  };
}

/**
 * graphql-upload-minimal reads the GraphQL multipart request; whatever it refuses (no operations, a bad map, files
 * in the wrong order, too many) is the client's request, not a server failure, except the disk failing under it.
 */
function multipartOperations(parse: RequestHandler): RequestHandler {
  return (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      if (!error || (error as NodeJS.ErrnoException).syscall) return next(error);
      const { status, message } = error as { status?: number; message?: string };
      const reason = status !== undefined && status < 500 && message ? message : 'the request holds no operations';
      next(Object.assign(new Error(reason), { status: 400, expose: true, multipart: true }));
    });
}

/**
 * An empty operationName is how many clients say "the one anonymous operation"; @apollo/gateway would resolve no
 * operation for it and Apollo answer 500. It is read as absent.
 */
function anonymousOperationName(req: Request, _res: Response, next: NextFunction): void {
  const body = req.body as { operationName?: unknown } | undefined;
  if (body && typeof body === 'object' && body.operationName === '') delete body.operationName;
  next();
}

/** GraphQL's own error shape for refusals at the edge, with the status of the envelope's code. */
const graphqlReject: Reject = (res, code, message) => {
  res.status(ERROR_STATUS[code]).json({ errors: [{ message, extensions: { code } }] });
};

/**
 * Failures no route answered: a body the parsers refused (malformed or truncated JSON, a body over the limit,
 * malformed multipart, a URL that does not decode) is the client's mistake, 400 VALIDATION_ERROR; anything else is
 * 500 with nothing of its cause. GraphQL requests get GraphQL's error shape, the rest the envelope.
 */
function answerFailures(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (res.headersSent) return void res.destroy();
  const reject: Reject = req.originalUrl.startsWith('/graphql') ? graphqlReject : sendError;
  const message = clientErrorMessage(error);
  if (message) return reject(res, 'VALIDATION_ERROR', message);
  console.error('[gateway] unhandled error:', error);
  reject(res, 'INTERNAL_ERROR', 'Internal server error');
}

function clientErrorMessage(error: unknown): string | undefined {
  const { status, statusCode, type, message } = (error ?? {}) as { status?: number; statusCode?: number; type?: string; message?: string };
  const code = status ?? statusCode;
  if (error instanceof URIError) return 'The URL is malformed';
  if (code === undefined || code < 400 || code >= 500) return undefined;
  if (type === 'entity.parse.failed') return 'The body is not valid JSON';
  if (type === 'entity.too.large') return 'The body is larger than this route accepts';
  if (type?.startsWith('request.') || type?.startsWith('encoding.') || type?.startsWith('charset.')) return 'The body could not be read';
  // graphql-upload-minimal's messages are about the multipart request itself; the spec's link is left out.
  return typeof message === 'string'
    ? `The multipart request is invalid: ${message.replace(/\s*\(https?:[^)]*\)\.?/g, '').slice(0, 200)}`
    : 'Bad request';
}

async function readiness(subgraphUrls: Record<string, string>, pool: pg.Pool | undefined): Promise<Record<string, string>> {
  const checks: Record<string, string> = {};
  await Promise.all([
    ...Object.entries(subgraphUrls).map(async ([name, url]) => {
      try {
        const response = await fetch(url.replace(/\/graphql$/, '/health'), { signal: AbortSignal.timeout(2000) });
        checks[name] = response.ok ? 'ok' : `unhealthy (${response.status})`;
      } catch {
        checks[name] = 'unreachable';
      }
    }),
    pool
      ? pool.query('select 1').then(
          () => void (checks.database = 'ok'),
          () => void (checks.database = 'unreachable'),
        )
      : undefined,
  ]);
  return checks;
}

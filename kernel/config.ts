import path from 'node:path';
import type { PlanEntitlements } from './limits.js';
import { parseInteger } from './parse.js';

/** The platform's configuration, read once from the environment (see CONTRACT.md / README). */
export interface Config {
  port: number;
  host: string;
  /** Unset: embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  bootstrapApiKey: string | undefined;
  bootstrapPlan: Plan;
  /** Split layout: shared HMAC secret; all-in-one generates one per data dir. */
  gatewaySecret: string | undefined;
  ultralyticsCli: string;
  workerGpuTypes: string[] | undefined;
  /** GPU types training can run on and what an hour of each costs. */
  gpuTypes: GpuType[];
  /** How long a worker's claim on a training job lasts without a heartbeat, and how often it renews it. */
  trainingLeaseMs: number;
  trainingHeartbeatMs: number;
  /** Models each process keeps loaded for predict; the least recently used is released beyond that. */
  inferenceMaxModels: number;
  /** Predictions each loaded model takes at once (INFERENCE_MAX_IN_FLIGHT); one more answers 429 with Retry-After. */
  inferenceMaxInFlight: number;
  /** Regions a deployment may name (the docs' 43 by default). */
  deploymentRegions: DeploymentRegion[];
  /** An instance beyond a deployment's `minInstances` is released after this long without a request. */
  deploymentScaleDownMs: number;
  /** How often a running deployment's instance time is reported for billing (also on stop). */
  deploymentUsageIntervalMs: number;
  /** Price of one instance-hour of a dedicated deployment, in micro-dollars (the docs: free on all plans). */
  deploymentHourlyPriceMicroUsd: number;
  /** Export jobs: the lease a worker holds, how often it renews it, and how long one export may run. */
  exportLeaseMs: number;
  exportHeartbeatMs: number;
  exportTimeoutMs: number;
  /** Price of one hour of export worker time, in micro-dollars. */
  exportHourlyPriceMicroUsd: number;
  /** `SUBGRAPH_<NAME>_URL` entries, keyed by lower-case subgraph name. */
  subgraphUrls: Record<string, string>;
  /** The enterprise plan's entitlements (free and pro are fixed: kernel/limits.ts). */
  enterprise: PlanEntitlements;
  webhooks: {
    /** `WEBHOOK_ALLOWED_HOSTS`: internal hosts or networks webhooks may target (every other internal address is refused). */
    allowedHosts: string[];
    /** How long a receiver has to answer one delivery. */
    timeoutMs: number;
    /** First retry delay, doubled on each failure (capped at an hour), and attempts before a delivery is failed. */
    retryBaseMs: number;
    maxAttempts: number;
  };
  /** Payments through Stripe; without a secret key there are none (the operator funds accounts with `credits add`). */
  stripe: StripeConfig;
  /** The credit free and pro grant (the docs' $5 at sign-up, $30 a month); enterprise's is in `enterprise`. */
  planCredits: { freeSignupMicroUsd: number; proMonthlyMicroUsd: number };
}

export interface StripeConfig {
  /** `STRIPE_SECRET_KEY` */
  secretKey: string | undefined;
  /** `STRIPE_WEBHOOK_SECRET`: verifies the signature of what Stripe posts to `/api/billing/webhook`. */
  webhookSecret: string | undefined;
  /** `STRIPE_API_BASE`: another Stripe API endpoint (stripe-mock, a test server); unset: Stripe's own. */
  apiBase: string | undefined;
  /** `BILLING_RETURN_URL`: where checkout and the customer portal send people back to (default: this server). */
  returnUrl: string | undefined;
}

export const PLANS = ['free', 'pro', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export interface GpuType {
  name: string;
  /** Price of one hour, in micro-dollars (1,000,000 = $1.00). */
  hourlyPriceMicroUsd: number;
}

/** Seed-like GPU names and hourly prices; `cpu` trains on machines without a GPU. */
export const DEFAULT_GPU_TYPES: GpuType[] = [
  { name: 'cpu', hourlyPriceMicroUsd: 100_000 },
  { name: 'rtx-4090', hourlyPriceMicroUsd: 690_000 },
  { name: 'a100', hourlyPriceMicroUsd: 1_890_000 },
  { name: 'h100', hourlyPriceMicroUsd: 2_990_000 },
];

/** `GPU_TYPES_JSON`: `{"<name>": <micro-dollars per hour>, ...}` replaces the defaults. */
function gpuTypes(raw: string | undefined): GpuType[] {
  if (!raw) return DEFAULT_GPU_TYPES;
  const parsed: unknown = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('GPU_TYPES_JSON must be an object of name: price');
  if (Object.keys(parsed).length === 0) throw new Error('GPU_TYPES_JSON must name at least one GPU type');
  return Object.entries(parsed).map(([name, price]) => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name) || !Number.isInteger(price) || (price as number) < 0) {
      throw new Error(`GPU_TYPES_JSON: "${name}" needs a lower-case name and a non-negative integer price in micro-dollars per hour`);
    }
    return { name, hourlyPriceMicroUsd: price as number };
  });
}

/** A deployment region: its zone name and where it is. */
export interface DeploymentRegion {
  name: string;
  location: string;
}

/** The 43 regions the platform docs list (deploy/endpoints.md). */
export const DEFAULT_DEPLOYMENT_REGIONS: DeploymentRegion[] = Object.entries({
  'us-central1': 'Iowa, USA',
  'us-east1': 'South Carolina, USA',
  'us-east4': 'Northern Virginia, USA',
  'us-east5': 'Columbus, USA',
  'us-south1': 'Dallas, USA',
  'us-west1': 'Oregon, USA',
  'us-west2': 'Los Angeles, USA',
  'us-west3': 'Salt Lake City, USA',
  'us-west4': 'Las Vegas, USA',
  'northamerica-northeast1': 'Montreal, Canada',
  'northamerica-northeast2': 'Toronto, Canada',
  'northamerica-south1': 'Queretaro, Mexico',
  'southamerica-east1': 'Sao Paulo, Brazil',
  'southamerica-west1': 'Santiago, Chile',
  'europe-west1': 'St. Ghislain, Belgium',
  'europe-west2': 'London, UK',
  'europe-west3': 'Frankfurt, Germany',
  'europe-west4': 'Eemshaven, Netherlands',
  'europe-west6': 'Zurich, Switzerland',
  'europe-west8': 'Milan, Italy',
  'europe-west9': 'Paris, France',
  'europe-west10': 'Berlin, Germany',
  'europe-west12': 'Turin, Italy',
  'europe-north1': 'Hamina, Finland',
  'europe-north2': 'Stockholm, Sweden',
  'europe-central2': 'Warsaw, Poland',
  'europe-southwest1': 'Madrid, Spain',
  'asia-east1': 'Changhua, Taiwan',
  'asia-east2': 'Kowloon, Hong Kong',
  'asia-northeast1': 'Tokyo, Japan',
  'asia-northeast2': 'Osaka, Japan',
  'asia-northeast3': 'Seoul, South Korea',
  'asia-south1': 'Mumbai, India',
  'asia-south2': 'Delhi, India',
  'asia-southeast1': 'Jurong West, Singapore',
  'asia-southeast2': 'Jakarta, Indonesia',
  'asia-southeast3': 'Bangkok, Thailand',
  'australia-southeast1': 'Sydney, Australia',
  'australia-southeast2': 'Melbourne, Australia',
  'africa-south1': 'Johannesburg, South Africa',
  'me-central1': 'Doha, Qatar',
  'me-central2': 'Dammam, Saudi Arabia',
  'me-west1': 'Tel Aviv, Israel',
}).map(([name, location]) => ({ name, location }));

/** `DEPLOYMENT_REGIONS`: comma-separated zone names replacing the defaults (a default keeps its location). */
function deploymentRegions(raw: string | undefined): DeploymentRegion[] {
  if (!raw) return DEFAULT_DEPLOYMENT_REGIONS;
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0) throw new Error('DEPLOYMENT_REGIONS must name at least one region');
  return names.map((name) => {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`DEPLOYMENT_REGIONS: "${name}" must be a lower-case zone name`);
    return DEFAULT_DEPLOYMENT_REGIONS.find((region) => region.name === name) ?? { name, location: name };
  });
}

export function isPlan(value: unknown): value is Plan {
  return typeof value === 'string' && (PLANS as readonly string[]).includes(value);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const parsed = parseInteger(raw, { min: 0 });
  if (!parsed.ok) throw new Error(`${name} ${parsed.reason}, got "${raw}"`);
  return parsed.value;
}

function httpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw new Error(`${name} must be an http(s) URL, got "${raw}"`);
  return raw;
}

const GiB = 1024 ** 3;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const bootstrapPlan = env.BOOTSTRAP_PLAN ?? 'pro';
  if (!isPlan(bootstrapPlan)) throw new Error(`BOOTSTRAP_PLAN must be one of ${PLANS.join(', ')}`);
  const subgraphUrls: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    const match = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(key);
    if (match && value) subgraphUrls[match[1]!.toLowerCase()] = value;
  }
  return {
    port: integer(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    bootstrapApiKey: env.BOOTSTRAP_API_KEY || undefined,
    bootstrapPlan,
    gatewaySecret: env.GATEWAY_SECRET || undefined,
    ultralyticsCli: env.ULTRALYTICS_CLI || 'yolo',
    workerGpuTypes: env.WORKER_GPU_TYPES
      ? env.WORKER_GPU_TYPES.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    gpuTypes: gpuTypes(env.GPU_TYPES_JSON),
    trainingLeaseMs: integer(env, 'TRAINING_LEASE_MS', 15_000),
    trainingHeartbeatMs: integer(env, 'TRAINING_HEARTBEAT_MS', 3_000),
    inferenceMaxModels: Math.max(1, integer(env, 'INFERENCE_MAX_MODELS', 8)),
    inferenceMaxInFlight: Math.max(1, integer(env, 'INFERENCE_MAX_IN_FLIGHT', 32)),
    deploymentRegions: deploymentRegions(env.DEPLOYMENT_REGIONS),
    deploymentScaleDownMs: integer(env, 'DEPLOYMENT_SCALE_DOWN_MS', 60_000),
    deploymentUsageIntervalMs: Math.max(1000, integer(env, 'DEPLOYMENT_USAGE_INTERVAL_MS', 60_000)),
    deploymentHourlyPriceMicroUsd: integer(env, 'DEPLOYMENT_HOURLY_PRICE_MICRO_USD', 0),
    exportLeaseMs: integer(env, 'EXPORT_LEASE_MS', 15_000),
    exportHeartbeatMs: integer(env, 'EXPORT_HEARTBEAT_MS', 3_000),
    exportTimeoutMs: integer(env, 'EXPORT_TIMEOUT_MS', 30 * 60_000),
    exportHourlyPriceMicroUsd: integer(env, 'EXPORT_HOURLY_PRICE_MICRO_USD', 100_000),
    subgraphUrls,
    enterprise: {
      requestsPerMinute: integer(env, 'ENTERPRISE_RATE_LIMIT_PER_MINUTE', 3000),
      requestsPerDay: integer(env, 'ENTERPRISE_RATE_LIMIT_PER_DAY', 1_000_000),
      storageBytes: integer(env, 'ENTERPRISE_STORAGE_GB', 10_240) * GiB,
      datasetUploadBytes: 50 * GiB,
      sharedInferencePerHour: integer(env, 'ENTERPRISE_SHARED_INFERENCE_PER_HOUR', 10_000),
      deployments: integer(env, 'ENTERPRISE_DEPLOYMENTS', 100),
      maxInstancesPerDeployment: integer(env, 'ENTERPRISE_MAX_INSTANCES', 20),
      webhooks: true,
      signupCreditMicroUsd: integer(env, 'ENTERPRISE_SIGNUP_CREDIT_MICRO_USD', 0),
      monthlyCreditMicroUsd: integer(env, 'ENTERPRISE_MONTHLY_CREDIT_MICRO_USD', 0),
    },
    webhooks: {
      allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
      timeoutMs: Math.max(100, integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000)),
      retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 30_000),
      maxAttempts: Math.max(1, integer(env, 'WEBHOOK_MAX_ATTEMPTS', 8)),
    },
    planCredits: {
      freeSignupMicroUsd: integer(env, 'FREE_SIGNUP_CREDIT_MICRO_USD', 5_000_000),
      proMonthlyMicroUsd: integer(env, 'PRO_MONTHLY_CREDIT_MICRO_USD', 30_000_000),
    },
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY || undefined,
      webhookSecret: env.STRIPE_WEBHOOK_SECRET || undefined,
      apiBase: httpUrl(env, 'STRIPE_API_BASE'),
      returnUrl: httpUrl(env, 'BILLING_RETURN_URL'),
    },
  };
}

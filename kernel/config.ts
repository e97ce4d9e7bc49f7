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
  /** `SUBGRAPH_<NAME>_URL` entries, keyed by lower-case subgraph name. */
  subgraphUrls: Record<string, string>;
  /** The enterprise plan's entitlements (free and pro are fixed: kernel/limits.ts). */
  enterprise: PlanEntitlements;
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

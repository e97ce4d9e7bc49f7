import path from 'node:path';

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
  /** `SUBGRAPH_<NAME>_URL` entries, keyed by lower-case subgraph name. */
  subgraphUrls: Record<string, string>;
  enterpriseLimits: { perMinute: number; perDay: number };
}

export const PLANS = ['free', 'pro', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export function isPlan(value: unknown): value is Plan {
  return typeof value === 'string' && (PLANS as readonly string[]).includes(value);
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

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
    workerGpuTypes: env.WORKER_GPU_TYPES ? env.WORKER_GPU_TYPES.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    subgraphUrls,
    enterpriseLimits: {
      perMinute: integer(env, 'ENTERPRISE_RATE_LIMIT_PER_MINUTE', 3000),
      perDay: integer(env, 'ENTERPRISE_RATE_LIMIT_PER_DAY', 1_000_000),
    },
  };
}

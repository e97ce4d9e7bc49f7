import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../kernel/config.js';

/**
 * The gateway secret: GATEWAY_SECRET when set (required in the split layout, where processes must agree),
 * else one generated once per data dir, so the CLI on the same machine can sign operator requests.
 */
export function gatewaySecret(config: Config, { generate }: { generate: boolean }): string {
  if (config.gatewaySecret) return config.gatewaySecret;
  const file = path.join(config.dataDir, 'gateway-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    if (!generate) throw new Error('GATEWAY_SECRET is not set (the split layout needs the same secret in every process)');
    mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  }
}

import type { Config, GpuType } from '../../../kernel/config.js';
import { validationError } from '../../../kernel/errors.js';

export function gpuTypeNamed(config: Pick<Config, 'gpuTypes'>, name: string): GpuType {
  const found = config.gpuTypes.find((type) => type.name === name);
  if (!found) throw validationError(`gpuType must be one of ${config.gpuTypes.map((type) => type.name).join(', ')}`, { gpuType: name });
  return found;
}

/** What `seconds` on a GPU priced `hourlyPriceMicroUsd` costs, in whole micro-dollars. */
export function costOf(seconds: number, hourlyPriceMicroUsd: number): number {
  return Math.round((seconds * hourlyPriceMicroUsd) / 3600);
}

/** The GPU types a worker serves: `WORKER_GPU_TYPES` (each must be known) or every known type. */
export function servedGpuTypes(config: Pick<Config, 'gpuTypes' | 'workerGpuTypes'>): string[] {
  const known = config.gpuTypes.map((type) => type.name);
  const wanted = config.workerGpuTypes ?? known;
  const unknown = wanted.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new Error(`WORKER_GPU_TYPES: unknown GPU type ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return wanted;
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectZip, postForm } from '../catalog/support.js';
import { READ_MODELS_CONSUMER } from '../../subgraphs/training/services/read-models.js';
import { WorkerRegistry } from '../../subgraphs/training/services/worker-registry.js';
import { api, type TestPlatform } from '../support/platform.js';

/** The stand-in for the Ultralytics CLI: same command line, same files, configurable through FAKE_YOLO_* variables. */
export const FAKE_YOLO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../support/fake-yolo.mjs');

/** A project, a detect model to train from scratch and a small detect dataset with images, all of `key`'s account. */
export async function trainingSetup(
  platform: TestPlatform,
  key: string,
  task = 'detect',
): Promise<{ modelId: string; datasetId: string; projectId: string }> {
  const project = await api(platform, key, 'POST', '/api/projects', { name: `training-${Date.now()}` });
  const projectId = project.body.data.id as string;
  const model = await api(platform, key, 'POST', '/api/models', { projectId, name: 'to-train', task, architecture: 'yolov8n' });
  if (model.status !== 201) throw new Error(`model: ${JSON.stringify(model.body)}`);
  const dataset = await api(platform, key, 'POST', '/api/datasets', { name: `shapes-${Date.now()}`, task });
  const datasetId = dataset.body.data.id as string;
  const uploaded = await postForm(platform, key, `/api/datasets/${datasetId}/upload`, {}, { name: 'shapes.zip', bytes: await detectZip() });
  if (uploaded.status !== 200) throw new Error(`dataset upload: ${JSON.stringify(uploaded.body)}`);
  // Training learns of the dataset's images through the catalog's events: wait until it has (settle() only drains
  // what is visible now, which on PostgreSQL may exclude events behind a transaction still open).
  await platform.platform.subgraphs.events.catchUp(READ_MODELS_CONSUMER, 20_000);
  return { modelId: model.body.data.id, datasetId, projectId };
}

/** Polls the model's training (REST) until `done` holds for it; returns it. */
export async function waitForTraining(
  platform: TestPlatform,
  key: string,
  modelId: string,
  done: (training: any) => boolean,
  timeoutMs = 30_000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    const response = await api(platform, key, 'GET', `/api/models/${modelId}/training`);
    last = response.body;
    if (response.status === 200 && done(response.body.data)) return response.body.data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`training of ${modelId} did not get there in time; last: ${JSON.stringify(last)}`);
}

/**
 * A worker registered as alive for `gpuTypes` that never claims a job: a worker elsewhere, busy with something else.
 * Starts for those types are accepted and their jobs stay queued until `stop()`.
 */
export async function declareBusyWorker(platform: TestPlatform, gpuTypes: string[]): Promise<{ stop(): Promise<void> }> {
  const { db, config } = platform.platform.subgraphs.runtime;
  const registry = new WorkerRegistry(db, config);
  const id = `busy-${gpuTypes.join('-')}-${Date.now()}`;
  const beat = () => registry.beat(id, gpuTypes).catch(() => undefined);
  await beat();
  const timer = setInterval(() => void beat(), Math.max(100, Math.floor(config.trainingLeaseMs / 3)));
  return {
    async stop() {
      clearInterval(timer);
      await registry.leave(id);
    },
  };
}

import { api, type TestPlatform } from '../support/platform.js';
import { detectZip, postForm } from '../catalog/support.js';

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text ('' for HEAD and redirects). */
  body: any;
}

/** A call as the Ultralytics client makes it: `Authorization: Bearer`, JSON, redirects not followed. */
export async function call(
  target: { url: string },
  key: string | undefined,
  method: string,
  route: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${target.url}${route}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json');
  return { status: response.status, headers: response.headers, body: json && text ? JSON.parse(text) : text };
}

/** `POST /api/webhooks/training/metrics` with the client's envelope (8.4.48 sends project and name on every event). */
export function report(
  target: { url: string },
  key: string,
  event: string,
  data: Record<string, unknown>,
  run: { project: string; name: string; modelId?: string },
): Promise<Answer> {
  return call(target, key, 'POST', '/api/webhooks/training/metrics', {
    event,
    project: run.project,
    name: run.name,
    ...(run.modelId ? { modelId: run.modelId } : {}),
    data,
  });
}

/** `training_started` as Ultralytics 8.4.48 sends it: every trainer argument stringified. */
export function startedData(args: { data: string; epochs: number; model?: string; task?: string; imgsz?: number }) {
  return {
    trainArgs: {
      task: args.task ?? 'detect',
      mode: 'train',
      model: args.model ?? 'yolov8n.yaml',
      data: args.data,
      epochs: String(args.epochs),
      imgsz: String(args.imgsz ?? 64),
      batch: '16',
    },
    epochs: args.epochs,
    device: 'cpu',
    environment: { ultralyticsVersion: '8.4.48', hostname: 'laptop', os: 'Linux', cpuCount: 2 },
  };
}

/** `epoch_end` metrics of a detect run (NaN already turned into null by the client). */
export function epochData(epoch: number) {
  return {
    epoch,
    metrics: {
      'train/box_loss': 1.5 - epoch * 0.1,
      'train/cls_loss': 2.5,
      'train/dfl_loss': 1.1,
      'metrics/precision(B)': 0.4 + epoch * 0.1,
      'metrics/recall(B)': 0.3,
      'metrics/mAP50(B)': 0.25,
      'metrics/mAP50-95(B)': 0.12,
      'val/box_loss': 1.4,
      'val/cls_loss': null,
      'val/dfl_loss': 1.0,
      lr: 0.001,
    },
    system: { cpu: 40.1, ram: 70.2 },
    fitness: 0.13,
    best_fitness: 0.13,
  };
}

/** A dataset of `key`'s account with a few labelled images (classes a, b); its slug. */
export async function datasetWithImages(platform: TestPlatform, key: string, name: string): Promise<{ id: string; slug: string }> {
  const created = await api(platform, key, 'POST', '/api/datasets', { name, task: 'detect' });
  const uploaded = await postForm(
    platform,
    key,
    `/api/datasets/${created.body.data.id}/upload`,
    {},
    { name: 'd.zip', bytes: await detectZip() },
  );
  if (uploaded.status !== 200) throw new Error(`upload: ${JSON.stringify(uploaded.body)}`);
  return { id: created.body.data.id, slug: created.body.data.slug };
}

/** Bytes PyTorch would write: a zip archive (torch >= 1.6) is all the platform checks. */
export const TORCH_BYTES = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2048, 7)]);

import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ExportCompleted, ExportStored } from '../../../contracts/index.js';
import { runChild } from '../../../kernel/child-process.js';
import type { Config } from '../../../kernel/config.js';
import type { EventBus } from '../../../kernel/events.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import type { FileStore } from '../../../kernel/file-store.js';
import type { JobControl, JobOutcome, QueuedJob } from '../../../kernel/job-queue.js';
import { LIMITS } from '../../../kernel/limits.js';
import { EXPORT_FORMATS, type ExportFormat } from '../services/export-formats.js';
import { findArtifact } from './artifact.js';

/** An export job as a worker claims it. */
export interface ClaimedExport extends QueuedJob {
  modelId: string;
  modelName: string;
  format: ExportFormat;
  imageSize: number;
  half: boolean;
  dynamic: boolean;
  weightsKey: string;
  hourlyPriceMicroUsd: number;
}

export interface ExportRunDeps {
  config: Pick<Config, 'dataDir' | 'ultralyticsCli' | 'exportTimeoutMs'>;
  files: FileStore;
  events: EventBus;
}

/** The exporter's input, in a folder of the job's own: it writes its output beside it. */
const INPUT = 'model.pt';

/** Progress the exporter's output tells, stage by stage. */
const STAGES: Array<[RegExp, number]> = [
  [/starting from/, 0.25],
  [/starting export/, 0.4],
  [/export success/, 0.8],
];

/**
 * One export: the model's `.pt` weights copied into a fresh folder, `$ULTRALYTICS_CLI export model=… format=… imgsz=…
 * half=… dynamic=…` run there (killed with its process group when the job is cancelled, taken back or too long), and
 * what it wrote stored under the model's folder. A format the machine cannot build fails with the exporter's own message.
 */
export async function runExport(deps: ExportRunDeps, job: ClaimedExport, control: JobControl): Promise<JobOutcome> {
  const { config, files, events } = deps;
  const workDir = path.join(config.dataDir, 'tmp', 'exports', `${job.id}-${job.attempts}`);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    const copied = await files
      .withLocalFile(job.weightsKey, (weights) => copyFile(weights, path.join(workDir, INPUT)))
      .then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return false;
          throw error;
        },
      );
    if (!copied) return { failure: "The model's .pt weights are no longer stored" };
    control.progress(0.1);

    const args = [
      'export',
      `model=${path.join(workDir, INPUT)}`,
      `format=${EXPORT_FORMATS[job.format]}`,
      `imgsz=${job.imageSize}`,
      `half=${job.half ? 'True' : 'False'}`,
      `dynamic=${job.dynamic ? 'True' : 'False'}`,
    ];
    let timedOut = false;
    const child = runChild(config.ultralyticsCli, args, {
      cwd: workDir,
      signal: control.signal,
      onOutput: (text) => {
        for (const [stage, progress] of STAGES) if (stage.test(text)) control.progress(progress);
      },
    });
    const timer = setTimeout(() => {
      timedOut = true;
      void child.kill();
    }, config.exportTimeoutMs);
    const exit = await child.exited;
    clearTimeout(timer);
    if (control.signal.aborted) return { failure: 'interrupted' }; // the worker knows why and does not record it
    if (timedOut) return { failure: `The export ran longer than ${Math.round(config.exportTimeoutMs / 1000)} s and was stopped` };
    if (exit.spawnError) return { failure: `${config.ultralyticsCli} could not be started: ${exit.spawnError}` };
    if (exit.code !== 0) return { failure: exporterMessage(child.tail()) ?? `yolo export exited with ${exit.code ?? exit.signal}` };

    const artifact = await findArtifact(workDir, INPUT, stemOf(job.modelName));
    if (!artifact) return { failure: 'The exporter reported success but wrote no file' };
    const fileName = safeName(artifact.name);
    const fileKey = fileKeys.modelExportFile(job.accountId, job.modelId, job.id, fileName);
    const stored = await files.put(fileKey, artifact.open(), { maxBytes: LIMITS.exportBytes });
    control.progress(0.95);
    const facts = { exportId: job.id, modelId: job.modelId, format: job.format };
    return {
      async complete(em, workerSeconds) {
        await em.execute(`update deployment.exports set file_key = ?, file_name = ?, size_bytes = ?, sha256 = ? where id = ?`, [
          fileKey,
          fileName,
          stored.size,
          stored.sha256,
          job.id,
        ]);
        await events.publish(em, ExportCompleted, job.accountId, {
          ...facts,
          sizeBytes: stored.size,
          workerSeconds,
          hourlyPriceMicroUsd: job.hourlyPriceMicroUsd,
        });
        await events.publish(em, ExportStored, job.accountId, {
          ...facts,
          fileKey,
          fileName,
          sizeBytes: stored.size,
          sha256: stored.sha256,
        });
      },
      discard: async () => void (await files.deletePrefix(fileKeys.modelExport(job.accountId, job.modelId, job.id))),
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * The exporter's own account of the failure: Ultralytics logs `<Format>: export failure <s>: <why>`; failing that,
 * the exception Python printed last.
 */
export function exporterMessage(output: string): string | undefined {
  const lines = output
    .replace(ANSI, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  const failure = lines.findLast((line) => /export failure/i.test(line));
  if (failure) return failure.replace(/^ERROR\s*\S*\s*/, '');
  return lines.findLast((line) => /^[A-Za-z_.]*(Error|Exception)\b.*/.test(line)) ?? lines.slice(-3).join('\n') ?? undefined;
}

function stemOf(modelName: string): string {
  return modelName.replace(/\.(pt|onnx)$/i, '') || 'model';
}

/** A file name safe as the last segment of a store key. */
function safeName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(-150);
  return cleaned || 'export';
}

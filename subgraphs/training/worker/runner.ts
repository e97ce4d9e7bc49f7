import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { createReadStream } from 'node:fs';
import type { Config } from '../../../kernel/config.js';
import type { StoredWeights } from '../../../contracts/index.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import type { FileStore } from '../../../kernel/file-store.js';
import { LIMITS } from '../../../kernel/limits.js';
import { readOnnxMetadataFromFile } from '../../../runtime/index.js';
import { layOutDataset } from './dataset-layout.js';
import type { ClaimedJob, TrainingQueue } from './queue.js';
import { parseResults } from './results.js';
import { runCli, type TrainerProcess } from './trainer.js';

/** How often results.csv is read for new epochs. */
const RESULTS_POLL_MS = 250;

export interface RunnerDeps {
  config: Pick<Config, 'dataDir' | 'ultralyticsCli' | 'trainingHeartbeatMs'>;
  files: FileStore;
  queue: TrainingQueue;
}

/** Why a run ended without finishing: the job stopped being ours (cancelled, reaped) or the worker is stopping. */
type Interruption = 'lost' | 'stopping';

/**
 * Runs one claimed job: dataset laid out in YOLO format, `yolo train` followed epoch by epoch through results.csv,
 * `yolo export` to ONNX, weights stored. A heartbeat keeps the claim; when it finds the job cancelled or taken back,
 * the trainer is killed. `stop` (worker shutdown) kills it too and hands the job back.
 */
export class JobRun {
  private trainer: TrainerProcess | undefined;
  private interruption: Interruption | undefined;
  /** When the run's first trainer process started: GPU time counts from there, not from the claim. */
  private gpuStartedAt: number | undefined;
  private reported = 0;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly job: ClaimedJob,
  ) {}

  async run(): Promise<void> {
    const workDir = path.join(this.deps.config.dataDir, 'tmp', 'training', `${this.job.id}-${this.job.attempts}`);
    const heartbeat = setInterval(() => void this.beat(), this.deps.config.trainingHeartbeatMs);
    try {
      await rm(workDir, { recursive: true, force: true });
      await mkdir(workDir, { recursive: true });
      const outcome = await this.train(workDir);
      if (this.interruption === 'stopping') await this.deps.queue.release(this.job);
      else if (!this.interruption && outcome.failure) await this.deps.queue.fail(this.job, outcome.failure, this.seconds());
      else if (!this.interruption && outcome.files) await this.finish(outcome.files);
    } catch (error) {
      if (!this.interruption) await this.deps.queue.fail(this.job, `The worker failed: ${(error as Error).message}`, this.seconds());
    } finally {
      clearInterval(heartbeat);
      await rm(workDir, { recursive: true, force: true });
    }
  }

  /** Worker shutdown: the trainer is stopped and the job goes back to the queue. */
  async stop(): Promise<void> {
    this.interruption ??= 'stopping';
    await this.trainer?.kill();
  }

  /** From uploaded `.pt` weights (lent by the store for the run) or from the architecture's config. */
  private train(workDir: string): Promise<{ failure?: string; files?: StoredWeights[] }> {
    const { baseWeightsKey, architecture } = this.job;
    if (baseWeightsKey) return this.deps.files.withLocalFile(baseWeightsKey, (weights) => this.trainFrom(weights, workDir));
    return this.trainFrom(`${architecture}.yaml`, workDir);
  }

  private async trainFrom(model: string, workDir: string): Promise<{ failure?: string; files?: StoredWeights[] }> {
    const { job, deps } = this;
    const dataset = await layOutDataset(deps.files, job.snapshotKey, path.join(workDir, 'dataset'));
    const project = path.join(workDir, 'runs');
    const device = job.gpuType === 'cpu' ? 'cpu' : '0';
    const args = [
      'train',
      `model=${model}`,
      `data=${dataset.data}`,
      `epochs=${job.epochs}`,
      `imgsz=${job.imageSize}`,
      `device=${device}`,
      `project=${project}`,
      'name=train',
      'exist_ok=True',
    ];
    const saveDir = path.join(project, 'train');
    const trained = await this.runStep(args, workDir, () => this.followResults(saveDir));
    if (this.interruption) return {};
    await this.followResults(saveDir); // the epochs finished since the last read, also before a failure
    if (trained) return { failure: trained };

    const best = path.join(saveDir, 'weights', 'best.pt');
    const exported = await this.runStep(['export', `model=${best}`, 'format=onnx', `imgsz=${job.imageSize}`], workDir);
    if (this.interruption) return {};
    if (exported) return { failure: `ONNX export failed: ${exported}` };
    const onnx = path.join(saveDir, 'weights', 'best.onnx');
    await readOnnxMetadataFromFile(onnx).catch((error: Error) => {
      throw new Error(`the ONNX export is not an Ultralytics model: ${error.message}`);
    });
    return { files: [await this.store(best, 'pt'), await this.store(onnx, 'onnx')] };
  }

  /** Runs one CLI step; resolves to the failure reason, or undefined on success. */
  private async runStep(args: string[], cwd: string, poll?: () => Promise<void>): Promise<string | undefined> {
    const trainer = runCli(this.deps.config.ultralyticsCli, args, cwd);
    this.gpuStartedAt ??= this.trainer?.startedAt;
    this.trainer = trainer;
    if (this.interruption) await trainer.kill();
    const timer = poll && setInterval(() => void poll().catch(() => undefined), RESULTS_POLL_MS);
    const exit = await trainer.exited;
    clearInterval(timer);
    if (exit.spawnError) return `${this.deps.config.ultralyticsCli} could not be started: ${exit.spawnError}`;
    if (exit.code === 0) return undefined;
    const tail = trainer.tail().trim().split('\n').slice(-20).join('\n');
    return `${args[0]} exited with ${exit.code ?? exit.signal}: ${tail}`;
  }

  /** Publishes the epochs results.csv has gained since the last read. */
  private async followResults(saveDir: string): Promise<void> {
    const csv = await readFile(path.join(saveDir, 'results.csv'), 'utf8').catch(() => '');
    const fresh = parseResults(csv, this.job.task, this.job.epochs).filter((record) => record.epoch > this.reported);
    if (fresh.length === 0 || this.interruption) return;
    const previous = this.reported;
    this.reported = fresh.at(-1)!.epoch; // before the write: the next poll must not report these again
    const mine = await this.deps.queue.recordEpochs(this.job, fresh, this.seconds()).catch((error: unknown) => {
      this.reported = previous; // retried at the next poll
      throw error;
    });
    if (!mine) await this.lose();
  }

  private async beat(): Promise<void> {
    if (this.interruption) return;
    const mine = await this.deps.queue.heartbeat(this.job, this.seconds()).catch(() => true); // a failed beat is retried
    if (!mine) await this.lose();
  }

  private async lose(): Promise<void> {
    this.interruption ??= 'lost';
    await this.trainer?.kill();
  }

  private async finish(files: StoredWeights[]): Promise<void> {
    if (!(await this.deps.queue.complete(this.job, files, this.seconds()))) {
      await Promise.all(files.map((file) => this.deps.files.delete(file.key)));
    }
  }

  private async store(file: string, format: 'pt' | 'onnx'): Promise<StoredWeights> {
    const name = `best.${format}`;
    const key = fileKeys.trainedWeights(this.job.accountId, this.job.modelId, this.job.id, name);
    const stored = await this.deps.files.put(key, createReadStream(file), { maxBytes: LIMITS.modelBytes });
    return { format, name, key, size: stored.size, sha256: stored.sha256 };
  }

  /**
   * GPU seconds so far: from the start of the first trainer process (`yolo train`) to now, the export and storing
   * of the weights included (the machine is the job's until the run ends). 0 while no trainer has started: laying
   * the dataset out, or a trainer that could not be started, costs nothing.
   */
  private seconds(): number {
    this.gpuStartedAt ??= this.trainer?.startedAt;
    return this.gpuStartedAt === undefined ? 0 : (Date.now() - this.gpuStartedAt) / 1000;
  }
}

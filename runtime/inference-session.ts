import { Worker } from 'node:worker_threads';
// Keep the native addon loaded by the main thread: once every worker that loaded it has exited, loading it
// again in a new worker fails with "Module did not self-register".
import 'onnxruntime-node';
import { InvalidModelError } from './errors.js';
import { processThreads } from './thread-budget.js';

export interface FloatTensor {
  data: Float32Array;
  dims: number[];
}

export interface InputMetadata {
  name: string;
  type?: string;
  shape?: Array<number | string>;
}

export interface SessionOptions {
  /** Threads onnxruntime uses inside one inference (default: the process's whole thread budget, its cores). */
  intraOpNumThreads?: number | undefined;
}

/** A run's outputs and where its time went. */
export interface RunResult {
  outputs: Record<string, FloatTensor>;
  /** Waiting for the thread budget and for this session's earlier runs. */
  queuedMs: number;
  /** onnxruntime's own run, timed in the worker. */
  runMs: number;
}

type WorkerMessage =
  | { type: 'ready'; inputNames: string[]; outputNames: string[]; inputMetadata: InputMetadata[] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; outputs?: Record<string, FloatTensor & { type: string }>; runMs?: number; error?: string };

// The worker is TypeScript when running from source (tsx, vitest, Node type stripping) and JavaScript once compiled.
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './ort-worker.ts' : './ort-worker.js', import.meta.url);

/**
 * An onnxruntime session living in its own worker thread: `run` never blocks the event loop,
 * and calls are executed one at a time in arrival order.
 */
export class InferenceSession {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (v: { outputs: Record<string, FloatTensor>; runMs: number }) => void; reject: (e: Error) => void }
  >();
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    readonly inputNames: string[],
    readonly outputNames: string[],
    readonly inputMetadata: InputMetadata[],
    private readonly threads: number,
  ) {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'result') return;
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.error !== undefined || !message.outputs) call?.reject(new Error(`inference failed: ${message.error}`));
      else call?.resolve({ outputs: message.outputs, runMs: message.runMs ?? 0 });
    });
    const failAll = (err: Error): void => {
      this.exited = true;
      for (const call of this.pending.values()) call.reject(err);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', () => failAll(new Error('inference worker exited')));
  }

  static async create(path: string, options: SessionOptions = {}): Promise<InferenceSession> {
    const threads = Math.min(options.intraOpNumThreads ?? processThreads.threads, processThreads.threads);
    const worker = new Worker(WORKER_URL, {
      workerData: {
        path,
        options: {
          graphOptimizationLevel: 'all',
          executionMode: 'sequential',
          intraOpNumThreads: threads,
          interOpNumThreads: 1,
          extra: { session: { intra_op: { allow_spinning: '0' } } },
        },
      },
    });
    const ready = await new Promise<WorkerMessage>((resolve, reject) => {
      const onExit = (code: number): void => reject(new Error(`inference worker exited with code ${code}`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: WorkerMessage) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(message);
      });
    });
    if (ready.type !== 'ready') {
      await worker.terminate();
      throw new InvalidModelError(`onnxruntime cannot load the model: ${ready.type === 'failed' ? ready.message : 'no answer'}`);
    }
    worker.unref(); // an idle session must not keep the process alive
    return new InferenceSession(worker, ready.inputNames, ready.outputNames, ready.inputMetadata, threads);
  }

  /**
   * Runs the model once the process's thread budget has room for this session's threads; the input buffers are
   * transferred to the worker (unusable afterwards).
   */
  async run(feeds: Record<string, FloatTensor>): Promise<RunResult> {
    if (this.exited) throw new Error('inference session is released');
    const start = performance.now();
    const giveBack = await processThreads.take(this.threads);
    try {
      const { outputs, runMs } = await this.post(feeds);
      return { outputs, runMs, queuedMs: Math.max(0, performance.now() - start - runMs) };
    } finally {
      giveBack();
    }
  }

  private post(feeds: Record<string, FloatTensor>): Promise<{ outputs: Record<string, FloatTensor>; runMs: number }> {
    if (this.exited) return Promise.reject(new Error('inference session is released'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      const transfer = Object.values(feeds).map((t) => t.data.buffer as ArrayBuffer);
      this.worker.postMessage({ type: 'run', id, feeds }, transfer);
    });
  }

  /** Frees the native session and stops the worker; calls already queued still complete first. */
  async release(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.ref();
    this.worker.postMessage({ type: 'release' });
    await exited;
  }
}

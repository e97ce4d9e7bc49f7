import { loadModel, type LoadedModel, type LoadModelOptions } from './model.js';

export interface SessionCacheOptions {
  /** How many models stay loaded; the least recently used one is released beyond that. */
  maxModels: number;
  /** Options for every model the cache loads. */
  load?: LoadModelOptions;
  /** Loader, replaceable in tests. */
  loader?: (path: string, options?: LoadModelOptions) => Promise<LoadedModel>;
}

/**
 * LRU cache of loaded models keyed by file path. Concurrent first requests for a path share one load; a load
 * that fails is forgotten so the next request retries. An evicted model finishes its predictions in flight
 * before its session is released, so use the returned model right away rather than holding on to it.
 */
export class SessionCache {
  private readonly entries = new Map<string, Promise<LoadedModel>>();
  private readonly maxModels: number;
  private readonly loadOptions: LoadModelOptions | undefined;
  private readonly loader: (path: string, options?: LoadModelOptions) => Promise<LoadedModel>;

  constructor(options: SessionCacheOptions) {
    if (!Number.isInteger(options.maxModels) || options.maxModels < 1) throw new RangeError('maxModels must be a positive integer');
    this.maxModels = options.maxModels;
    this.loadOptions = options.load;
    this.loader = options.loader ?? loadModel;
  }

  get size(): number {
    return this.entries.size;
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  get(path: string): Promise<LoadedModel> {
    let entry = this.entries.get(path);
    if (entry) {
      this.entries.delete(path); // re-insert: Map order is the recency order
    } else {
      entry = this.loader(path, this.loadOptions);
      entry.catch(() => {
        if (this.entries.get(path) === entry) this.entries.delete(path);
      });
    }
    this.entries.set(path, entry);
    while (this.entries.size > this.maxModels) {
      const [oldest] = this.entries.keys();
      void this.delete(oldest!);
    }
    return entry;
  }

  /** Forgets a model (e.g. its file changed) and releases its session once idle. */
  async delete(path: string): Promise<void> {
    const entry = this.entries.get(path);
    if (!entry) return;
    this.entries.delete(path);
    await entry.then(
      (model) => model.dispose(),
      () => undefined,
    );
  }

  async clear(): Promise<void> {
    await Promise.all([...this.entries.keys()].map((path) => this.delete(path)));
  }
}

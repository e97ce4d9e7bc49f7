import { availableParallelism } from 'node:os';

/**
 * One budget of compute threads for every onnxruntime session in the process. A run takes as many threads as its
 * session computes with (its intra-op threads) and waits, first come first served, while the budget is spent: two
 * models predicting at once on a 2-core machine take turns with both cores each, instead of four threads fighting
 * over two cores (each run slower, and both finishing late).
 */
export class ThreadBudget {
  private used = 0;
  private readonly waiting: Array<{ threads: number; start: () => void }> = [];

  constructor(readonly threads: number) {
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError('a thread budget is a positive integer');
  }

  /** Waits for `threads` (at most the whole budget) and returns the function that gives them back. */
  async take(threads: number): Promise<() => void> {
    const wanted = Math.min(Math.max(1, threads), this.threads);
    if (this.waiting.length === 0 && this.used + wanted <= this.threads) this.used += wanted;
    else await new Promise<void>((start) => this.waiting.push({ threads: wanted, start }));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.used -= wanted;
      this.startWaiting();
    };
  }

  private startWaiting(): void {
    while (this.waiting.length > 0 && this.used + this.waiting[0]!.threads <= this.threads) {
      const next = this.waiting.shift()!;
      this.used += next.threads;
      next.start();
    }
  }
}

/** The process's budget: its cores. */
export const processThreads = new ThreadBudget(availableParallelism());

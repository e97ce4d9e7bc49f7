/**
 * Each item of the batches `source` yields, one at a time (log entries arrive a batch per event). Returning stops
 * the source at once, so an unsubscribed client leaves nothing behind even while no event comes.
 */
export function eachOf<Batch, Item>(source: AsyncIterable<Batch>, expand: (batch: Batch) => Item[]): AsyncIterableIterator<Item> {
  const iterator = source[Symbol.asyncIterator]();
  const buffer: Item[] = [];
  const done = { done: true, value: undefined } as const;
  return {
    async next() {
      while (buffer.length === 0) {
        const step = await iterator.next();
        if (step.done) return done;
        buffer.push(...expand(step.value));
      }
      return { done: false, value: buffer.shift()! };
    },
    async return() {
      buffer.length = 0;
      await iterator.return?.();
      return done;
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

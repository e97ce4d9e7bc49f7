import { defineEntity, p } from '@mikro-orm/core';

/** One chunk of a reported run's console output (`console_output`), kept in the client's `chunkId` order. */
const RunLogChunkSchema = defineEntity({
  name: 'RunLogChunk',
  tableName: 'training.run_logs',
  properties: {
    jobId: p.text().primary(),
    chunkId: p.integer().primary(),
    content: p.text(),
    lineCount: p.integer(),
    createdAt: p.datetime(),
  },
});

export class RunLogChunk extends RunLogChunkSchema.class {}
RunLogChunkSchema.setClass(RunLogChunk);
export { RunLogChunkSchema };

import { Readable } from 'node:stream';
import type { EntityManager } from '../../../kernel/database.js';
import type { FileStore } from '../../../kernel/file-store.js';
import type { Dataset } from '../entities/dataset.js';
import { datasetRecord, imagesOf } from './dataset-export.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import { LIMITS } from '../../../kernel/limits.js';

/**
 * Writes the dataset as Ultralytics NDJSON for one training job, each image line carrying the file-store `key` of its
 * bytes (workers read the store directly; no links that expire). The dataset may change afterwards: the job trains
 * on what it was when it started. Reads through `em`: the caller's transaction (embedded PGlite has one connection).
 */
export async function writeTrainingSnapshot(em: EntityManager, store: FileStore, dataset: Dataset, jobId: string): Promise<string> {
  const key = fileKeys.trainingSnapshot(dataset.accountId, jobId);
  const lines = async function* () {
    yield `${JSON.stringify(datasetRecord(dataset))}\n`;
    for await (const image of imagesOf(em, dataset.id)) {
      const { fileName: file, fileKey: key, width, height, split, annotations } = image;
      yield `${JSON.stringify({ type: 'image', file, key, width, height, split, annotations })}\n`;
    }
  };
  await store.put(key, Readable.from(lines()), { maxBytes: LIMITS.exportBytes });
  return key;
}

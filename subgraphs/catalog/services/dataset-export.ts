import { Readable } from 'node:stream';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { DatasetImage } from '../entities/dataset-image.js';
import type { Dataset } from '../entities/dataset.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import { LIMITS } from '../../../kernel/limits.js';
import { EXPORT_TTL_MS, type CatalogFiles, type SignedLink } from './files.js';

const BATCH = 500;

export interface DatasetExport extends SignedLink {
  imageCount: number;
}

/**
 * Writes the dataset as Ultralytics NDJSON (what `convert_ndjson_to_yolo` reads) with every image `url` a signed,
 * expiring link to the platform, so `yolo train data=<url>` can load it unchanged. Returns a signed link to the file.
 */
export async function exportDataset(db: Database, files: CatalogFiles, dataset: Dataset, baseUrl: string | null): Promise<DatasetExport> {
  const now = Date.now();
  const key = fileKeys.datasetExport(dataset.accountId, dataset.id, dataset.slug);
  const lines = async function* () {
    yield `${JSON.stringify(datasetRecord(dataset))}\n`;
    for await (const image of imagesOf(db.em(), dataset.id)) {
      const record = {
        type: 'image',
        file: image.fileName,
        url: files.link(image.fileKey, baseUrl, EXPORT_TTL_MS, now).url,
        width: image.width,
        height: image.height,
        split: image.split,
        annotations: image.annotations,
      };
      yield `${JSON.stringify(record)}\n`;
    }
  };
  await files.store.put(key, Readable.from(lines()), { maxBytes: LIMITS.exportBytes });
  return { ...files.link(key, baseUrl, EXPORT_TTL_MS, now), imageCount: dataset.imageCount };
}

export function datasetRecord(dataset: Dataset): Record<string, unknown> {
  return {
    type: 'dataset',
    task: dataset.task,
    name: dataset.slug,
    description: dataset.description ?? '',
    class_names: Object.fromEntries(dataset.classNames.map((name, id) => [String(id), name])),
    ...(dataset.kptShape ? { kpt_shape: dataset.kptShape } : {}),
    bytes: dataset.sizeBytes,
  };
}

/** Every image in a stable order, a batch at a time (a dataset may hold more than memory should). */
export async function* imagesOf(em: EntityManager, datasetId: string): AsyncGenerator<DatasetImage> {
  let after = '';
  for (;;) {
    const batch = await em.find(DatasetImage, { datasetId, id: { $gt: after } }, { orderBy: { id: 'asc' }, limit: BATCH });
    yield* batch;
    if (batch.length < BATCH) return;
    after = batch.at(-1)!.id;
    em.clear();
  }
}

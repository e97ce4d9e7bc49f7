import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { LockMode } from '@mikro-orm/core';
import type { FileUpload } from 'graphql-upload-minimal';
import { DatasetCreated, DatasetUpdated } from '../../../contracts/index.js';
import type { AccountCaller } from '../../../kernel/auth.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Config } from '../../../kernel/config.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import { FileTooLargeError, writeStreamToFile } from '../../../kernel/file-store.js';
import { newId } from '../../../kernel/ids.js';
import { LIMITS, planEntitlements } from '../../../kernel/limits.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import type { Trash, TrashKind } from '../../../kernel/trash.js';
import { Dataset } from '../entities/dataset.js';
import { DatasetImage } from '../entities/dataset-image.js';
import { imageSize } from './dataset-import/images.js';
import { readNdjsonDataset } from './dataset-import/ndjson.js';
import type { ImportedImage, ImportPlan } from './dataset-import/plan.js';
import { readZipDataset } from './dataset-import/zip.js';
import { storeUpload, type CatalogFiles } from './files.js';
import { checkDescription, checkName, slugify } from './names.js';
import { eachLimit } from './pool.js';
import { freeSlug } from './slugs.js';
import type { Storage, StorageReservation } from './storage.js';
import { checkTask } from './tasks.js';

export interface DatasetInput {
  name: string;
  task: string;
  description?: string | null;
}

/** Images checked and stored at once per upload (sharp and the disk do the work). */
const IMAGE_CONCURRENCY = 4;

export class Datasets {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'enterprise'>,
    private readonly files: CatalogFiles,
    private readonly storage: Storage,
    private readonly trash: Trash,
    private readonly kind: TrashKind<Dataset>,
    /** Where uploads are spooled while they are read (zip needs random access). */
    private readonly tempDir: string,
  ) {}

  create(accountId: string, input: DatasetInput): Promise<Dataset> {
    const name = checkName(input.name);
    const task = checkTask(input.task);
    const description = checkDescription(input.description);
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      const dataset = em.create(Dataset, {
        id: newId('dataset'),
        accountId,
        name,
        slug: await freeSlug(em, Dataset, { accountId }, slugify(name)),
        description,
        task,
        classNames: [],
        kptShape: null,
        splits: {},
        imageCount: 0,
        sizeBytes: 0,
        visibility: 'private',
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
        trashedWith: null,
      });
      await em.flush();
      await this.events.publish(em, DatasetCreated, accountId, {
        datasetId: dataset.id,
        name,
        task,
        imageCount: 0,
        classNames: [],
      });
      return dataset;
    });
  }

  list(em: EntityManager, accountId: string, task: string | null | undefined, page: Page): Promise<{ items: Dataset[]; total: number }> {
    return findPage(em, Dataset, task ? { accountId, task: checkTask(task) } : { accountId }, page);
  }

  async get(em: EntityManager, accountId: string, id: string): Promise<Dataset> {
    const dataset = await em.findOne(Dataset, { id, accountId });
    if (!dataset) throw notFound('Dataset', id);
    return dataset;
  }

  /** Moves the dataset to the trash; its images stay (and count) until it is deleted for good. */
  delete(accountId: string, id: string): Promise<Dataset> {
    return this.db.transaction(async (em) => {
      const dataset = await this.get(em, accountId, id);
      await this.trash.moveIn(em, this.kind, dataset);
      return dataset;
    });
  }

  /**
   * Adds the images and labels of a zip (Ultralytics YOLO layout) or an NDJSON file; an image with the same split and
   * name replaces the old one. Everything is checked before the dataset changes, and a refused upload leaves nothing.
   * Storage is reserved before any image is written (a zip's declared sizes up front; downloaded images as their bytes
   * arrive), and `signal` (the client went away) stops the import.
   */
  async upload(caller: AccountCaller, id: string, file: Promise<FileUpload>, signal?: AbortSignal): Promise<Dataset> {
    const dataset = await this.get(this.db.em(), caller.accountId, id);
    const upload = await file;
    const entitlements = planEntitlements(this.config)[caller.plan];
    await mkdir(this.tempDir, { recursive: true });
    const directory = await mkdtemp(path.join(this.tempDir, 'dataset-upload-'));
    const written: string[] = [];
    let close = () => {};
    let reservation: StorageReservation | undefined;
    try {
      const spooled = path.join(directory, 'upload');
      await spool(upload, spooled, entitlements.datasetUploadBytes);
      const kind = await kindOf(spooled, upload.filename);
      let plan: ImportPlan;
      if (kind === 'zip') {
        const zip = await readZipDataset(spooled, dataset.task);
        close = zip.close;
        plan = zip.plan;
      } else {
        plan = await readNdjsonDataset(spooled, dataset.task, this.files.images);
      }
      checkCompatible(dataset, plan);
      reservation = await this.storage.reserve(this.db.em(), caller.accountId, caller.plan);
      reservation.take(declaredBytes(plan, entitlements.datasetUploadBytes));
      const held = reservation;
      const rows = await eachLimit(plan.images, IMAGE_CONCURRENCY, (image) => {
        signal?.throwIfAborted();
        return this.storeImage(caller.accountId, id, image, written, held, signal);
      });
      signal?.throwIfAborted();
      const { result, replacedKeys } = await this.db.transaction((em) => this.commitImages(em, caller, id, plan, rows));
      await Promise.all(replacedKeys.map((key) => this.files.store.delete(key)));
      return result;
    } catch (error) {
      await Promise.all(written.map((key) => this.files.store.delete(key)));
      throw error;
    } finally {
      reservation?.release();
      close();
      await rm(directory, { recursive: true, force: true });
    }
  }

  private async storeImage(
    accountId: string,
    datasetId: string,
    image: ImportedImage,
    written: string[],
    reservation: StorageReservation,
    signal: AbortSignal | undefined,
  ) {
    const imageId = newId('image');
    const extension = path.posix.extname(image.fileName).toLowerCase();
    const key = fileKeys.datasetImage(accountId, datasetId, imageId, extension);
    const where = `${image.split}/${image.fileName}`;
    written.push(key);
    // A zip entry was reserved by its declared size and may not grow past it; a download takes room as it arrives.
    const maxBytes = Math.min(LIMITS.datasetImageBytes, image.declaredBytes ?? Infinity);
    const source = await image.open(signal);
    const counted = image.declaredBytes === null ? source.pipe(takingRoom(reservation)) : source;
    if (counted !== source) source.on('error', (error) => counted.destroy(error));
    const stop = () => counted.destroy(new Error('The request was cancelled'));
    signal?.addEventListener('abort', stop, { once: true });
    const stored = await storeUpload(this.files.store, key, counted, maxBytes)
      .catch((error: unknown) => {
        throw error instanceof Error && 'extensions' in error ? validationError(`${where}: ${error.message}`) : error;
      })
      .finally(() => signal?.removeEventListener('abort', stop));
    const { width, height } = await imageSize(this.files.store, key, where);
    return {
      id: imageId,
      split: image.split,
      fileName: image.fileName,
      fileKey: key,
      width,
      height,
      sizeBytes: stored.size,
      annotations: image.annotations,
    };
  }

  private async commitImages(
    em: EntityManager,
    caller: AccountCaller,
    id: string,
    plan: ImportPlan,
    rows: Array<Omit<DatasetImage, 'datasetId' | 'createdAt'>>,
  ): Promise<{ result: Dataset; replacedKeys: string[] }> {
    // Locked: two uploads to one dataset apply one after the other.
    const dataset = await em.findOne(Dataset, { id, accountId: caller.accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!dataset) throw notFound('Dataset', id);
    checkCompatible(dataset, plan);
    await this.storage.check(
      em,
      caller.accountId,
      caller.plan,
      rows.reduce((sum, row) => sum + row.sizeBytes, 0),
    );
    const replaced = await em.find(DatasetImage, { datasetId: id, $or: rows.map(({ split, fileName }) => ({ split, fileName })) });
    for (const image of replaced) em.remove(image);
    await em.flush();
    const now = this.clock.now();
    for (const row of rows) em.create(DatasetImage, { ...row, datasetId: id, createdAt: now });
    await em.flush();
    const totals = await em.execute<{ split: string; images: string; bytes: string }[]>(
      `select split, count(*) as images, coalesce(sum(size_bytes), 0) as bytes from catalog.dataset_images where dataset_id = ? group by split`,
      [id],
    );
    Object.assign(dataset, {
      classNames: plan.classNames,
      kptShape: plan.kptShape,
      splits: Object.fromEntries(totals.map((row) => [row.split, Number(row.images)])),
      imageCount: totals.reduce((sum, row) => sum + Number(row.images), 0),
      sizeBytes: totals.reduce((sum, row) => sum + Number(row.bytes), 0),
      updatedAt: now,
    });
    await em.flush();
    await this.events.publish(em, DatasetUpdated, caller.accountId, {
      datasetId: id,
      name: dataset.name,
      task: dataset.task,
      imageCount: dataset.imageCount,
      classNames: dataset.classNames,
    });
    return { result: dataset, replacedKeys: replaced.map((image) => image.fileKey) };
  }
}

/**
 * What a plan's images declare they will write (zip entries; downloads count as they arrive): each within the image
 * limit, all together within the plan's dataset upload size, refused before any byte is written.
 */
function declaredBytes(plan: ImportPlan, maxTotal: number): number {
  let total = 0;
  for (const image of plan.images) {
    const size = image.declaredBytes ?? 0;
    if (size > LIMITS.datasetImageBytes) {
      throw validationError(`${image.split}/${image.fileName}: the image is larger than ${LIMITS.datasetImageBytes} bytes`, {
        maxBytes: LIMITS.datasetImageBytes,
      });
    }
    total += size;
  }
  if (total > maxTotal) {
    throw validationError(`The zip's images add up to more than your plan's dataset upload limit of ${maxTotal} bytes`, {
      maxBytes: maxTotal,
    });
  }
  return total;
}

/** Passes bytes on once the reservation has room for them. */
function takingRoom(reservation: StorageReservation): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        reservation.take(chunk.length);
        callback(null, chunk);
      } catch (error) {
        callback(error as Error);
      }
    },
  });
}

/** The upload on local disk, within the size limit; a partial or oversized upload is refused. */
async function spool(upload: FileUpload, target: string, maxBytes: number): Promise<void> {
  try {
    await writeStreamToFile(upload.createReadStream(), target, maxBytes);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw validationError(`The file is larger than your plan's dataset upload limit of ${maxBytes} bytes`, { maxBytes });
    }
    if ((error as NodeJS.ErrnoException).syscall) throw error;
    throw validationError(`The upload did not complete: ${(error as Error).message}`);
  }
}

/** Zip or NDJSON, by content first (a zip starts with `PK`), the name deciding only between them. */
async function kindOf(file: string, filename: string): Promise<'zip' | 'ndjson'> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(4);
  const { bytesRead } = await handle.read(head, 0, 4, 0).finally(() => handle.close());
  if (bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
  const lower = filename.toLowerCase();
  if (lower.endsWith('.zip')) throw validationError('The file is not a valid zip archive');
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl') || head.subarray(0, bytesRead).toString('utf8').trimStart().startsWith('{')) {
    return 'ndjson';
  }
  throw validationError('Upload a zip in Ultralytics YOLO layout or an Ultralytics NDJSON file');
}

/** Once a dataset has images, later uploads must use the same classes (and keypoint shape). */
function checkCompatible(dataset: Dataset, plan: ImportPlan): void {
  if (dataset.imageCount === 0) return;
  if (JSON.stringify(dataset.classNames) !== JSON.stringify(plan.classNames)) {
    throw validationError('The upload has other class names than the dataset', { dataset: dataset.classNames, upload: plan.classNames });
  }
  if (JSON.stringify(dataset.kptShape) !== JSON.stringify(plan.kptShape))
    throw validationError('The upload has another kpt_shape than the dataset');
}

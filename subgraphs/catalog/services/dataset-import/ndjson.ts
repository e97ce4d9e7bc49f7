import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { validationError } from '../../../../kernel/errors.js';
import { LIMITS } from '../../../../kernel/limits.js';
import type { Annotations } from '../../entities/dataset-image.js';
import type { Task } from '../tasks.js';
import type { ImageSource } from './image-source.js';
import { ANNOTATION_KEY, checkLabelRow, LabelBudget, type LabelRules } from './labels.js';
import { IMAGE_EXTENSIONS, isSafeRelativePath, SPLIT, type ImportedImage, type ImportPlan } from './plan.js';
import { checkKptShape, classNamesOf } from './zip.js';

/**
 * An Ultralytics NDJSON dataset: a `dataset` record (task, class_names, kpt_shape), then one `image` record per line
 * (split, file, url, annotations), as ultralytics/data/converter.py `convert_ndjson_to_yolo` reads it. Images are
 * opened from their `url` through `images`.
 */
export async function readNdjsonDataset(file: string, task: Task, images: ImageSource): Promise<ImportPlan> {
  let header: { classNames: string[]; kptShape: [number, number] | null; rules: LabelRules | null } | undefined;
  const records: ImportedImage[] = [];
  const budget = new LabelBudget();
  let number = 0;
  for await (const line of readLines(createReadStream(file), LIMITS.ndjsonLineBytes)) {
    number++;
    if (!line.trim()) continue;
    const record = parseLine(line, number);
    if (!header) header = readHeader(record, task);
    else {
      if (records.length >= LIMITS.datasetEntries) throw validationError(`The NDJSON file has more than ${LIMITS.datasetEntries} images`);
      records.push(readImage(record, number, task, header.classNames.length, header.rules, images, budget));
    }
  }
  if (!header) throw validationError('The NDJSON file is empty');
  if (records.length === 0) throw validationError('The NDJSON file has no image records');
  return { classNames: header.classNames, kptShape: header.kptShape, images: records };
}

/**
 * The lines of a stream, each at most `maxBytes`: readline would hold a line of any length (a 900 MB header) in memory.
 */
export async function* readLines(input: Readable, maxBytes: number): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const tooLong = () => validationError(`An NDJSON line is longer than ${maxBytes} bytes`, { maxLineBytes: maxBytes });
  try {
    for await (const chunk of input) {
      let buffer = chunk as Buffer;
      for (let newline = buffer.indexOf(10); newline !== -1; newline = buffer.indexOf(10)) {
        if (pendingBytes + newline > maxBytes) throw tooLong();
        pending.push(buffer.subarray(0, newline));
        yield Buffer.concat(pending).toString('utf8').replace(/\r$/, '');
        pending = [];
        pendingBytes = 0;
        buffer = buffer.subarray(newline + 1);
      }
      pendingBytes += buffer.length;
      if (pendingBytes > maxBytes) throw tooLong();
      pending.push(buffer);
    }
    if (pendingBytes > 0) yield Buffer.concat(pending).toString('utf8').replace(/\r$/, '');
  } finally {
    input.destroy();
  }
}

function parseLine(line: string, number: number): Record<string, unknown> {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    throw validationError(`NDJSON line ${number} is not valid JSON`);
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw validationError(`NDJSON line ${number} is not an object`);
  return record as Record<string, unknown>;
}

function readHeader(record: Record<string, unknown>, task: Task) {
  if (record.type !== undefined && record.type !== 'dataset') throw validationError('The first NDJSON line must be the dataset record');
  const declared = record.task ?? 'detect';
  if (declared !== task) {
    throw validationError(`The NDJSON dataset is for another task than this ${task} dataset`, { task: String(declared).slice(0, 50) });
  }
  const classNames = classNamesOf(record.class_names, 'class_names');
  const kptShape = task === 'pose' ? checkKptShape(record.kpt_shape) : null;
  const rules = task === 'classify' ? null : { task, classCount: classNames.length, kptShape };
  return { classNames, kptShape, rules };
}

function readImage(
  record: Record<string, unknown>,
  number: number,
  task: Task,
  classCount: number,
  rules: LabelRules | null,
  images: ImageSource,
  budget: LabelBudget,
): ImportedImage {
  const where = `NDJSON line ${number}`;
  if (record.type !== undefined && record.type !== 'image') throw validationError(`${where}: expected an image record`);
  const { split, file, url } = record;
  if (typeof split !== 'string' || !SPLIT.test(split)) throw validationError(`${where}: split must be a name such as train or val`);
  if (typeof file !== 'string' || !isSafeRelativePath(file) || !IMAGE_EXTENSIONS.has(path.posix.extname(file).toLowerCase())) {
    throw validationError(`${where}: file must be an image file name`, { file });
  }
  if (typeof url !== 'string' || !/^https?:\/\//i.test(url)) throw validationError(`${where}: url must be an http(s) URL`);
  const given = record.annotations ?? {};
  if (typeof given !== 'object' || given === null) throw validationError(`${where}: annotations must be an object`);
  return {
    split,
    fileName: file,
    annotations: readAnnotations(given as Record<string, unknown>, where, task, classCount, rules, budget),
    declaredBytes: null,
    open: (signal) => images(url, where, signal),
  };
}

function readAnnotations(
  given: Record<string, unknown>,
  where: string,
  task: Task,
  classCount: number,
  rules: LabelRules | null,
  budget: LabelBudget,
): Annotations {
  const key = ANNOTATION_KEY[task];
  const value = given[key];
  if (task === 'classify') {
    const ids = Array.isArray(value) ? value.flat() : [];
    budget.take(ids.length);
    if (ids.length === 0 || !ids.every((id) => Number.isInteger(id) && (id as number) >= 0 && (id as number) < classCount)) {
      throw validationError(`${where}: classification must hold class ids 0-${classCount - 1}`);
    }
    return { classification: ids as number[] };
  }
  if (value === undefined || value === null) return {};
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row)))
    throw validationError(`${where}: ${key} must be a list of label rows`);
  const rows = (value as unknown[][]).map((row) => {
    budget.take(row.length);
    const numbers = row.map(Number);
    checkLabelRow(numbers, rules!, `${where} ${key}`);
    return numbers;
  });
  return rows.length ? { [key]: rows } : {};
}

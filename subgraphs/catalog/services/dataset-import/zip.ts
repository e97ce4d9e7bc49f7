import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { AppError, validationError } from '../../../../kernel/errors.js';
import { LIMITS } from '../../../../kernel/limits.js';
import type { Task } from '../tasks.js';
import { ANNOTATION_KEY, LabelBudget, parseLabelText, type LabelRules } from './labels.js';
import { IMAGE_EXTENSIONS, isSafeRelativePath, SPLIT, type ImportedImage, type ImportPlan } from './plan.js';

const SPLITS = new Set(['train', 'val', 'valid', 'test']);

export interface ZipDataset {
  plan: ImportPlan;
  close(): void;
}

/**
 * A zip in Ultralytics YOLO layout: `data.yaml` + `images/<split>/…` + `labels/<split>/….txt` for detect, segment,
 * pose and obb; `<split>/<class>/<image>` for classify. A single top folder around it (as zipping a folder makes) is fine.
 */
export async function readZipDataset(zipPath: string, task: Task): Promise<ZipDataset> {
  const zip = await openZip(zipPath);
  try {
    const entries = await listFiles(zip);
    const plan = task === 'classify' ? classifyPlan(zip, entries) : await labelledPlan(zip, entries, task);
    if (plan.images.length === 0) {
      const layout = task === 'classify' ? '<split>/<class>/<image>' : 'images/<split>/<image> with labels/<split>/<name>.txt';
      throw validationError(`The zip holds no images in the Ultralytics YOLO layout (${layout})`);
    }
    return { plan, close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function openZip(zipPath: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) => {
      if (error || !zip) return reject(validationError(`The file is not a valid zip archive: ${error?.message ?? 'unreadable'}`));
      resolve(zip);
    });
  });
}

/** Files of the archive by path, relative to the dataset's root folder; folders and OS clutter left out. */
async function listFiles(zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = await new Promise<Entry[]>((resolve, reject) => {
    const found: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      found.push(entry);
      if (found.length > LIMITS.datasetEntries) return reject(validationError(`The zip has more than ${LIMITS.datasetEntries} entries`));
      zip.readEntry();
    });
    zip.on('end', () => resolve(found));
    zip.on('error', (error: Error) => reject(validationError(`The zip archive is corrupt: ${error.message}`)));
    zip.readEntry();
  });
  const files = new Map<string, Entry>();
  for (const entry of entries) {
    const name = entry.fileName;
    if (name.endsWith('/') || name.startsWith('__MACOSX/') || name.split('/').some((segment) => segment.startsWith('.'))) continue;
    if (!isSafeRelativePath(name)) throw validationError('The zip holds an unsafe path', { path: name });
    files.set(name, entry);
  }
  return stripTopFolders(files);
}

/** Drops folders that wrap the whole dataset (`my-dataset/…`), stopping at the layout's own folders. */
function stripTopFolders(files: Map<string, Entry>): Map<string, Entry> {
  const layoutFolders = new Set(['images', 'labels', ...SPLITS]);
  for (;;) {
    const tops = new Set([...files.keys()].map((name) => (name.includes('/') ? name.split('/')[0] : '')));
    const [top] = tops;
    if (tops.size !== 1 || !top || layoutFolders.has(top)) return files;
    files = new Map([...files].map(([name, entry]) => [name.slice(top.length + 1), entry]));
  }
}

const isImage = (name: string) => IMAGE_EXTENSIONS.has(path.posix.extname(name).toLowerCase());

/**
 * Opens an entry. yauzl's stream for stored (uncompressed) entries never finishes for async iteration and
 * `stream.pipeline`, though it does for `pipe`: a PassThrough in front gives readers an ordinary stream. yauzl checks
 * the real size against the declared one and the deflate stream itself; either failure errors the PassThrough, which
 * its reader handles (the file store's writer listens from the start).
 */
function opener(zip: ZipFile, entry: Entry): () => Promise<Readable> {
  return () =>
    new Promise((resolve, reject) =>
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(validationError(`${entry.fileName} cannot be read from the zip`, { reason: error?.message }));
        const through = new PassThrough();
        stream.on('error', (streamError) => through.destroy(streamError));
        resolve(stream.pipe(through));
      }),
    );
}

/** A text entry (label file, data.yaml), at most `maxBytes` whatever its header says. */
async function readText(zip: ZipFile, entry: Entry, maxBytes = LIMITS.labelFileBytes): Promise<string> {
  const tooLarge = () => validationError(`${entry.fileName} is larger than ${maxBytes} bytes`, { maxBytes });
  if (entry.uncompressedSize > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = await opener(zip, entry)();
  try {
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof AppError) throw error;
    throw validationError(`${entry.fileName} could not be read from the zip: ${(error as Error).message}`);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** `<split>/<class>/<image>`: class names are the class folders, sorted, as Ultralytics numbers them. */
function classifyPlan(zip: ZipFile, files: Map<string, Entry>): ImportPlan {
  const found: Array<{ split: string; className: string; fileName: string; entry: Entry }> = [];
  for (const [name, entry] of files) {
    const [split, className, ...rest] = name.split('/');
    if (!split || !className || rest.length === 0 || !isImage(name)) continue;
    if (!SPLIT.test(split)) throw validationError(`Invalid split folder name: ${split}`);
    found.push({ split, className, fileName: `${className}/${rest.join('/')}`, entry });
  }
  const classNames = [...new Set(found.map((image) => image.className))].sort();
  checkClassCount(classNames.length, 'class folders');
  const ids = new Map(classNames.map((name, id) => [name, id]));
  const images = found.map(({ split, className, fileName, entry }) => ({
    split,
    fileName,
    annotations: { classification: [ids.get(className)!] },
    declaredBytes: entry.uncompressedSize,
    open: opener(zip, entry),
  }));
  return { classNames, kptShape: null, images };
}

/**
 * `data.yaml` (class names, kpt_shape) + `images/<split>/…` + `labels/<split>/….txt`, every label checked. The label
 * files an upload brings are weighed by their declared sizes before one is read, then counted as they are parsed.
 */
async function labelledPlan(zip: ZipFile, files: Map<string, Entry>, task: Exclude<Task, 'classify'>): Promise<ImportPlan> {
  const yamlName = files.has('data.yaml') ? 'data.yaml' : [...files.keys()].find((name) => !name.includes('/') && /\.ya?ml$/i.test(name));
  if (!yamlName) throw validationError('The zip has no data.yaml with the class names');
  const config = readDataYaml(await readText(zip, files.get(yamlName)!), task);
  const rules: LabelRules = { task, classCount: config.classNames.length, kptShape: config.kptShape };
  const found: Array<{ split: string; fileName: string; entry: Entry; label: Entry | undefined; labelName: string }> = [];
  let labelBytes = 0;
  for (const [name, entry] of files) {
    const [top, split, ...rest] = name.split('/');
    if (top !== 'images' || !split || rest.length === 0 || !isImage(name)) continue;
    if (!SPLIT.test(split)) throw validationError('Invalid split folder name', { split });
    const fileName = rest.join('/');
    const labelName = `labels/${split}/${fileName.slice(0, -path.posix.extname(fileName).length)}.txt`;
    const label = files.get(labelName);
    labelBytes += label?.uncompressedSize ?? 0;
    found.push({ split, fileName, entry, label, labelName });
  }
  if (labelBytes > LIMITS.datasetLabelBytes) {
    throw validationError(`The zip's label files hold more than ${LIMITS.datasetLabelBytes} bytes`, {
      maxLabelBytes: LIMITS.datasetLabelBytes,
    });
  }
  const budget = new LabelBudget();
  const images: ImportedImage[] = [];
  for (const { split, fileName, entry, label, labelName } of found) {
    // An image without a label file is a background image: no objects.
    const rows = label ? parseLabelText(await readText(zip, label), rules, labelName, budget) : [];
    images.push({
      split,
      fileName,
      annotations: rows.length ? { [ANNOTATION_KEY[task]]: rows } : {},
      declaredBytes: entry.uncompressedSize,
      open: opener(zip, entry),
    });
  }
  return { classNames: config.classNames, kptShape: config.kptShape, images };
}

function readDataYaml(text: string, task: Task): { classNames: string[]; kptShape: [number, number] | null } {
  let config: unknown;
  try {
    config = parseYaml(text);
  } catch (error) {
    throw validationError('data.yaml is not valid YAML', { reason: (error as Error).message });
  }
  if (!config || typeof config !== 'object') throw validationError('data.yaml must be a mapping with names');
  const { names, kpt_shape: kptShape } = config as { names?: unknown; kpt_shape?: unknown };
  return { classNames: classNamesOf(names, 'data.yaml names'), kptShape: task === 'pose' ? checkKptShape(kptShape) : null };
}

/** Class names as a list or as `{0: name, 1: name}` with ids 0..n-1. */
export function classNamesOf(value: unknown, where: string): string[] {
  const entries: Array<[unknown, unknown]> = Array.isArray(value)
    ? value.map((name, i) => [i, name])
    : value && typeof value === 'object'
      ? Object.entries(value)
      : [];
  if (entries.length === 0) throw validationError(`${where} must list the class names`);
  checkClassCount(entries.length, where);
  const names = new Array<string>(entries.length);
  for (const [key, name] of entries) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 0 || id >= entries.length || names[id] !== undefined) {
      throw validationError(`${where}: class ids must be 0..${entries.length - 1}`);
    }
    if ((typeof name !== 'string' && typeof name !== 'number') || String(name).trim() === '') {
      throw validationError(`${where}: class ${id} has no name`);
    }
    if (String(name).length > LIMITS.classNameChars) {
      throw validationError(`${where}: class ${id}'s name is longer than ${LIMITS.classNameChars} characters`);
    }
    names[id] = String(name);
  }
  return names;
}

function checkClassCount(count: number, where: string): void {
  if (count > LIMITS.classNames)
    throw validationError(`${where}: more than ${LIMITS.classNames} classes`, { maxClasses: LIMITS.classNames });
}

export function checkKptShape(value: unknown): [number, number] {
  if (!Array.isArray(value) || value.length !== 2 || !Number.isInteger(value[0]) || value[0] < 1 || (value[1] !== 2 && value[1] !== 3)) {
    throw validationError('A pose dataset needs kpt_shape [keypoints, 2 or 3]', { kpt_shape: value });
  }
  return [value[0], value[1]];
}

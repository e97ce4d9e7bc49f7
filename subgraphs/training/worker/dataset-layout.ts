import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import type { FileStore } from '../../../kernel/file-store.js';

interface DatasetLine {
  type: 'dataset';
  task: string;
  class_names: Record<string, string>;
  kpt_shape?: [number, number];
}

interface ImageLine {
  type: 'image';
  file: string;
  key: string;
  split: string;
  annotations: Partial<Record<string, number[][] | number[]>>;
}

/** What `data=` points the trainer at: `data.yaml` for detection tasks, the dataset folder for classify. */
export interface PreparedDataset {
  data: string;
  images: number;
}

/** A relative path from the snapshot, kept inside the folder it is joined to. */
function safeRelative(name: string): string {
  const normalized = path.posix.normalize(name.replace(/\\/g, '/'));
  if (normalized.startsWith('..') || path.posix.isAbsolute(normalized))
    throw new Error(`Unsafe file name in the dataset snapshot: ${name}`);
  return normalized;
}

/**
 * Lays a catalog snapshot (Ultralytics NDJSON whose image lines carry file-store keys) out in YOLO format under `root`:
 * `images/<split>/`, `labels/<split>/` and `data.yaml`, or `<split>/<class>/` for classify.
 */
export async function layOutDataset(store: FileStore, snapshotKey: string, root: string): Promise<PreparedDataset> {
  let header: DatasetLine | undefined;
  const splits = new Set<string>();
  let images = 0;
  for await (const line of createInterface({ input: store.open(snapshotKey), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as DatasetLine | ImageLine;
    if (record.type === 'dataset') {
      header = record;
      continue;
    }
    if (!header) throw new Error('The dataset snapshot does not start with its dataset line');
    splits.add(record.split);
    images++;
    const names = header.class_names;
    if (header.task === 'classify') {
      const classId = (record.annotations.classification as number[] | undefined)?.[0];
      const className = classId === undefined ? undefined : names[String(classId)];
      if (!className) continue; // an unlabelled image teaches a classifier nothing
      await copy(store, record.key, path.join(root, safeRelative(record.split), safeRelative(className), path.posix.basename(record.file)));
      continue;
    }
    const file = safeRelative(record.file);
    await copy(store, record.key, path.join(root, 'images', safeRelative(record.split), file));
    const rows = Object.values(record.annotations).flat() as unknown as number[][];
    const label = path.join(root, 'labels', record.split, `${file.slice(0, file.length - path.posix.extname(file).length)}.txt`);
    await mkdir(path.dirname(label), { recursive: true });
    await writeFile(label, rows.map((row) => row.join(' ')).join('\n') + (rows.length ? '\n' : ''));
  }
  if (!header) throw new Error('The dataset snapshot is empty');
  if (header.task === 'classify') return { data: root, images };
  const val = splits.has('val') ? 'val' : splits.has('valid') ? 'valid' : 'train';
  const yaml = [
    `path: ${JSON.stringify(root)}`,
    `train: images/${splits.has('train') ? 'train' : val}`,
    `val: images/${val}`,
    ...(splits.has('test') ? ['test: images/test'] : []),
    ...(header.kpt_shape ? [`kpt_shape: [${header.kpt_shape.join(', ')}]`] : []),
    'names:',
    ...Object.entries(header.class_names).map(([id, name]) => `  ${id}: ${JSON.stringify(name)}`),
  ];
  const data = path.join(root, 'data.yaml');
  await writeFile(data, `${yaml.join('\n')}\n`);
  return { data, images };
}

async function copy(store: FileStore, key: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  await pipeline(store.open(key), createWriteStream(target));
}

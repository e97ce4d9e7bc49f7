import type { EpochRecord } from '../../../contracts/index.js';

/** Which `(X)` metrics are the task's headline: masks for segment, poses for pose, boxes otherwise. */
const HEADLINE_KIND: Record<string, string> = { segment: 'M', pose: 'P' };

/**
 * The rows of an Ultralytics `results.csv` (header names padded with spaces in older versions) as epoch records.
 * A row still being written (fewer cells than the header) is left for the next read.
 */
export function parseResults(csv: string, task: string, epochs: number): EpochRecord[] {
  const [headerLine, ...lines] = csv.split(/\r?\n/).filter((line) => line.trim() !== '');
  if (!headerLine) return [];
  const header = headerLine.split(',').map((name) => name.trim());
  const records: EpochRecord[] = [];
  for (const line of lines) {
    const cells = line.split(',').map((cell) => Number(cell.trim()));
    if (cells.length < header.length || cells.some((cell) => Number.isNaN(cell))) continue;
    records.push(toRecord(new Map(header.map((name, index) => [name, cells[index]!])), task, epochs));
  }
  return records;
}

/** One epoch as results.csv names its columns (`epoch`, `time`, `train/*`, `val/*`, `metrics/*`). */
export function toRecord(row: Map<string, number>, task: string, epochs: number): EpochRecord {
  const pick = (prefix: string) =>
    Object.fromEntries([...row].filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value]));
  const kind = HEADLINE_KIND[task] ?? 'B';
  const metric = (name: string) => row.get(`metrics/${name}`) ?? null;
  const epoch = row.get('epoch') ?? 0;
  const seconds = row.get('time') ?? 0;
  return {
    epoch,
    seconds,
    losses: pick('train/'),
    valLosses: pick('val/'),
    precision: metric(`precision(${kind})`),
    recall: metric(`recall(${kind})`),
    mAP50: metric(`mAP50(${kind})`),
    mAP50_95: metric(`mAP50-95(${kind})`),
    top1: metric('accuracy_top1'),
    top5: metric('accuracy_top5'),
    metrics: Object.fromEntries([...row].filter(([name]) => name.startsWith('metrics/')).map(([name, value]) => [name, value])),
    // `time` is cumulative: the mean epoch so far times the epochs still to run.
    secondsLeft: epoch > 0 ? Math.round((seconds / epoch) * (epochs - epoch) * 10) / 10 : null,
  };
}

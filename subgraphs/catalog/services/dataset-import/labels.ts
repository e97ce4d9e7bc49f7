import { validationError } from '../../../../kernel/errors.js';
import { LIMITS } from '../../../../kernel/limits.js';
import type { Annotations } from '../../entities/dataset-image.js';
import type { Task } from '../tasks.js';

/** Which NDJSON `annotations` key holds each task's labels (as ultralytics/data/converter.py reads them). */
export const ANNOTATION_KEY = {
  detect: 'boxes',
  segment: 'segments',
  pose: 'keypoints',
  obb: 'obb',
  classify: 'classification',
} as const satisfies Record<Task, keyof Annotations>;

export interface LabelRules {
  task: Exclude<Task, 'classify'>;
  classCount: number;
  /** Pose only: keypoints per object and values per keypoint (2 or 3). */
  kptShape: [number, number] | null;
}

// Normalised coordinates may overshoot by rounding; Ultralytics itself refuses clearly out-of-range ones.
const EPSILON = 1e-3;

/**
 * Checks one label row (`class x y ...`, YOLO text format) for the task: number of values, class id within the names,
 * coordinates normalised to [0, 1]. Throws VALIDATION_ERROR naming `where`.
 */
export function checkLabelRow(row: number[], rules: LabelRules, where: string): void {
  const fail = (why: string) => {
    throw validationError(`${where}: ${why}`, { where });
  };
  if (row.length === 0 || !row.every(Number.isFinite)) fail('labels must be numbers');
  const [classId, ...values] = row as [number, ...number[]];
  if (!Number.isInteger(classId) || classId < 0 || classId >= rules.classCount) {
    fail(`class id ${classId} is not one of the ${rules.classCount} classes (0-${rules.classCount - 1})`);
  }
  let coordinates = values;
  switch (rules.task) {
    case 'detect':
      if (values.length !== 4) fail(`a box needs 4 values (x y w h), got ${values.length}`);
      break;
    case 'obb':
      if (values.length !== 8) fail(`an oriented box needs 8 values (4 corners), got ${values.length}`);
      break;
    case 'segment':
      if (values.length < 6 || values.length % 2 !== 0) fail(`a polygon needs at least 3 points (x y pairs), got ${values.length} values`);
      break;
    case 'pose': {
      const [points, dims] = rules.kptShape!;
      if (values.length !== 4 + points * dims) fail(`a pose label needs 4 + ${points}x${dims} values, got ${values.length}`);
      // Visibility flags are not coordinates.
      coordinates = values.filter((_, i) => i < 4 || dims === 2 || (i - 4) % dims !== 2);
      break;
    }
  }
  if (coordinates.some((value) => value < -EPSILON || value > 1 + EPSILON)) fail('coordinates must be normalised to 0-1');
}

/**
 * What one upload's labels may add up to, counted across every label file (zip) or record (NDJSON): the import holds
 * them all in memory until it commits, so a per-file limit alone would let many files exhaust the heap.
 */
export class LabelBudget {
  private rows = 0;
  private values = 0;

  /** Counts one label row of `values` numbers; refuses the upload once the budget is spent. */
  take(values: number): void {
    this.rows += 1;
    this.values += values;
    if (this.rows > LIMITS.datasetLabelRows) {
      throw validationError(`The upload has more than ${LIMITS.datasetLabelRows} labels`, { maxLabels: LIMITS.datasetLabelRows });
    }
    if (this.values > LIMITS.datasetLabelValues) {
      throw validationError(`The upload's labels hold more than ${LIMITS.datasetLabelValues} numbers`, {
        maxValues: LIMITS.datasetLabelValues,
      });
    }
  }
}

/** A YOLO label file: one row per object, blank lines ignored; each row counted against the upload's budget. */
export function parseLabelText(text: string, rules: LabelRules, where: string, budget: LabelBudget): number[][] {
  const rows: number[][] = [];
  let number = 0;
  for (const line of text.split('\n')) {
    number++;
    const trimmed = line.trim();
    if (!trimmed) continue;
    const row = trimmed.split(/\s+/).map(Number);
    budget.take(row.length);
    checkLabelRow(row, rules, `${where} line ${number}`);
    rows.push(row);
  }
  return rows;
}

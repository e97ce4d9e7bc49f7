import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import type { SummaryResult } from './ultralytics-match.js';

/** The shared fixtures (models, images, Ultralytics' expected JSON) live beside the repository, in ../shared. */
export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
export const FIXTURES_DIR = path.join(SHARED_DIR, 'fixtures');
export const hasFixtures = existsSync(path.join(FIXTURES_DIR, 'expected'));

export const fixturePath = (...parts: string[]): string => path.join(FIXTURES_DIR, ...parts);

/** Real Ultralytics exports (`<dir>/models`) and what Ultralytics predicted with them (`<dir>/expected`); images are shared. */
export interface FixtureSet {
  name: string;
  dir: string;
}

export const FIXTURE_SETS: readonly FixtureSet[] = [
  { name: 'YOLOv8 (Ultralytics 8.3.223)', dir: FIXTURES_DIR },
  { name: 'YOLO26 and YOLO11 (Ultralytics 8.4.48)', dir: path.join(FIXTURES_DIR, 'yolo26') },
];

export const hasFixtureSet = (set: FixtureSet): boolean => existsSync(path.join(set.dir, 'expected'));

/** One expected document: what Ultralytics predicted for a model, an image (or the video) and a setting. */
export interface Expected {
  model: string;
  image: string;
  args: { imgsz: number; conf: number; iou: number };
  shape: [number, number];
  results?: SummaryResult[];
  top5?: SummaryResult[];
  frames?: SummaryResult[][];
}

/** The expected documents of a set, per model stem, in a stable order ([] when the set is absent). */
export function readExpectations(set: FixtureSet): Array<{ stem: string; documents: Array<{ file: string; doc: Expected }> }> {
  if (!hasFixtureSet(set)) return [];
  const root = path.join(set.dir, 'expected');
  return readdirSync(root)
    .sort()
    .map((stem) => ({
      stem,
      documents: readdirSync(path.join(root, stem))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => ({ file, doc: JSON.parse(readFileSync(path.join(root, stem, file), 'utf8')) as Expected })),
    }));
}

/** describe() that needs the shared fixtures (of one set): skipped without them locally, failing without them on CI. */
export function describeWithFixtures(name: string, body: () => void, set: FixtureSet = FIXTURE_SETS[0]!): void {
  if (hasFixtureSet(set)) describe(name, body);
  else if (process.env.CI) {
    describe(name, () => {
      it('has the shared fixtures', () => {
        throw new Error(`shared fixtures not found at ${set.dir} (set SHARED_DIR)`);
      });
    });
  } else describe.skip(name, body);
}

/**
 * The real Ultralytics 8.4.48 (`../shared/ultralytics`, set up by its setup.sh; `.ci/run` does it): the `yolo` CLI and
 * a python3 that imports `ultralytics`. ULTRALYTICS_YOLO / ULTRALYTICS_PYTHON point elsewhere.
 */
export const ULTRALYTICS_YOLO = process.env.ULTRALYTICS_YOLO ?? path.join(SHARED_DIR, 'ultralytics', 'yolo');
export const ULTRALYTICS_PYTHON = process.env.ULTRALYTICS_PYTHON ?? path.join(SHARED_DIR, 'ultralytics', 'python');
/** Where setup.sh unpacks the package (the wrappers refuse to run without it). */
const ULTRALYTICS_HOME =
  process.env.ULTRALYTICS_HOME ??
  path.join(process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME ?? '/root', '.cache'), 'ultralytics-8.4.48');
export const hasUltralytics =
  existsSync(ULTRALYTICS_YOLO) && existsSync(ULTRALYTICS_PYTHON) && existsSync(path.join(ULTRALYTICS_HOME, 'ultralytics'));

/** describe() that runs the real Ultralytics client: skipped without it locally, failing without it on CI. */
export function describeWithUltralytics(name: string, body: () => void): void {
  if (hasUltralytics) describe(name, body);
  else if (process.env.CI) {
    describe(name, () => {
      it('has the real Ultralytics client', () => {
        throw new Error(`Ultralytics not found at ${ULTRALYTICS_YOLO} (run sh ../shared/ultralytics/setup.sh, or set ULTRALYTICS_YOLO)`);
      });
    });
  } else describe.skip(name, body);
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

/** The shared fixtures (models, images, Ultralytics' expected JSON) live beside the repository, in ../shared. */
export const SHARED_DIR = process.env.SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
export const FIXTURES_DIR = path.join(SHARED_DIR, 'fixtures');
export const hasFixtures = existsSync(path.join(FIXTURES_DIR, 'expected'));

export const fixturePath = (...parts: string[]): string => path.join(FIXTURES_DIR, ...parts);

/** describe() that needs the shared fixtures: skipped without them locally, failing without them on CI. */
export function describeWithFixtures(name: string, body: () => void): void {
  if (hasFixtures) describe(name, body);
  else if (process.env.CI) {
    describe(name, () => {
      it('has the shared fixtures', () => {
        throw new Error(`shared fixtures not found at ${FIXTURES_DIR} (set SHARED_DIR)`);
      });
    });
  } else describe.skip(name, body);
}

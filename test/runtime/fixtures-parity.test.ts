import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadModel, type LoadedModel } from '../../runtime/model.js';
import { decodeVideoFrames } from '../../runtime/video.js';
import { compareResults, type SummaryResult } from '../support/ultralytics-match.js';
import { describeWithFixtures, FIXTURE_SETS, fixturePath, hasFixtureSet, readExpectations, type FixtureSet } from '../support/fixtures.js';

/** Every model of a fixture set on every image (and the video) agrees with what Ultralytics itself predicted. */
function runtimeParity(set: FixtureSet): void {
  for (const { stem, documents } of readExpectations(set)) {
    describeWithFixtures(
      `Ultralytics parity, ${set.name}: ${stem}`,
      () => {
        let model: LoadedModel;
        beforeAll(async () => {
          model = await loadModel(path.join(set.dir, 'models', `${stem}.onnx`));
        });
        afterAll(() => model.dispose());

        const images = documents.filter(({ doc }) => !doc.frames);
        it.each(images.map(({ file, doc }) => [file, doc] as const))('%s', async (_, doc) => {
          const prediction = await model.predict(readFileSync(fixturePath('images', doc.image)), doc.args);
          expect(prediction.shape).toEqual(doc.shape);
          const context = { conf: doc.args.conf, shape: doc.shape, ...(doc.top5 ? { referenceTop5: doc.top5 } : {}) };
          expect(compareResults(doc.results!, prediction.results as SummaryResult[], context)).toEqual([]);
        });

        const videos = documents.filter(({ doc }) => doc.frames);
        it.each(videos.map(({ file, doc }) => [file, doc] as const))('%s (every frame)', async (_, doc) => {
          const problems: string[] = [];
          let index = 0;
          for await (const frame of decodeVideoFrames(fixturePath('images', doc.image), { order: 'bgr' })) {
            const prediction = await model.predictPixels(frame, doc.args);
            expect(prediction.shape).toEqual(doc.shape);
            const reference = doc.frames![index] ?? [];
            for (const p of compareResults(reference, prediction.results as SummaryResult[], { conf: doc.args.conf, shape: doc.shape })) {
              problems.push(`frame ${index}: ${p}`);
            }
            index++;
          }
          expect(problems).toEqual([]);
          expect(index).toBe(doc.frames!.length);
        });
      },
      set,
    );
  }
  // Keeps the file meaningful (skip locally / fail on CI) when the set is absent.
  if (!hasFixtureSet(set)) describeWithFixtures(`Ultralytics parity, ${set.name}`, () => {}, set);
}

for (const set of FIXTURE_SETS) runtimeParity(set);

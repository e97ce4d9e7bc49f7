import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadModel, type LoadedModel } from '../../runtime/model.js';
import { decodeVideoFrames } from '../../runtime/video.js';
import { compareResults, type SummaryResult } from '../support/ultralytics-match.js';
import { describeWithFixtures, fixturePath, hasFixtures } from '../support/fixtures.js';

/** One expected document: what Ultralytics 8.3.223 predicted for a model, an image and a setting. */
interface Expected {
  model: string;
  image: string;
  args: { imgsz: number; conf: number; iou: number };
  shape: [number, number];
  results?: SummaryResult[];
  top5?: SummaryResult[];
  frames?: SummaryResult[][];
}

const stems = hasFixtures ? readdirSync(fixturePath('expected')).sort() : [];

for (const stem of stems) {
  const documents = readdirSync(fixturePath('expected', stem))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, doc: JSON.parse(readFileSync(fixturePath('expected', stem, file), 'utf8')) as Expected }));

  describeWithFixtures(`Ultralytics parity: ${stem}`, () => {
    let model: LoadedModel;
    beforeAll(async () => {
      model = await loadModel(fixturePath('models', `${stem}.onnx`));
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
  });
}

// Keeps the file meaningful (skip locally / fail on CI) when the fixtures are absent.
if (!hasFixtures) describeWithFixtures('Ultralytics parity', () => {});

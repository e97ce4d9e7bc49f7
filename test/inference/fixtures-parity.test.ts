import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithFixtures, FIXTURE_SETS, fixturePath, readExpectations, type Expected, type FixtureSet } from '../support/fixtures.js';
import { createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { compareResults } from '../support/ultralytics-match.js';
import { hubPredict, uploadModelFile } from './support.js';

/**
 * Every model of a fixture set, uploaded through the API, on every fixture image (and the video), through the HUB
 * predict call over HTTP, agrees with what Ultralytics itself answered, under the fixtures' matching rules.
 * On CI a missing fixture folder fails.
 */
function hubParity(set: FixtureSet, minimumCases: number): void {
  describeWithFixtures(
    `HUB predict agrees with Ultralytics on the fixtures: ${set.name}`,
    () => {
      let platform: TestPlatform;
      let account: TestAccount;
      const modelIds = new Map<string, string>();

      beforeAll(async () => {
        platform = await startTestPlatform();
        account = await createAccount(platform, 'enterprise');
        for (const file of await readdir(path.join(set.dir, 'models'))) {
          if (file.endsWith('.onnx'))
            modelIds.set(file, await uploadModelFile(platform, account.apiKey, path.join(set.dir, 'models', file)));
        }
      });
      afterAll(() => platform?.stop());

      it('agrees on every case', async () => {
        const cases = readExpectations(set).flatMap(({ documents }) => documents.map(({ doc }) => doc));
        expect(cases.length).toBeGreaterThan(minimumCases);
        const disagreements = await disagreementsOverHttp(platform, account, modelIds, cases);
        expect(disagreements).toEqual([]);
      }, 600_000);
    },
    set,
  );
}

async function disagreementsOverHttp(
  platform: TestPlatform,
  account: TestAccount,
  modelIds: Map<string, string>,
  cases: Expected[],
): Promise<string[]> {
  const disagreements: string[] = [];
  const images = new Map<string, Buffer>();
  const run = async (expected: Expected) => {
    let bytes = images.get(expected.image);
    if (!bytes) images.set(expected.image, (bytes = await readFile(fixturePath('images', expected.image))));
    const { status, body } = await hubPredict(
      platform,
      account.apiKey,
      {
        model: `https://hub.ultralytics.com/models/${modelIds.get(expected.model)}`,
        imgsz: String(expected.args.imgsz),
        conf: String(expected.args.conf),
        iou: String(expected.args.iou),
      },
      { name: expected.image, bytes },
    );
    const label = `${expected.model} ${expected.image} conf=${expected.args.conf} iou=${expected.args.iou} imgsz=${expected.args.imgsz}`;
    if (status !== 200) return void disagreements.push(`${label}: HTTP ${status} ${JSON.stringify(body)}`);
    const references = expected.frames ?? [expected.results!];
    if (body.images.length !== references.length) {
      return void disagreements.push(`${label}: ${body.images.length} images answered, ${references.length} expected`);
    }
    references.forEach((reference, i) => {
      const image = body.images[i];
      if (JSON.stringify(image.shape) !== JSON.stringify(expected.shape)) disagreements.push(`${label} #${i}: shape ${image.shape}`);
      for (const problem of compareResults(reference, image.results, {
        conf: expected.args.conf,
        shape: expected.shape,
        referenceTop5: expected.top5,
      })) {
        disagreements.push(`${label} #${i}: ${problem}`);
      }
    });
  };
  // Two requests in flight: the server overlaps one's decoding with the other's inference.
  const queue = [...cases];
  await Promise.all(
    [0, 1].map(async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await run(next);
    }),
  );
  return disagreements;
}

// 7 YOLOv8 models and 8 YOLO26/YOLO11 models, 14 images x 3 settings each (plus the dynamic model's second size).
hubParity(FIXTURE_SETS[0]!, 300);
hubParity(FIXTURE_SETS[1]!, 300);

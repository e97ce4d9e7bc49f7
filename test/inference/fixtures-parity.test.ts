import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithFixtures, fixturePath } from '../support/fixtures.js';
import { createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { compareResults, type SummaryResult } from '../support/ultralytics-match.js';
import { hubPredict, uploadModelFile } from './support.js';

interface Expected {
  model: string;
  image: string;
  args: { imgsz: number; conf: number; iou: number };
  shape: [number, number];
  results?: SummaryResult[];
  frames?: SummaryResult[][];
  top5?: SummaryResult[];
}

async function expectations(): Promise<Expected[]> {
  const root = fixturePath('expected');
  const documents: Expected[] = [];
  for (const model of await readdir(root)) {
    for (const file of await readdir(path.join(root, model))) {
      documents.push(JSON.parse(await readFile(path.join(root, model, file), 'utf8')) as Expected);
    }
  }
  return documents;
}

/**
 * Every fixture model on every fixture image (and the video), through the HUB predict call over HTTP, agrees with
 * what Ultralytics itself answered, under the fixtures' matching rules. On CI a missing fixture folder fails.
 */
describeWithFixtures('HUB predict agrees with Ultralytics on the fixtures', () => {
  let platform: TestPlatform;
  let account: TestAccount;
  const modelIds = new Map<string, string>();

  beforeAll(async () => {
    platform = await startTestPlatform();
    account = await createAccount(platform, 'enterprise');
    for (const file of await readdir(fixturePath('models'))) {
      if (file.endsWith('.onnx')) modelIds.set(file, await uploadModelFile(platform, account.apiKey, fixturePath('models', file)));
    }
  });
  afterAll(() => platform?.stop());

  it('agrees on every case', async () => {
    const cases = await expectations();
    expect(cases.length).toBeGreaterThan(300);
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
    expect(disagreements).toEqual([]);
  }, 600_000);
});

import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { parseResults } from '../../subgraphs/training/worker/results.js';
import { describeWithFixtures, fixturePath } from '../support/fixtures.js';

describeWithFixtures('the ultralytics-run fixture', () => {
  it('reads results.csv as `yolo train` wrote it', async () => {
    const csv = await readFile(fixturePath('ultralytics-run', 'results.csv'), 'utf8');
    const records = parseResults(csv, 'detect', 40);
    expect(records.map((record) => record.epoch)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(records.at(-1)).toEqual({
      epoch: 40,
      seconds: 512.349,
      losses: { box_loss: 0.69098, cls_loss: 0.65138, dfl_loss: 1.07838 },
      valLosses: { box_loss: 0.61296, cls_loss: 0.56245, dfl_loss: 0.95164 },
      precision: 0.98563,
      recall: 0.99006,
      mAP50: 0.995,
      mAP50_95: 0.87331,
      top1: null,
      top5: null,
      metrics: { 'metrics/precision(B)': 0.98563, 'metrics/recall(B)': 0.99006, 'metrics/mAP50(B)': 0.995, 'metrics/mAP50-95(B)': 0.87331 },
      secondsLeft: 0,
    });
    // Time left from the mean epoch so far: 13.2487 s after epoch 1 of 40.
    expect(records[0]!.secondsLeft).toBe(516.7);
  });
});

it('takes the headline metrics of the task: masks for segment, top-1/top-5 for classify; skips a half-written row', () => {
  const segment = parseResults(
    'epoch,time,train/seg_loss,metrics/precision(B),metrics/mAP50(B),metrics/precision(M),metrics/mAP50(M)\n1,2,0.5,0.1,0.2,0.3,0.4\n2,4,0.4',
    'segment',
    10,
  );
  expect(segment).toHaveLength(1);
  expect(segment[0]).toMatchObject({ losses: { seg_loss: 0.5 }, precision: 0.3, mAP50: 0.4, recall: null, secondsLeft: 18 });
  const classify = parseResults(
    '  epoch,  time,  train/loss,  metrics/accuracy_top1,  metrics/accuracy_top5\n1,1,2.3,0.5,0.9\n',
    'classify',
    2,
  );
  expect(classify[0]).toMatchObject({ losses: { loss: 2.3 }, top1: 0.5, top5: 0.9, precision: null });
});

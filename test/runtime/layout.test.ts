import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidModelError } from '../../runtime/errors.js';
import { inspectModel, inspectModelFile } from '../../runtime/inspect.js';
import { checkOutputs } from '../../runtime/layout.js';
import { buildOnnxModel, type SyntheticModelSpec } from '../support/onnx-builder.js';
import { describeWithFixtures, FIXTURE_SETS, type FixtureSet } from '../support/fixtures.js';

const FLOAT16 = 10;
const names = ['circle', 'square', 'triangle'];
const base = { names, imgsz: [256, 256] as [number, number] };
const zeros = (dims: number[]) => ({ dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)) });
const protos = { name: 'output1', ...zeros([1, 32, 64, 64]) };

// One spec per layout Ultralytics 8.3/8.4 exports, with the layout the runtime must decide for it.
const layouts: Array<[string, SyntheticModelSpec, { kind: string; extra: number; protos?: string }]> = [
  [
    'classic detect (YOLOv8/YOLO11)',
    { ...base, task: 'detect', outputs: [{ name: 'output0', ...zeros([1, 7, 1344]) }] },
    { kind: 'classic', extra: 0 },
  ],
  [
    'classic segment',
    { ...base, task: 'segment', outputs: [{ name: 'output0', ...zeros([1, 39, 1344]) }, protos] },
    { kind: 'classic', extra: 32, protos: 'output1' },
  ],
  [
    'classic pose',
    { ...base, task: 'pose', names: ['square'], kptShape: [4, 3], outputs: [{ name: 'output0', ...zeros([1, 17, 1344]) }] },
    { kind: 'classic', extra: 12 },
  ],
  [
    'classic obb',
    { ...base, task: 'obb', names: ['bar', 'plate'], outputs: [{ name: 'output0', ...zeros([1, 7, 1344]) }] },
    { kind: 'classic', extra: 1 },
  ],
  [
    'YOLO26 detect',
    { ...base, task: 'detect', end2end: true, outputs: [{ name: 'output0', ...zeros([1, 300, 6]) }] },
    { kind: 'end2end', extra: 0 },
  ],
  [
    'YOLO26 segment',
    { ...base, task: 'segment', end2end: true, outputs: [{ name: 'output0', ...zeros([1, 300, 38]) }, protos] },
    { kind: 'end2end', extra: 32, protos: 'output1' },
  ],
  [
    'YOLO26 pose',
    { ...base, task: 'pose', names: ['square'], kptShape: [4, 3], end2end: true, outputs: [{ name: 'output0', ...zeros([1, 300, 18]) }] },
    { kind: 'end2end', extra: 12 },
  ],
  [
    'YOLO26 obb',
    { ...base, task: 'obb', names: ['bar', 'plate'], end2end: true, outputs: [{ name: 'output0', ...zeros([1, 300, 7]) }] },
    { kind: 'end2end', extra: 1 },
  ],
  [
    'YOLO26 detect, dynamic (symbolic output dims)',
    {
      ...base,
      task: 'detect',
      end2end: true,
      dynamic: true,
      outputs: [{ name: 'output0', ...zeros([1, 300, 6]), declaredDims: ['batch', 'Concatoutput0_dim_1', 'anchors'] }],
    },
    { kind: 'end2end', extra: 0 },
  ],
  [
    'YOLO11 nms=True',
    { ...base, task: 'detect', nms: true, end2end: false, outputs: [{ name: 'output0', ...zeros([1, 300, 6]) }] },
    { kind: 'nms-embedded', extra: 0 },
  ],
  [
    'nms=True with 8.3 metadata (no end2end key)',
    { ...base, task: 'pose', names: ['square'], kptShape: [4, 3], nms: true, outputs: [{ name: 'output0', ...zeros([1, 300, 18]) }] },
    { kind: 'nms-embedded', extra: 12 },
  ],
  [
    '[1, N, 6] rows without the end2end key (YOLOv10 from 8.3)',
    { ...base, task: 'detect', outputs: [{ name: 'output0', ...zeros([1, 300, 6]) }] },
    { kind: 'end2end', extra: 0 },
  ],
  ['classify', { ...base, task: 'classify', outputs: [{ name: 'output0', ...zeros([1, 3]) }] }, { kind: 'classify', extra: 0 }],
];

describe('describeOutputLayout', () => {
  it.each(layouts)('%s', (_, spec, expected) => {
    const { layout } = inspectModel(buildOnnxModel(spec));
    expect(layout).toMatchObject({ ...expected, task: spec.task, predictions: 'output0', protos: expected.protos ?? null });
  });

  it('reads end2end from the end2end key, nms from args.nms (older metadata has neither key)', () => {
    const yolo26 = inspectModel(buildOnnxModel(layouts[4]![1])).metadata;
    expect([yolo26.end2end, yolo26.nms]).toEqual([true, false]);
    const nmsExport = inspectModel(buildOnnxModel(layouts[9]![1])).metadata;
    expect([nmsExport.end2end, nmsExport.nms]).toEqual([false, true]);
  });

  // A model whose layout is unknown or contradicts its metadata is refused with the reason, never served as garbage.
  const refused: Array<[string, SyntheticModelSpec, RegExp]> = [
    [
      'end2end: True over a channels-first output',
      { ...base, task: 'detect', end2end: true, outputs: [{ name: 'output0', ...zeros([1, 7, 1344]) }] },
      /end2end: True means one row per object .* = 6, but output0 \[1, 7, 1344\] has 1344, and it looks like the channels-first layout/,
    ],
    [
      'a segment model without a 4-D prototype output',
      { ...base, task: 'segment', end2end: true, outputs: [{ name: 'output0', ...zeros([1, 300, 38]) }] },
      /segment model needs a 4-D prototype output/,
    ],
    [
      'end-to-end segment rows without the mask coefficients of the prototypes',
      { ...base, task: 'segment', end2end: true, outputs: [{ name: 'output0', ...zeros([1, 300, 6]) }, protos] },
      /6 values \(box, score, class\) \+ 32 mask coefficients = 38, but output0 \[1, 300, 6\] has 6/,
    ],
    [
      'kpt_shape disagreeing with the row width',
      { ...base, task: 'pose', names: ['p'], kptShape: [17, 3], end2end: true, outputs: [{ name: 'output0', ...zeros([1, 300, 18]) }] },
      /\+ 51 keypoint values \(kpt_shape \[17, 3\]\) = 57, but output0 \[1, 300, 18\] has 18/,
    ],
    [
      'nms=True rows of the wrong width',
      { ...base, task: 'obb', names: ['bar'], nms: true, outputs: [{ name: 'output0', ...zeros([1, 300, 6]) }] },
      /nms=True means one row per object .* \+ 1 angle = 7/,
    ],
    [
      'a channels-first output with another class count',
      { ...base, task: 'detect', outputs: [{ name: 'output0', ...zeros([1, 84, 1344]) }] },
      /4 box \+ 3 class scores = 7 channels/,
    ],
    [
      'a metadata imgsz that is not the fixed input size',
      { ...base, task: 'detect', inputDims: [1, 3, 640, 640], outputs: [{ name: 'output0', ...zeros([1, 7, 8400]) }] },
      /input images \[1, 3, 640, 640\] does not match the metadata imgsz \[256, 256\]/,
    ],
    [
      'dynamic=True over a fixed input',
      { ...base, task: 'detect', dynamic: true, inputDims: [1, 3, 256, 256], outputs: [{ name: 'output0', ...zeros([1, 7, 1344]) }] },
      /dynamic=True but input images \[1, 3, 256, 256\] has a fixed size/,
    ],
    [
      'a float16 input (half=True)',
      { ...base, task: 'detect', inputElemType: FLOAT16, outputs: [{ name: 'output0', ...zeros([1, 7, 1344]) }] },
      /float16 .*export with half=False/,
    ],
    [
      'a classify model whose output is not [1, nc]',
      { ...base, task: 'classify', outputs: [{ name: 'output0', ...zeros([1, 3, 8, 8]) }] },
      /classify model with 3 classes must output \[1, 3\]/,
    ],
    [
      'detections that are not 3-D',
      { ...base, task: 'detect', outputs: [{ name: 'output0', ...zeros([1, 7]) }] },
      /detections must be a 3-D tensor/,
    ],
  ];

  it.each(refused)('refuses %s', (_, spec, reason) => {
    const bytes = buildOnnxModel(spec);
    expect(() => inspectModel(bytes)).toThrow(InvalidModelError);
    expect(() => inspectModel(bytes)).toThrow(reason);
  });
});

describe('checkOutputs (real tensors of dynamic exports)', () => {
  const { layout } = inspectModel(buildOnnxModel(layouts[8]![1]));

  it('accepts the rows the layout promises', () => {
    const predictions = { data: new Float32Array(300 * 6), dims: [1, 300, 6] };
    expect(checkOutputs(layout, { output0: predictions })).toEqual({ predictions, protos: null });
  });

  it('refuses a contradiction the symbolic dimensions hid', () => {
    const channelsFirst = { data: new Float32Array(7 * 1344), dims: [1, 7, 1344] };
    expect(() => checkOutputs(layout, { output0: channelsFirst })).toThrow(/\[1, 7, 1344\], which is not the end2end detect layout/);
  });
});

const realLayouts = (set: FixtureSet, cases: Array<[string, string, string]>) =>
  describeWithFixtures(
    `layouts of the real Ultralytics exports: ${set.name}`,
    () => {
      it.each(cases)('%s is %s', async (stem, kind, task) => {
        expect((await inspectModelFile(path.join(set.dir, 'models', `${stem}.onnx`))).layout).toMatchObject({ kind, task });
      });
    },
    set,
  );

realLayouts(FIXTURE_SETS[0]!, [
  ['shapes-detect', 'classic', 'detect'],
  ['shapes-detect-dynamic', 'classic', 'detect'],
  ['shapes-segment', 'classic', 'segment'],
  ['shapes-pose', 'classic', 'pose'],
  ['shapes-obb', 'classic', 'obb'],
  ['shapes-classify', 'classify', 'classify'],
]);
realLayouts(FIXTURE_SETS[1]!, [
  ['shapes-y26-detect', 'end2end', 'detect'],
  ['shapes-y26-detect-dynamic', 'end2end', 'detect'],
  ['shapes-y26-segment', 'end2end', 'segment'],
  ['shapes-y26-pose', 'end2end', 'pose'],
  ['shapes-y26-obb', 'end2end', 'obb'],
  ['shapes-y26-classify', 'classify', 'classify'],
  ['shapes-y11-detect', 'classic', 'detect'],
  ['shapes-y11-detect-nms', 'nms-embedded', 'detect'],
]);

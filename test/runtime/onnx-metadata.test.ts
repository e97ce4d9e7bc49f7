import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidModelError } from '../../runtime/errors.js';
import { readOnnxMetadata, readOnnxMetadataFromFile, readOnnxModelProto, readOnnxModelProtoFromFile } from '../../runtime/onnx-metadata.js';
import { buildOnnxModel, type SyntheticModelSpec } from '../support/onnx-builder.js';
import { describeWithFixtures, FIXTURE_SETS, fixturePath } from '../support/fixtures.js';

const spec: SyntheticModelSpec = {
  task: 'pose',
  names: ['person', "it's", 'say "hi"'],
  imgsz: [320, 480],
  kptShape: [17, 3],
  outputs: [{ name: 'output0', dims: [1, 1], data: [0] }],
};

describe('readOnnxMetadata', () => {
  it('decodes Ultralytics metadata_props', () => {
    const meta = readOnnxMetadata(buildOnnxModel(spec));
    expect(meta).toMatchObject({
      task: 'pose',
      names: ['person', "it's", 'say "hi"'],
      imgsz: [320, 480],
      stride: 32,
      batch: 1,
      dynamic: false,
      end2end: false,
      kptShape: [17, 3],
      channels: 3,
      version: '8.3.223',
      author: 'Ultralytics',
    });
    expect(meta.raw.args).toContain("'nms': False");
  });

  it('reads dynamic and nms from args; end2end only from its own key (Ultralytics 8.4)', () => {
    const meta = readOnnxMetadata(buildOnnxModel({ ...spec, task: 'detect', dynamic: true, nms: true, kptShape: undefined }));
    expect(meta).toMatchObject({ dynamic: true, nms: true, end2end: false, kptShape: null });
    const yolo26 = readOnnxMetadata(buildOnnxModel({ ...spec, task: 'detect', end2end: true, kptShape: undefined }));
    expect(yolo26).toMatchObject({ nms: false, end2end: true, version: '8.4.48' });
  });

  it('reads the same from a file as from memory', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'meta-')), 'model.onnx');
    const bytes = buildOnnxModel(spec);
    writeFileSync(file, bytes);
    expect(await readOnnxMetadataFromFile(file)).toEqual(readOnnxMetadata(bytes));
  });

  describe('throws InvalidModelError', () => {
    it.each([
      ['an empty file', new Uint8Array(0)],
      ['a text file renamed .onnx', new TextEncoder().encode('hello, this is not a model\n'.repeat(20))],
      ['a JPEG', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0])],
      ['a truncated model', buildOnnxModel(spec).subarray(0, 200)],
    ])('for %s', (_, bytes) => {
      expect(() => readOnnxMetadata(bytes)).toThrow(InvalidModelError);
    });

    it('for random bytes, without hanging', () => {
      for (let i = 0; i < 200; i++) expect(() => readOnnxMetadata(randomBytes(1 + (i % 97) * 13))).toThrow(InvalidModelError);
    });

    it('for an ONNX model without Ultralytics metadata', () => {
      const bare = buildOnnxModel({ ...spec, metadata: { task: null, names: null } });
      expect(() => readOnnxMetadata(bare)).toThrow(/no Ultralytics metadata/);
    });

    it.each([
      ['names', "{0: 'a', 5: 'b'}"],
      ['names', "{0: 'unterminated}"],
      ['task', 'track'],
      ['imgsz', '[640]'],
      ['kpt_shape', 'None'],
    ])('for garbled %s %j', (key, value) => {
      expect(() => readOnnxMetadata(buildOnnxModel({ ...spec, metadata: { [key]: value } }))).toThrow(InvalidModelError);
    });
  });
});

describe('reading the graph signature from the protobuf', () => {
  const zeros = (dims: number[]) => ({ dims, data: new Float32Array(dims.reduce((a, b) => a * b, 1)) });
  const segment: SyntheticModelSpec = {
    names: ['a'],
    imgsz: [256, 256],
    task: 'segment',
    dynamic: true,
    outputs: [
      { name: 'output0', ...zeros([1, 39, 1344]), declaredDims: ['batch', 39, 'anchors'] },
      { name: 'output1', ...zeros([1, 32, 64, 64]), declaredDims: ['batch', 32, 'mask_height', 'mask_width'] },
    ],
  };

  it('gives the declared inputs and outputs, symbolic dimensions by name', () => {
    const { graph } = readOnnxModelProto(buildOnnxModel(segment));
    expect(graph).toEqual({
      inputs: [{ name: 'images', elemType: 1, dims: ['batch', 3, 'height', 'width'] }],
      outputs: [
        { name: 'output0', elemType: 1, dims: ['batch', 39, 'anchors'] },
        { name: 'output1', elemType: 1, dims: ['batch', 32, 'mask_height', 'mask_width'] },
      ],
    });
  });

  it('reads the same from a file as from memory', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'graph-')), 'model.onnx');
    const bytes = buildOnnxModel(segment);
    writeFileSync(file, bytes);
    expect(await readOnnxModelProtoFromFile(file)).toEqual(readOnnxModelProto(bytes));
  });
});

describeWithFixtures('fixture model metadata', () => {
  it.each([
    ['shapes-detect', { task: 'detect', imgsz: [256, 256], dynamic: false, names: ['circle', 'square', 'triangle'] }],
    ['shapes-detect-640', { task: 'detect', imgsz: [640, 640], dynamic: false }],
    ['shapes-detect-dynamic', { task: 'detect', dynamic: true, stride: 32 }],
    ['shapes-segment', { task: 'segment', imgsz: [256, 256] }],
    ['shapes-pose', { task: 'pose', names: ['square'], kptShape: [4, 3] }],
    ['shapes-obb', { task: 'obb', names: ['bar', 'plate'] }],
    ['shapes-classify', { task: 'classify', imgsz: [128, 128], names: ['circle', 'square', 'triangle'] }],
  ])('%s', async (stem, expected) => {
    const meta = await readOnnxMetadataFromFile(fixturePath('models', `${stem}.onnx`));
    expect(meta).toMatchObject({ batch: 1, channels: 3, end2end: false, version: '8.3.223', ...expected });
  });

  it('reads the graph signature of a real export without its weights, as from memory', async () => {
    const file = fixturePath('models', 'shapes-segment.onnx');
    const fromFile = await readOnnxModelProtoFromFile(file);
    expect(fromFile.graph).toEqual({
      inputs: [{ name: 'images', elemType: 1, dims: [1, 3, 256, 256] }],
      outputs: [
        { name: 'output0', elemType: 1, dims: [1, 39, 1344] },
        { name: 'output1', elemType: 1, dims: [1, 32, 64, 64] },
      ],
    });
    expect(fromFile).toEqual(readOnnxModelProto(readFileSync(file)));
  });

  it('rejects the PyTorch weights', async () => {
    await expect(readOnnxMetadataFromFile(fixturePath('models', 'shapes-detect.pt'))).rejects.toThrow(InvalidModelError);
  });
});

describeWithFixtures(
  'fixture model metadata: Ultralytics 8.4',
  () => {
    it.each([
      ['shapes-y26-detect', { task: 'detect', end2end: true, nms: false, dynamic: false }],
      ['shapes-y26-detect-dynamic', { task: 'detect', end2end: true, dynamic: true }],
      ['shapes-y26-pose', { task: 'pose', end2end: true, kptShape: [4, 3] }],
      ['shapes-y11-detect', { task: 'detect', end2end: false, nms: false }],
      ['shapes-y11-detect-nms', { task: 'detect', end2end: false, nms: true }],
    ])('%s', async (stem, expected) => {
      const meta = await readOnnxMetadataFromFile(path.join(FIXTURE_SETS[1]!.dir, 'models', `${stem}.onnx`));
      expect(meta).toMatchObject({ batch: 1, channels: 3, version: '8.4.48', ...expected });
    });
  },
  FIXTURE_SETS[1],
);

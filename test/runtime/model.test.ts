import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InvalidImageError, InvalidModelError } from '../../runtime/errors.js';
import { InferenceSession } from '../../runtime/inference-session.js';
import { loadModel, type LoadedModel, type Prediction } from '../../runtime/model.js';
import type { DetectResult } from '../../runtime/postprocess/results.js';
import { SessionCache } from '../../runtime/session-cache.js';
import { buildOnnxModel, buildSlowModel, channelMajor, rowMajor, type SyntheticModelSpec } from '../support/onnx-builder.js';

const dir = mkdtempSync(path.join(tmpdir(), 'runtime-models-'));
function writeModel(name: string, spec: SyntheticModelSpec | Uint8Array): string {
  const file = path.join(dir, `${name}.onnx`);
  writeFileSync(file, spec instanceof Uint8Array ? spec : buildOnnxModel(spec));
  return file;
}

const grey = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#777' } })
    .png()
    .toBuffer();
const f32 = Math.fround;
const firstBox = (p: Prediction) => (p.results[0] as DetectResult).box;

// Anchors [cx, cy, w, h, score(class 0), score(class 1)] of a fake detection head.
const DETECT_HEAD = channelMajor([
  [100, 100, 50, 40, 0.9, 0.1],
  [102, 101, 50, 40, 0.8, 0.1],
  [100, 100, 50, 40, 0.1, 0.7],
  [10, 10, 5, 5, 0.2, 0.1],
]);
const detectSpec: SyntheticModelSpec = {
  task: 'detect',
  names: ['cat', 'dog'],
  imgsz: [256, 256],
  outputs: [{ name: 'output0', ...DETECT_HEAD }],
};

describe('loadModel + predict on synthetic models', () => {
  const models: LoadedModel[] = [];
  const load = async (name: string, spec: SyntheticModelSpec) => {
    const model = await loadModel(writeModel(name, spec));
    models.push(model);
    return model;
  };
  afterAll(async () => {
    await Promise.all(models.map((m) => m.dispose()));
  });

  it('detect: letterbox, NMS and scale_boxes into Ultralytics summary JSON', async () => {
    const model = await load('detect', detectSpec);
    expect(model.metadata.task).toBe('detect');
    const prediction = await model.predict(await grey(320, 256), { conf: 0.25, iou: 0.45 });
    // 320x256 into 256x256: gain 0.8, boxes' pad_y round(25.4999...) = 25
    expect(prediction.results).toEqual([
      { name: 'cat', class: 0, confidence: 0.9, box: { x1: 93.75, y1: 68.75, x2: 156.25, y2: 118.75 } },
      { name: 'dog', class: 1, confidence: 0.7, box: { x1: 93.75, y1: 68.75, x2: 156.25, y2: 118.75 } },
    ]);
    expect(Object.keys(prediction.results[0]!)).toEqual(['name', 'class', 'confidence', 'box']);
    expect(prediction.shape).toEqual([256, 320]);
    for (const ms of Object.values(prediction.speed)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(prediction.speed.preprocess).toBeGreaterThan(0);
  });

  it('dynamic: letterboxes to the minimal rectangle for the requested imgsz', async () => {
    const model = await load('dynamic', { ...detectSpec, dynamic: true });
    // 320x256 at imgsz 320 -> a 320x256 input: boxes come back unscaled
    const at320 = await model.predict(await grey(320, 256), { imgsz: 320, conf: 0.5, iou: 0.45 });
    expect(firstBox(at320)).toEqual({ x1: 75, y1: 80, x2: 125, y2: 120 });
    // imgsz 600 is rounded up to 608 -> 608x480 input, gain 1.9
    const at600 = await model.predict(await grey(320, 256), { imgsz: 600, conf: 0.5, iou: 0.45 });
    expect(firstBox(at600).x1).toBeCloseTo(75 / 1.9, 4);
  });

  it('fixed models ignore the requested imgsz', async () => {
    const model = await load('fixed', detectSpec);
    const a = await model.predict(await grey(320, 256), { imgsz: 1280, conf: 0.5, iou: 0.45 });
    expect(firstBox(a).x1).toBe(93.75);
  });

  it('end-to-end (nms=True) exports: rows are thresholded, not suppressed again', async () => {
    const rows = [
      [10, 20, 60, 80, 0.9, 1],
      [12, 22, 62, 82, 0.8, 1],
      [0, 0, 5, 5, 0.1, 0],
    ];
    const model = await load('e2e', { ...detectSpec, nms: true, outputs: [{ name: 'output0', dims: [1, 3, 6], data: rows.flat() }] });
    const { results } = await model.predict(await grey(256, 256), { conf: 0.25, iou: 0.45 });
    expect(results.map((r) => r.confidence)).toEqual([0.9, 0.8]);
  });

  it('classes, max_det and agnostic NMS follow Ultralytics on a classic head', async () => {
    const model = await load('detect-options', detectSpec);
    const image = await grey(256, 256);
    const classesOf = async (options: object) =>
      (await model.predict(image, { conf: 0.25, iou: 0.45, ...options })).results.map((r) => r.class);
    expect(await classesOf({})).toEqual([0, 1]);
    expect(await classesOf({ classes: [1] })).toEqual([1]);
    expect(await classesOf({ maxDet: 1 })).toEqual([0]);
    expect(await classesOf({ agnostic: true })).toEqual([0]); // the dog box is the cat box: one NMS across classes
  });

  it('fixed batch > 1 exports take the image in slot 0', async () => {
    const twice = { dims: [2, 6, 4], data: [...DETECT_HEAD.data, ...new Float32Array(24)] };
    const model = await load('batch2', { ...detectSpec, batch: 2, outputs: [{ name: 'output0', ...twice }] });
    const { results } = await model.predict(await grey(256, 256), { conf: 0.25, iou: 0.45 });
    expect(results).toHaveLength(2);
  });

  it('classify: top-1 summary plus top5', async () => {
    const model = await load('classify', {
      task: 'classify',
      names: ['a', 'b', 'c'],
      imgsz: [32, 32],
      outputs: [{ name: 'output0', dims: [1, 3], data: [0.1, 0.7, 0.2] }],
    });
    const prediction = await model.predict(await grey(50, 40), { conf: 0.25, iou: 0.45 });
    expect(prediction.results).toEqual([{ name: 'b', class: 1, confidence: 0.7 }]);
    expect(prediction.top5?.map((r) => r.class)).toEqual([1, 2, 0]);
  });

  it('segment: mask from prototypes, contour scaled back to the image', async () => {
    // One anchor (box 96..160 in a 256 input) whose first mask coefficient selects an all-ones prototype.
    const anchor = [128, 128, 64, 64, 0.9, 1, ...new Array(31).fill(0)];
    const protos = new Float32Array(32 * 64 * 64).fill(1, 0, 64 * 64);
    const model = await load('segment', {
      task: 'segment',
      names: ['blob'],
      imgsz: [256, 256],
      outputs: [
        { name: 'output0', ...channelMajor([anchor]) },
        { name: 'output1', dims: [1, 32, 64, 64], data: protos },
      ],
    });
    const { results } = await model.predict(await grey(256, 256), { conf: 0.25, iou: 0.45 });
    // Prototype cells 24..39 reach pixels 94..161 (src = d / 4 - 0.375); the contour keeps the four corners.
    expect(results).toEqual([
      {
        name: 'blob',
        class: 0,
        confidence: 0.9,
        box: { x1: 96, y1: 96, x2: 160, y2: 160 },
        segments: { x: [94, 94, 161, 161], y: [94, 161, 161, 94] },
      },
    ]);
  });

  it('pose: keypoints scaled and clipped, visibility kept as is', async () => {
    const anchor = [128, 128, 64, 64, 0.9, 100, 110, 0.95, 150, 300, 0.3];
    const model = await load('pose', {
      task: 'pose',
      names: ['thing'],
      imgsz: [256, 256],
      kptShape: [2, 3],
      outputs: [{ name: 'output0', ...channelMajor([anchor]) }],
    });
    const { results } = await model.predict(await grey(256, 256), { conf: 0.25, iou: 0.45 });
    expect(results[0]).toMatchObject({ keypoints: { x: [100, 150], y: [110, 256], visible: [f32(0.95), f32(0.3)] } });
    expect(Object.keys(results[0]!)).toEqual(['name', 'class', 'confidence', 'box', 'keypoints']);
  });

  it('obb: regularized angle, four corners, no clipping', async () => {
    const anchor = [100, 60, 80, 20, 0.9, 2.0]; // angle 2.0 rad: w and h swap, angle becomes 2 - pi/2
    const model = await load('obb', {
      task: 'obb',
      names: ['bar'],
      imgsz: [256, 256],
      outputs: [{ name: 'output0', ...channelMajor([anchor]) }],
    });
    const prediction = await model.predict(await grey(256, 256), { conf: 0.25, iou: 0.45 });
    const t = 2 - Math.PI / 2;
    const [cx, cy, w, h] = [100, 60, 20, 80];
    const v1 = [(w / 2) * Math.cos(t), (w / 2) * Math.sin(t)];
    const v2 = [(-h / 2) * Math.sin(t), (h / 2) * Math.cos(t)];
    const box = firstBox(prediction) as unknown as Record<string, number>;
    expect(Object.keys(box)).toEqual(['x1', 'y1', 'x2', 'y2', 'x3', 'y3', 'x4', 'y4']);
    expect(box.x1).toBeCloseTo(cx + v1[0]! + v2[0]!, 3);
    expect(box.y1).toBeCloseTo(cy + v1[1]! + v2[1]!, 3);
    expect(box.x3).toBeCloseTo(cx - v1[0]! - v2[0]!, 3);
    expect(box.y3).toBeCloseTo(cy - v1[1]! - v2[1]!, 3);
    expect(box.y3).toBeLessThan(256);
  });

  describe('YOLO26 end-to-end rows (metadata end2end: True, Ultralytics 8.4)', () => {
    // One object: box 96..160 in the 256 input, score 0.9, class 0.
    const row = [96, 96, 160, 160, 0.9, 0];
    const below = [0, 0, 10, 10, 0.2, 0]; // under conf: dropped, never suppressed or decoded

    it('detect: rows are thresholded in order, boxes scaled like 8.4 scale_boxes', async () => {
      const model = await load('y26-detect', { ...detectSpec, end2end: true, outputs: [{ name: 'output0', ...rowMajor([row, below]) }] });
      expect(model.layout.kind).toBe('end2end');
      const { results } = await model.predict(await grey(1000, 799), { conf: 0.25, iou: 0.45 });
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ name: 'cat', class: 0, confidence: 0.9 });
      // gain 0.256, resized height round(204.544) = 205: pad_y round(51 / 2 - 0.1) = 25 (8.3's unrounded 51.456 gave 26)
      const box = firstBox({ results } as Prediction);
      expect(box.x1).toBeCloseTo(96 / 0.256, 3);
      expect(box.y1).toBeCloseTo((96 - 25) / 0.256, 3);
      expect(box.y2).toBeCloseTo((160 - 25) / 0.256, 3);
    });

    it('detect, dynamic: symbolic output dims, real rows checked at inference', async () => {
      const model = await load('y26-dynamic', {
        ...detectSpec,
        end2end: true,
        dynamic: true,
        outputs: [
          { name: 'output0', ...rowMajor([[75, 80, 125, 120, 0.9, 1]]), declaredDims: ['batch', 'Concatoutput0_dim_1', 'anchors'] },
        ],
      });
      const prediction = await model.predict(await grey(320, 256), { imgsz: 320, conf: 0.25, iou: 0.45 });
      expect(firstBox(prediction)).toEqual({ x1: 75, y1: 80, x2: 125, y2: 120 });
    });

    it('refuses at inference a dynamic export whose real output contradicts its metadata', async () => {
      const model = await load('y26-dynamic-lie', {
        ...detectSpec,
        end2end: true,
        dynamic: true,
        outputs: [{ name: 'output0', ...DETECT_HEAD, declaredDims: ['batch', 'channels', 'anchors'] }],
      });
      await expect(model.predict(await grey(64, 64), { conf: 0.25, iou: 0.45 })).rejects.toThrow(InvalidModelError);
    });

    it('segment: mask coefficients after the 6 columns, prototypes as the second output', async () => {
      const protos = new Float32Array(32 * 64 * 64).fill(1, 0, 64 * 64);
      const model = await load('y26-segment', {
        task: 'segment',
        names: ['blob'],
        imgsz: [256, 256],
        end2end: true,
        outputs: [
          {
            name: 'output0',
            ...rowMajor([
              [...row, 1, ...new Array(31).fill(0)],
              [...below, ...new Array(32).fill(0)],
            ]),
          },
          { name: 'output1', dims: [1, 32, 64, 64], data: protos },
        ],
      });
      const { results } = await model.predict(await grey(256, 256), { conf: 0.25, iou: 0.45 });
      expect(results).toEqual([
        {
          name: 'blob',
          class: 0,
          confidence: 0.9,
          box: { x1: 96, y1: 96, x2: 160, y2: 160 },
          segments: { x: [94, 94, 161, 161], y: [94, 161, 161, 94] },
        },
      ]);
    });

    it('segment: a box past the image edge keeps its mask (8.4 crop_mask clamps at 0)', async () => {
      const protos = new Float32Array(32 * 64 * 64).fill(1, 0, 64 * 64);
      const edge = [-8, 96, 40, 160, 0.9, 0, 1, ...new Array(31).fill(0)]; // x1 -8 -> -2 at prototype scale
      const spec = (version: string): SyntheticModelSpec => ({
        task: 'segment',
        names: ['blob'],
        imgsz: [256, 256],
        end2end: true,
        version,
        outputs: [
          { name: 'output0', ...rowMajor([edge]) },
          { name: 'output1', dims: [1, 32, 64, 64], data: protos },
        ],
      });
      const image = await grey(256, 256);
      const { results } = await (await load('y26-segment-edge', spec('8.4.48'))).predict(image, { conf: 0.25, iou: 0.45 });
      expect((results[0] as { segments: { x: number[] } }).segments.x).toEqual([0, 0, 41, 41]);
      // 8.3 sliced masks[:, :-2] = 0 with the raw box: everything but the last two columns, then [:, 10:] = 0.
      const old = await (await load('y26-segment-edge-83', spec('8.3.223'))).predict(image, { conf: 0.25, iou: 0.45 });
      expect(old.results).toEqual([]);
    });

    it('pose: keypoints after the 6 columns, scaled like scale_coords', async () => {
      const model = await load('y26-pose', {
        task: 'pose',
        names: ['thing'],
        imgsz: [256, 256],
        kptShape: [2, 3],
        end2end: true,
        outputs: [{ name: 'output0', ...rowMajor([[...row, 100, 110, 0.95, 150, 300, 0.3]]) }],
      });
      const { results } = await model.predict(await grey(256, 256), { conf: 0.25, iou: 0.45 });
      expect(results).toEqual([
        {
          name: 'thing',
          class: 0,
          confidence: 0.9,
          box: { x1: 96, y1: 96, x2: 160, y2: 160 },
          keypoints: { x: [100, 150], y: [110, 256], visible: [f32(0.95), f32(0.3)] },
        },
      ]);
    });

    it('obb: x, y, w, h, score, class, angle rows; 8.4 keeps the raw angle (no regularize_rboxes)', async () => {
      const obbRow = [100, 60, 80, 20, 0.9, 0, 2.0];
      const obbSpec = (extra: Partial<SyntheticModelSpec>): SyntheticModelSpec => ({
        task: 'obb',
        names: ['bar'],
        imgsz: [256, 256],
        outputs: [{ name: 'output0', ...rowMajor([obbRow]) }],
        ...extra,
      });
      const image = await grey(256, 256);
      const corners = (p: Prediction) => Object.values(firstBox(p));
      const expected = (cx: number, cy: number, w: number, h: number, t: number) => {
        const v1 = [(w / 2) * Math.cos(t), (w / 2) * Math.sin(t)];
        const v2 = [(-h / 2) * Math.sin(t), (h / 2) * Math.cos(t)];
        return [
          [cx + v1[0]! + v2[0]!, cy + v1[1]! + v2[1]!],
          [cx + v1[0]! - v2[0]!, cy + v1[1]! - v2[1]!],
          [cx - v1[0]! - v2[0]!, cy - v1[1]! - v2[1]!],
          [cx - v1[0]! + v2[0]!, cy - v1[1]! + v2[1]!],
        ].flat();
      };
      const yolo26 = await load('y26-obb', obbSpec({ end2end: true }));
      corners(await yolo26.predict(image, { conf: 0.25, iou: 0.45 })).forEach((v, i) =>
        expect(v).toBeCloseTo(expected(100, 60, 80, 20, 2)[i]!, 3),
      );
      // The same rows from an 8.3 nms=True export: regularized (w and h swapped, angle - pi/2), same rectangle.
      const older = await load('v8-obb-nms', obbSpec({ nms: true }));
      expect(older.layout.kind).toBe('nms-embedded');
      const regularized = expected(100, 60, 20, 80, 2 - Math.PI / 2);
      corners(await older.predict(image, { conf: 0.25, iou: 0.45 })).forEach((v, i) => expect(v).toBeCloseTo(regularized[i]!, 3));
    });
  });

  it('rejects images it cannot decode with InvalidImageError', async () => {
    const model = await load('detect-bad-input', detectSpec);
    await expect(model.predict(Buffer.from('not an image'), { conf: 0.25, iou: 0.45 })).rejects.toThrow(InvalidImageError);
  });
});

describe('loadModel errors', () => {
  it('throws InvalidModelError for a text file named .onnx', async () => {
    const file = path.join(dir, 'text.onnx');
    writeFileSync(file, 'definitely not a model\n');
    await expect(loadModel(file)).rejects.toThrow(InvalidModelError);
  });

  it('throws InvalidModelError for a layout it does not know, before creating a session', async () => {
    const classicUnderEnd2end = { ...detectSpec, end2end: true };
    await expect(loadModel(writeModel('e2e-lie', classicUnderEnd2end))).rejects.toThrow(/end2end: True means one row per object/);
  });

  it('throws InvalidModelError when onnxruntime cannot load the graph', async () => {
    const bytes = buildOnnxModel(detectSpec);
    // Keep the metadata but break the graph: rename the Constant op to an unknown one.
    const text = Buffer.from(bytes);
    const at = text.indexOf('Constant');
    text.write('Konstant', at);
    await expect(loadModel(writeModel('broken', text))).rejects.toThrow(InvalidModelError);
  });
});

describe('InferenceSession', () => {
  it('runs off the main thread: the event loop keeps turning during inference', async () => {
    const session = await InferenceSession.create(writeModel('slow', buildSlowModel(384)));
    try {
      const input = () => ({ images: { data: new Float32Array(3 * 384 * 384).fill(1), dims: [1, 3, 384, 384] } });
      await session.run(input()); // warm up
      let turns = 0;
      let running = true;
      const turn = () => {
        if (!running) return;
        turns++;
        setImmediate(turn);
      };
      setImmediate(turn);
      await Promise.all([session.run(input()), session.run(input())]);
      running = false;
      // The property, not a timing: a loop blocked by the runs could turn only around their awaits (a handful of
      // times), a free one turns continuously while they compute, however loaded the machine is.
      expect(turns).toBeGreaterThan(25);
    } finally {
      await session.release();
    }
  });
});

describe('SessionCache', () => {
  const fakeModel = (file: string) => ({ path: file, dispose: vi.fn(async () => {}) }) as unknown as LoadedModel;

  it('shares one load between concurrent first requests', async () => {
    const loader = vi.fn(async (file: string) => fakeModel(file));
    const cache = new SessionCache({ maxModels: 2, loader });
    const [a, b] = await Promise.all([cache.get('a.onnx'), cache.get('a.onnx')]);
    expect(a).toBe(b);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('evicts and disposes the least recently used model', async () => {
    const loaded = new Map<string, LoadedModel>();
    const cache = new SessionCache({
      maxModels: 2,
      loader: async (file) => {
        const model = fakeModel(file);
        loaded.set(file, model);
        return model;
      },
    });
    await cache.get('a');
    await cache.get('b');
    await cache.get('a'); // a is now the most recent
    await cache.get('c');
    await vi.waitFor(() => expect(loaded.get('b')!.dispose).toHaveBeenCalled());
    expect(loaded.get('a')!.dispose).not.toHaveBeenCalled();
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.size]).toEqual([true, false, true, 2]);
  });

  it('forgets failed loads so the next request retries', async () => {
    const loader = vi
      .fn()
      .mockRejectedValueOnce(new InvalidModelError('bad'))
      .mockImplementation(async (file: string) => fakeModel(file));
    const cache = new SessionCache({ maxModels: 1, loader });
    await expect(cache.get('m')).rejects.toThrow('bad');
    await expect(cache.get('m')).resolves.toMatchObject({ path: 'm' });
    expect(loader).toHaveBeenCalledTimes(2);
  });

  describe('with real sessions', () => {
    let files: string[];
    beforeAll(() => {
      files = ['one', 'two'].map((name) => writeModel(`cache-${name}`, detectSpec));
    });

    it('lets an evicted model finish its prediction, then releases it', async () => {
      const cache = new SessionCache({ maxModels: 1 });
      const image = await grey(64, 64);
      const first = await cache.get(files[0]!);
      const pending = first.predict(image, { conf: 0.25, iou: 0.45 });
      await cache.get(files[1]!); // evicts the first model while it is busy
      await expect(pending).resolves.toMatchObject({ shape: [64, 64] });
      await vi.waitFor(() => expect(first.predict(image, { conf: 0.25, iou: 0.45 })).rejects.toThrow(/disposed/));
      await cache.clear();
      expect(cache.size).toBe(0);
    });
  });
});

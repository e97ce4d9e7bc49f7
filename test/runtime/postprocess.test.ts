import { describe, expect, it } from 'vitest';
import { processMasks } from '../../runtime/postprocess/masks.js';
import { conventionsFor, ULTRALYTICS_8_3, ULTRALYTICS_8_4 } from '../../runtime/postprocess/conventions.js';
import { rowDetections } from '../../runtime/postprocess/end2end.js';
import { nonMaxSuppression, type Detection } from '../../runtime/postprocess/nms.js';
import { probiou, rboxCorners, regularizeRbox } from '../../runtime/postprocess/obb.js';
import { InputMapping } from '../../runtime/postprocess/scale.js';
import { roundFloat32, roundHalfEven, roundPython } from '../../runtime/rounding.js';
import { channelMajor } from '../support/onnx-builder.js';

/** A [1, 4 + nc + extra, anchors] output from per-anchor rows [cx, cy, w, h, scores..., extra...]. */
const head = (anchors: number[][]) => channelMajor(anchors);

describe('rounding', () => {
  it('rounds half to even like Python, numpy and torch', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, -2, 2]);
    expect(Object.is(roundHalfEven(-0.1), 0)).toBe(true);
  });

  it("rounds to decimals like Python's round() on the exact binary value", () => {
    expect(roundPython(0.015625, 5)).toBe(0.01562); // an exact tie: half to even
    expect(roundPython(0.015635, 5)).toBe(0.01563); // not a tie in binary
    expect(roundPython(192.12372253417968, 5)).toBe(192.12372);
    expect(roundPython(-2.000005000000001, 5)).toBe(-2.00001);
  });

  it('rounds float32 data like numpy ndarray.round(5)', () => {
    const y = Math.fround(Math.fround(161 - Math.fround(25.6)) / Math.fround(0.8));
    expect(roundFloat32(y, 5)).toBe(169.24998474121094); // as in Ultralytics' segment JSON
  });
});

describe('nonMaxSuppression', () => {
  const options = { conf: 0.25, iou: 0.45, nc: 2, rotated: false };

  it('keeps the best class per anchor, strict conf, greedy IoU > threshold, class-aware', () => {
    const { data, dims } = head([
      [100, 100, 50, 40, 0.9, 0.1], // kept
      [102, 101, 50, 40, 0.8, 0.1], // same class, IoU ~0.89: suppressed
      [100, 100, 50, 40, 0.1, 0.7], // other class: kept despite full overlap
      [300, 300, 10, 10, 0.25, 0.25], // conf == threshold: dropped (strict >)
      [200, 200, 20, 20, 0.3, 0.3], // tie: the first class wins
    ]);
    const kept = nonMaxSuppression(data, dims, options);
    expect(kept.map((d) => [d.cls, Math.fround(d.conf)])).toEqual([
      [0, Math.fround(0.9)],
      [1, Math.fround(0.7)],
      [0, Math.fround(0.3)],
    ]);
    expect(kept[0]!.box).toEqual([75, 80, 125, 120]);
  });

  it('keeps a box whose IoU equals the threshold exactly (suppression needs IoU > iou)', () => {
    // Two 10x10 boxes overlapping by half: IoU = 50 / 150 = 1/3.
    const { data, dims } = head([
      [5, 5, 10, 10, 0.9, 0],
      [10, 5, 10, 10, 0.8, 0],
    ]);
    expect(nonMaxSuppression(data, dims, { ...options, iou: Math.fround(1 / 3) })).toHaveLength(2);
    expect(nonMaxSuppression(data, dims, { ...options, iou: 0.3 })).toHaveLength(1);
  });

  it('limits the output to max_det, highest scores first', () => {
    const anchors = Array.from({ length: 10 }, (_, i) => [i * 100, 0, 10, 10, 0.5 + i / 100, 0]);
    const kept = nonMaxSuppression(head(anchors).data, head(anchors).dims, { ...options, maxDet: 3 });
    expect(kept.map((d) => d.box[0])).toEqual([895, 795, 695]);
  });

  it('carries extra rows (mask coefficients, keypoints, angle) through', () => {
    const { data, dims } = head([[10, 10, 4, 4, 0.9, 0.1, 7, 8]]);
    expect(Array.from(nonMaxSuppression(data, dims, options)[0]!.extra)).toEqual([7, 8]);
  });

  it('uses fast NMS with probiou on rotated boxes: a suppressed box still suppresses', () => {
    // A, B, C in a row: B overlaps A and C, A and C do not overlap.
    const { data, dims } = head([
      [50, 50, 20, 10, 0.9, 0, 0],
      [58, 50, 20, 10, 0.8, 0, 0],
      [66, 50, 20, 10, 0.7, 0, 0],
    ]);
    const rotatedOptions = { conf: 0.25, iou: 0.3, nc: 2, rotated: true };
    expect(probiou([50, 50, 20, 10, 0], [66, 50, 20, 10, 0])).toBeLessThan(0.3);
    expect(nonMaxSuppression(data, dims, rotatedOptions).map((d) => d.box[0])).toEqual([50]);
  });
});

describe('rowDetections (end-to-end and nms=True rows)', () => {
  const rows = [
    [1, 2, 3, 4, 0.2, 0],
    [5, 6, 7, 8, 0.9, 1],
    [9, 9, 9, 9, 0.5, 2],
    [0, 0, 0, 0, 0, 0], // nms=True exports zero-pad to max_det
  ];
  const data = Float32Array.from(rows.flat());

  it('keeps rows above conf in their order, up to max_det', () => {
    const kept = rowDetections(data, [1, 4, 6], { conf: 0.25 });
    expect(kept.map((d) => d.cls)).toEqual([1, 2]);
    expect(rowDetections(data, [1, 4, 6], { conf: 0.25, maxDet: 1 })).toHaveLength(1);
  });

  it('filters classes after max_det, as non_max_suppression(end2end=True) does', () => {
    expect(rowDetections(data, [1, 4, 6], { conf: 0.1, classes: [2] }).map((d) => d.cls)).toEqual([2]);
    // max_det 2 keeps the rows of classes 0 and 1 first: nothing of class 2 is left to keep.
    expect(rowDetections(data, [1, 4, 6], { conf: 0.1, maxDet: 2, classes: [2] })).toEqual([]);
  });

  it('carries the extras after the class column', () => {
    const pose = Float32Array.from([10, 20, 30, 40, 0.8, 0, 11, 21, 0.9, 31, 41, 0.1]);
    expect(Array.from(rowDetections(pose, [1, 1, 12], { conf: 0.25 })[0]!.extra)).toEqual(Array.from(pose.slice(6)));
  });
});

describe('rotated boxes', () => {
  // Reference values from ultralytics.utils.metrics.batch_probiou (float64).
  it.each([
    [[50, 50, 20, 10, 0.3], [50, 50, 20, 10, 0.3], 0.9995527864101446],
    [[50, 50, 20, 10, 0.3], [53, 51, 18, 12, 0.5], 0.7607441036118586],
    [[50, 50, 40, 10, 0], [50, 50, 40, 10, Math.PI / 2], 0.27239305259552826],
    [[0, 0, 10, 10, 0], [100, 100, 10, 10, 0], -4.999999880794803e-8],
  ] as const)('probiou(%j, %j) = %d', (a, b, expected) => {
    expect(probiou(a, b)).toBeCloseTo(expected, 12);
  });

  it('regularizes angles into [0, pi/2) by swapping width and height', () => {
    const [, , w, h, t] = regularizeRbox([0, 0, 20, 10, 2]);
    expect([w, h]).toEqual([10, 20]);
    expect(t).toBeCloseTo(2 - Math.PI / 2, 6);
    expect(regularizeRbox([0, 0, 20, 10, -0.5])[4]).toBeCloseTo(Math.PI / 2 - 0.5, 6);
    expect(regularizeRbox([0, 0, 20, 10, 0.5]).slice(2)).toEqual([20, 10, 0.5]);
  });

  it('orders corners c+v1+v2, c+v1-v2, c-v1-v2, c-v1+v2', () => {
    expect(rboxCorners([10, 20, 4, 2, 0])).toEqual([
      [12, 21],
      [12, 19],
      [8, 19],
      [8, 21],
    ]);
  });
});

describe('InputMapping', () => {
  // A 320x256 image in a 256x256 input: gain 0.8, 204.8 px tall content.
  const mapping = new InputMapping(256, 256, 256, 320);

  it('scales boxes with the rounded pad and clips them to the image', () => {
    // pad_y = round((256 - 204.8) / 2 - 0.1) = 25 (the double is 25.4999...)
    expect(mapping.box([0, 25, 256, 129])).toEqual([0, 0, 320, 130]);
    expect(mapping.box([-10, 0, 300, 300])).toEqual([0, 0, 320, 256]);
  });

  it('scales points with the unrounded pad', () => {
    expect(mapping.point(0, 161)[1]).toBe(Math.fround(Math.fround(161 - Math.fround(25.6)) / Math.fround(0.8)));
  });

  it('does not clip rotated boxes', () => {
    expect(mapping.rbox([-8, 0, 8, 8])).toEqual([-10, Math.fround(Math.fround(-25) / Math.fround(0.8)), 10, 10]);
  });

  it('takes 8.4 pads from the resized size LetterBox used: round(h0 * gain)', () => {
    // A 1000x799 image: gain 0.256, content 204.544 px tall, resized to round(204.544) = 205 rows.
    const v83 = new InputMapping(256, 256, 799, 1000);
    const v84 = new InputMapping(256, 256, 799, 1000, true);
    const gain = Math.fround(0.256);
    expect(v83.box([0, 100, 10, 110])[1]).toBe(Math.fround((100 - 26) / gain)); // round(51.456 / 2 - 0.1) = 26
    expect(v84.box([0, 100, 10, 110])[1]).toBe(Math.fround((100 - 25) / gain)); // round(51 / 2 - 0.1) = 25
    expect(v83.point(0, 100)[1]).toBe(Math.fround(Math.fround(100 - Math.fround(25.728)) / gain));
    expect(v84.point(0, 100)[1]).toBe(Math.fround(Math.fround(100 - 25.5) / gain));
  });
});

describe('conventionsFor', () => {
  it.each([
    ['8.3.223', ULTRALYTICS_8_3],
    ['8.2.103', ULTRALYTICS_8_3],
    ['8.4.48', ULTRALYTICS_8_4],
    ['8.10.1', ULTRALYTICS_8_4],
    ['9.0.0', ULTRALYTICS_8_4],
    [undefined, ULTRALYTICS_8_4],
  ])('post-processes a model exported by %s like its release', (version, expected) => {
    expect(conventionsFor(version)).toBe(expected);
  });
});

describe('processMasks', () => {
  // 4x4 prototypes for an 8x8 input; prototype 0 is all ones, so a coefficient of 1 gives a positive logit everywhere.
  const protos = new Float32Array(2 * 16);
  protos.fill(1, 0, 16);
  const detection = (box: [number, number, number, number], coeff = 1): Detection => ({
    box,
    conf: 0.9,
    cls: 0,
    extra: Float32Array.from([coeff, 0]),
  });
  const dense = (m: ReturnType<typeof processMasks>[number] | undefined, size = 8): number[] => {
    const out = new Array<number>(size * size).fill(0);
    if (m) for (let y = 0; y < m.height; y++) for (let x = 0; x < m.width; x++) out[(y + m.y) * size + x + m.x] = m.data[y * m.width + x]!;
    return out;
  };

  it('crops at prototype scale, then upsamples bilinearly and thresholds logits at 0', () => {
    // Box (2, 2)-(6, 6) in input pixels = prototype cells 1..2 in both axes.
    const [mask] = processMasks(protos, [1, 2, 4, 4], [detection([2, 2, 6, 6])], 8, 8);
    const rows = Array.from({ length: 8 }, (_, y) =>
      dense(mask)
        .slice(y * 8, y * 8 + 8)
        .join(''),
    );
    expect(rows).toEqual(['00000000', '01111110', '01111110', '01111110', '01111110', '01111110', '01111110', '00000000']);
  });

  it('wraps a negative rounded box edge like a Python slice (x1 = -1 keeps only the last column)', () => {
    // x1 = -3 * 0.5 = -1.5 -> round -> -2: masks[:, :-2] = 0 keeps columns 2..3 of the 4.
    const [mask] = processMasks(protos, [1, 2, 4, 4], [detection([-3, 0, 8, 8])], 8, 8);
    expect(dense(mask).slice(0, 8).join('')).toBe('00011111');
  });

  it('clamps a negative box edge at 0 first in 8.4 (crop_mask boxes.clamp(min=0))', () => {
    const [mask] = processMasks(protos, [1, 2, 4, 4], [detection([-3, 0, 8, 8])], 8, 8, true);
    expect(dense(mask).slice(0, 8).join('')).toBe('11111111');
  });

  it('returns null for an empty mask (the detection is dropped)', () => {
    expect(processMasks(protos, [1, 2, 4, 4], [detection([2, 2, 6, 6], -1)], 8, 8)).toEqual([null]);
  });
});

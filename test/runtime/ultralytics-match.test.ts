import { describe, expect, it } from 'vitest';
import { compareResults, convexPolygonIou, rasterIou, type SummaryResult } from '../support/ultralytics-match.js';

const det = (
  cls: number,
  confidence: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  extra: Partial<SummaryResult> = {},
): SummaryResult => ({
  name: `c${cls}`,
  class: cls,
  confidence,
  box: { x1, y1, x2, y2 },
  ...extra,
});
const context = { conf: 0.25, shape: [256, 320] as [number, number] };

describe('compareResults (fixtures README matching rules)', () => {
  it('agrees within tolerances, whatever the answer order', () => {
    const reference = [det(0, 0.9, 10, 10, 50, 50), det(1, 0.8, 100, 100, 150, 150)];
    const answer = [det(1, 0.805, 101, 99, 151, 150), det(0, 0.895, 11.4, 10, 50, 48.6)];
    expect(compareResults(reference, answer, context)).toEqual([]);
  });

  it('reports confidence and corner drift beyond max(1.5 px, 0.4% of the longer side)', () => {
    const problems = compareResults([det(0, 0.9, 10, 10, 50, 50)], [det(0, 0.88, 12, 10, 50, 50)], context);
    expect(problems).toHaveLength(2);
    expect(compareResults([det(0, 0.9, 10, 10, 50, 50)], [det(0, 0.9, 13, 10, 50, 50)], { ...context, shape: [1080, 810] })).toEqual([]);
  });

  it('matches within a class only', () => {
    expect(compareResults([det(0, 0.9, 10, 10, 50, 50)], [det(1, 0.9, 10, 10, 50, 50)], context)).toEqual([
      expect.stringMatching(/^missing/),
      expect.stringMatching(/^extra/),
    ]);
  });

  it('tolerates missing or extra objects only within 0.02 above the threshold', () => {
    expect(compareResults([det(0, 0.265, 10, 10, 50, 50)], [], context)).toEqual([]);
    expect(compareResults([], [det(0, 0.27, 10, 10, 50, 50)], context)).toEqual([]);
    expect(compareResults([det(0, 0.3, 10, 10, 50, 50)], [], context)).toHaveLength(1);
    expect(compareResults([], [det(0, 0.3, 10, 10, 50, 50)], context)).toHaveLength(1);
  });

  it('checks only visible keypoints, and visibility within 0.02', () => {
    const kp = (x: number[], visible: number[]) => ({ keypoints: { x, y: [5, 5], visible } });
    const reference = [det(0, 0.9, 0, 0, 50, 50, kp([10, 20], [0.9, 0.2]))];
    expect(compareResults(reference, [det(0, 0.9, 0, 0, 50, 50, kp([10.5, 40], [0.91, 0.21]))], context)).toEqual([]);
    expect(compareResults(reference, [det(0, 0.9, 0, 0, 50, 50, kp([14, 20], [0.95, 0.2]))], context)).toHaveLength(2);
  });

  it('compares rotated boxes by polygon IoU and segments by rasterised IoU', () => {
    const obb = (x: number) => ({ box: { x1: x, y1: 0, x2: x + 20, y2: 0, x3: x + 20, y3: 10, x4: x, y4: 10 } });
    const reference = [{ name: 'bar', class: 0, confidence: 0.9, ...obb(0) }];
    expect(compareResults(reference, [{ name: 'bar', class: 0, confidence: 0.9, ...obb(0.2) }], context)).toEqual([]);
    expect(compareResults(reference, [{ name: 'bar', class: 0, confidence: 0.9, ...obb(3) }], context)[0]).toMatch(/rotated box IoU/);
    expect(
      convexPolygonIou(
        [
          [0, 0],
          [2, 0],
          [2, 2],
          [0, 2],
        ],
        [
          [1, 0],
          [1, 2],
          [3, 2],
          [3, 0],
        ],
      ),
    ).toBeCloseTo(1 / 3, 9);
    const square = [
      [10, 10],
      [10, 30],
      [30, 30],
      [30, 10],
    ] as [number, number][];
    expect(rasterIou(square, square, [64, 64])).toBe(1);
    expect(
      rasterIou(
        square,
        square.map(([x, y]) => [x + 10, y] as [number, number]),
        [64, 64],
      ),
    ).toBeCloseTo(1 / 3, 1);
  });

  it('classification: same top-1 name, or either of a near tie; confidence within 0.01', () => {
    const top5 = [
      { name: 'a', class: 0, confidence: 0.5 },
      { name: 'b', class: 1, confidence: 0.497 },
    ];
    expect(compareResults([top5[0]!], [{ name: 'b', class: 1, confidence: 0.499 }], { ...context, referenceTop5: top5 })).toEqual([]);
    expect(compareResults([top5[0]!], [{ name: 'b', class: 1, confidence: 0.499 }], context)).toHaveLength(1);
    expect(compareResults([top5[0]!], [{ name: 'a', class: 0, confidence: 0.52 }], context)).toHaveLength(1);
  });
});

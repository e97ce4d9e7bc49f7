import { describe, expect, it } from 'vitest';
import { findExternalContours, mergeMultiSegment } from '../../runtime/postprocess/contours.js';

// cv2.findContours(mask, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE)[0] (OpenCV 4.6), flattened to [x0, y0, x1, y1, ...].
const CV2_CASES = [
  {
    name: 'three blobs',
    w: 10,
    h: 8,
    mask: [
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ],
    contours: [
      [1, 6],
      [6, 5, 6, 6, 8, 6, 8, 5],
      [2, 1, 2, 3, 5, 3, 5, 1],
    ],
  },
  {
    name: 'island in hole',
    w: 9,
    h: 9,
    mask: [
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1, 0,
      0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ],
    contours: [[1, 1, 1, 7, 7, 7, 7, 1]],
  },
  {
    name: 'diagonal',
    w: 7,
    h: 7,
    mask: [
      1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0,
      0, 0, 0, 1,
    ],
    contours: [
      [3, 0, 5, 0],
      [0, 0, 6, 6],
    ],
  },
  {
    name: 'L at border',
    w: 8,
    h: 6,
    mask: [
      1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1,
    ],
    contours: [[0, 0, 0, 5, 7, 5, 7, 4, 2, 4, 1, 3, 1, 0]],
  },
  {
    name: 'single pixel',
    w: 5,
    h: 5,
    mask: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    contours: [[2, 2]],
  },
];

describe('findExternalContours', () => {
  it.each(CV2_CASES.map((c) => [c.name, c] as const))('matches cv2: %s', (_, c) => {
    expect(findExternalContours(Uint8Array.from(c.mask), c.w, c.h)).toEqual(c.contours);
  });

  it('starts at the top-left pixel, runs down the left side and keeps only run end points', () => {
    // 3x3 filled square inside a 5x5 mask
    const mask = Uint8Array.from({ length: 25 }, (_, i) => (i % 5 >= 1 && i % 5 <= 3 && i >= 5 && i < 20 ? 1 : 0));
    expect(findExternalContours(mask, 5, 5)).toEqual([[1, 1, 1, 3, 3, 3, 3, 1]]);
  });

  it('offsets points by the mask window position', () => {
    expect(findExternalContours(Uint8Array.from([1]), 1, 1, 10, 20)).toEqual([[10, 20]]);
  });

  it('finds nothing in an empty mask', () => {
    expect(findExternalContours(new Uint8Array(12), 4, 3)).toEqual([]);
  });
});

describe('mergeMultiSegment', () => {
  // Expected values from ultralytics.data.converter.merge_multi_segment.
  it('joins the contours of a multi-part mask through their closest points', () => {
    const three = CV2_CASES[0]!.contours;
    expect(mergeMultiSegment(three)).toEqual([1, 6, 1, 6, 8, 5, 8, 6, 5, 3, 5, 1, 2, 1, 2, 3, 5, 3, 8, 6, 6, 6, 6, 5, 8, 5]);
  });

  it('reproduces the reversed middle segment quirk', () => {
    const segments = [
      [0, 0, 4, 0, 4, 4, 0, 4],
      [10, 10, 12, 8, 14, 10, 12, 12, 9, 9],
      [20, 0, 22, 0, 22, 3],
    ];
    expect(mergeMultiSegment(segments)).toEqual([
      4, 4, 0, 4, 0, 0, 4, 0, 4, 4, 14, 10, 12, 8, 10, 10, 22, 3, 20, 0, 22, 0, 22, 3, 10, 10, 9, 9, 12, 12, 14, 10,
    ]);
  });
});

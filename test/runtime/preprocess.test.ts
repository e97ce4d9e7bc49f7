import { describe, expect, it } from 'vitest';
import { classifyTensor } from '../../runtime/classify-transform.js';
import { InvalidImageError } from '../../runtime/errors.js';
import { letterboxGeometry, letterboxTensor, resizeLinear } from '../../runtime/letterbox.js';

// Outputs of cv2.resize(src, (dw, dh), interpolation=cv2.INTER_LINEAR) (OpenCV 4.6, x86-64) on random 3-channel images.
const CV2_CASES = [
  {
    sw: 2,
    sh: 1,
    dw: 5,
    dh: 1,
    src: [136, 38, 217, 22, 205, 251],
    expected: [136, 38, 217, 125, 55, 220, 79, 122, 234, 33, 188, 248, 22, 205, 251],
  },
  {
    sw: 5,
    sh: 3,
    dw: 8,
    dh: 5,
    src: [
      193, 255, 145, 167, 97, 86, 90, 112, 36, 22, 218, 110, 194, 18, 205, 219, 141, 136, 0, 22, 14, 182, 134, 178, 235, 129, 147, 51, 181,
      1, 28, 24, 140, 83, 199, 134, 237, 98, 194, 249, 113, 68, 90, 188, 47,
    ],
    expected: [
      193, 255, 145, 182, 186, 119, 162, 98, 83, 114, 107, 52, 69, 145, 59, 26, 211, 105, 119, 105, 163, 194, 18, 205, 203, 209, 141, 158,
      147, 105, 102, 70, 59, 118, 104, 81, 121, 140, 103, 108, 178, 123, 124, 127, 124, 137, 83, 123, 219, 141, 136, 123, 89, 83, 11, 29,
      24, 125, 99, 127, 199, 132, 168, 232, 129, 149, 132, 158, 65, 51, 181, 1, 104, 71, 138, 80, 96, 115, 60, 127, 92, 163, 117, 156, 224,
      114, 160, 241, 119, 105, 148, 156, 59, 74, 185, 28, 28, 24, 140, 52, 100, 137, 93, 193, 138, 189, 129, 175, 241, 103, 154, 248, 112,
      76, 159, 155, 56, 90, 188, 47,
    ],
  },
  {
    sw: 7,
    sh: 6,
    dw: 3,
    dh: 4,
    src: [
      64, 151, 172, 183, 163, 130, 59, 201, 19, 209, 98, 131, 22, 14, 204, 32, 110, 189, 249, 214, 41, 126, 76, 115, 41, 16, 23, 128, 139,
      158, 236, 94, 175, 146, 187, 46, 102, 120, 64, 237, 6, 206, 20, 200, 49, 88, 212, 164, 182, 160, 4, 103, 77, 129, 160, 210, 35, 62,
      161, 139, 202, 151, 131, 113, 58, 81, 81, 115, 30, 81, 44, 58, 34, 56, 150, 23, 195, 68, 249, 141, 175, 191, 76, 227, 227, 83, 86, 16,
      110, 250, 184, 219, 240, 162, 223, 211, 44, 185, 217, 70, 16, 194, 180, 161, 245, 115, 76, 42, 195, 9, 18, 194, 31, 121, 85, 179, 190,
      54, 194, 90, 137, 52, 99, 17, 109, 170,
    ],
    expected: [
      125, 128, 121, 216, 97, 142, 115, 129, 132, 66, 165, 107, 136, 81, 141, 118, 138, 130, 90, 97, 84, 66, 98, 165, 199, 105, 197, 148,
      49, 68, 104, 190, 195, 99, 69, 145,
    ],
  },
  {
    sw: 4,
    sh: 4,
    dw: 2,
    dh: 2,
    src: [
      60, 147, 24, 114, 247, 149, 163, 228, 176, 25, 140, 173, 15, 36, 68, 199, 16, 197, 136, 194, 164, 215, 211, 49, 23, 242, 40, 93, 23,
      7, 123, 119, 57, 68, 111, 127, 61, 185, 54, 11, 160, 250, 235, 139, 34, 132, 127, 39,
    ],
    expected: [97, 112, 110, 135, 193, 141, 47, 153, 88, 140, 124, 64],
  },
  {
    sw: 9,
    sh: 2,
    dw: 6,
    dh: 7,
    src: [
      43, 226, 77, 190, 211, 75, 220, 174, 212, 200, 42, 236, 142, 187, 168, 190, 11, 75, 220, 93, 195, 183, 174, 247, 34, 125, 45, 105,
      105, 74, 105, 83, 34, 49, 209, 231, 129, 114, 214, 94, 31, 58, 139, 19, 69, 207, 52, 120, 208, 174, 177, 203, 234, 49,
    ],
    expected: [
      80, 222, 76, 212, 183, 178, 185, 78, 219, 178, 55, 98, 211, 113, 208, 71, 137, 95, 80, 222, 76, 212, 183, 178, 185, 78, 219, 178, 55,
      98, 211, 113, 208, 71, 137, 95, 85, 196, 74, 180, 182, 178, 171, 81, 210, 167, 48, 91, 210, 106, 192, 100, 155, 92, 92, 161, 70, 138,
      180, 180, 153, 86, 197, 153, 39, 82, 209, 98, 171, 138, 178, 88, 99, 126, 67, 95, 179, 181, 134, 90, 184, 138, 29, 73, 208, 89, 150,
      176, 201, 84, 105, 99, 64, 63, 177, 182, 120, 93, 175, 128, 22, 66, 207, 82, 134, 204, 219, 81, 105, 99, 64, 63, 177, 182, 120, 93,
      175, 128, 22, 66, 207, 82, 134, 204, 219, 81,
    ],
  },
];

// PIL: Image.resize(shortest side -> S, BILINEAR) then the centre S x S crop, as torchvision's Resize + CenterCrop.
const PIL_CASES = [
  {
    w: 6,
    h: 4,
    S: 3,
    src: [
      246, 69, 131, 118, 40, 137, 66, 33, 57, 9, 189, 175, 76, 204, 199, 121, 53, 191, 135, 84, 41, 187, 22, 58, 167, 16, 131, 144, 17, 238,
      120, 171, 122, 230, 183, 240, 42, 48, 233, 111, 1, 220, 34, 41, 244, 101, 42, 213, 183, 59, 56, 161, 223, 146, 68, 179, 63, 216, 227,
      24, 157, 66, 247, 79, 53, 107, 145, 196, 116, 250, 14, 213,
    ],
    expected: [
      185, 59, 107, 105, 43, 104, 68, 144, 175, 112, 46, 138, 119, 23, 176, 130, 58, 176, 107, 147, 102, 138, 91, 180, 113, 86, 137,
    ],
  },
  {
    w: 5,
    h: 9,
    S: 4,
    src: [
      10, 92, 106, 111, 116, 9, 5, 206, 74, 30, 121, 215, 117, 200, 49, 99, 22, 18, 233, 229, 224, 222, 207, 73, 177, 168, 83, 61, 125, 6,
      184, 174, 177, 210, 2, 163, 154, 209, 198, 35, 69, 60, 46, 213, 23, 47, 45, 51, 71, 222, 13, 206, 99, 126, 226, 1, 49, 224, 253, 203,
      65, 224, 115, 201, 187, 244, 197, 199, 109, 170, 51, 170, 215, 159, 184, 120, 223, 183, 133, 180, 93, 113, 241, 70, 151, 219, 221,
      199, 21, 225, 62, 142, 23, 129, 123, 117, 73, 105, 111, 129, 228, 5, 153, 145, 219, 5, 138, 9, 111, 188, 201, 35, 142, 218, 215, 62,
      200, 215, 81, 29, 230, 131, 138, 112, 221, 116, 28, 171, 87, 166, 136, 167, 206, 194, 153,
    ],
    expected: [
      103, 104, 90, 149, 141, 103, 170, 73, 94, 159, 185, 117, 96, 195, 133, 177, 191, 152, 180, 120, 137, 205, 132, 185, 107, 185, 120,
      118, 172, 94, 124, 209, 118, 172, 106, 203, 53, 145, 52, 91, 144, 165, 125, 132, 136, 184, 117, 115,
    ],
  },
  {
    w: 11,
    h: 7,
    S: 5,
    src: [
      252, 133, 230, 218, 63, 80, 179, 144, 243, 71, 70, 20, 18, 247, 214, 195, 199, 6, 25, 147, 90, 230, 124, 162, 103, 78, 188, 144, 45,
      97, 183, 141, 123, 92, 47, 23, 83, 51, 40, 143, 170, 100, 127, 203, 114, 172, 207, 77, 110, 155, 83, 154, 119, 173, 227, 7, 44, 181,
      245, 88, 248, 181, 204, 111, 78, 190, 148, 251, 103, 5, 239, 54, 22, 223, 203, 70, 76, 85, 149, 104, 129, 85, 31, 254, 177, 159, 120,
      218, 93, 163, 225, 8, 73, 117, 227, 59, 186, 65, 89, 210, 176, 237, 236, 14, 187, 62, 13, 219, 85, 198, 8, 72, 5, 64, 235, 234, 227,
      245, 40, 75, 220, 98, 47, 111, 87, 92, 115, 169, 44, 239, 83, 32, 189, 168, 153, 142, 13, 178, 72, 129, 147, 141, 173, 200, 188, 220,
      0, 255, 193, 115, 16, 170, 83, 113, 192, 104, 39, 248, 8, 104, 39, 88, 255, 106, 210, 163, 99, 208, 186, 49, 59, 82, 190, 188, 190,
      42, 189, 31, 148, 85, 91, 117, 208, 5, 10, 41, 44, 27, 105, 96, 13, 23, 128, 117, 132, 197, 218, 138, 236, 184, 21, 146, 95, 178, 14,
      150, 61, 118, 140, 37, 145, 183, 120, 27, 73, 41, 122, 36, 143, 230, 106, 120, 68, 128, 209, 34, 36, 240, 11, 237, 253,
    ],
    expected: [
      156, 120, 136, 86, 169, 112, 125, 185, 78, 152, 111, 122, 160, 114, 143, 69, 176, 117, 122, 144, 105, 124, 111, 155, 197, 97, 123,
      200, 130, 97, 96, 84, 167, 97, 117, 69, 185, 141, 154, 191, 101, 81, 131, 119, 69, 115, 114, 159, 138, 150, 124, 133, 153, 112, 50,
      112, 81, 81, 120, 55, 88, 131, 110, 120, 139, 98, 68, 92, 102, 125, 58, 115, 89, 81, 158,
    ],
  },
];

describe('letterboxGeometry', () => {
  it('fits a portrait photo into a fixed square, padding left and right', () => {
    const g = letterboxGeometry(1080, 810, [640, 640], false, 32);
    expect(g).toMatchObject({ resizedWidth: 480, resizedHeight: 640, left: 80, right: 80, top: 0, bottom: 0, width: 640, height: 640 });
  });

  it('puts the odd padding pixel at the bottom (the ±0.1 rule)', () => {
    const g = letterboxGeometry(256, 320, [256, 256], false, 32);
    expect(g).toMatchObject({ resizedWidth: 256, resizedHeight: 205, top: 25, bottom: 26, width: 256, height: 256 });
  });

  it('rounds the resized size half to even like Python', () => {
    // 5 * 0.5 = 2.5 -> 2 (Math.round would give 3)
    const g = letterboxGeometry(512, 5, [256, 256], false, 32);
    expect(g).toMatchObject({ resizedWidth: 2, resizedHeight: 256, left: 127, right: 127, width: 256 });
  });

  it('pads dynamic models only to the stride (minimal rectangle)', () => {
    expect(letterboxGeometry(1080, 810, [320, 320], true, 32)).toMatchObject({
      resizedWidth: 240,
      left: 8,
      right: 8,
      width: 256,
      height: 320,
    });
    expect(letterboxGeometry(256, 320, [640, 640], true, 32)).toMatchObject({
      resizedWidth: 640,
      resizedHeight: 512,
      width: 640,
      height: 512,
    });
  });

  it('refuses images too thin to resize (cv2 refuses an empty size)', () => {
    expect(() => letterboxGeometry(1, 700, [96, 96], false, 32)).toThrow(InvalidImageError);
  });
});

describe('resizeLinear (cv2 INTER_LINEAR)', () => {
  it.each(CV2_CASES.map((c) => [`${c.sw}x${c.sh} -> ${c.dw}x${c.dh}`, c] as const))('matches cv2 bit for bit: %s', (_, c) => {
    expect(Array.from(resizeLinear(Uint8Array.from(c.src), c.sw, c.sh, c.dw, c.dh))).toEqual(c.expected);
  });

  it('interpolates a two-pixel ramp like cv2 (no antialiasing, clamped edges)', () => {
    const ramp = Uint8Array.from([0, 0, 0, 255, 255, 255]);
    expect(Array.from(resizeLinear(ramp, 2, 1, 4, 1)).filter((_, i) => i % 3 === 0)).toEqual([0, 64, 191, 255]);
  });
});

describe('letterboxTensor', () => {
  it('writes RGB planes / 255 with 114 padding, whatever the pixel order', () => {
    // 2x1 image: a red pixel and a blue pixel, letterboxed into 2x4 (one pad row above, two below).
    const g = letterboxGeometry(1, 2, [4, 2], false, 32);
    expect(g).toMatchObject({ top: 1, bottom: 2, resizedWidth: 2, resizedHeight: 1 });
    const rgb = letterboxTensor({ data: Uint8Array.from([255, 0, 0, 0, 0, 255]), width: 2, height: 1, order: 'rgb' }, g);
    const bgr = letterboxTensor({ data: Uint8Array.from([0, 0, 255, 255, 0, 0]), width: 2, height: 1, order: 'bgr' }, g);
    expect(Array.from(bgr)).toEqual(Array.from(rgb));
    const pad = Math.fround(114 / 255);
    // plane R, rows 0..3
    expect(Array.from(rgb.subarray(0, 8))).toEqual([pad, pad, 1, 0, pad, pad, pad, pad]);
    // plane B
    expect(Array.from(rgb.subarray(16, 24))).toEqual([pad, pad, 0, 1, pad, pad, pad, pad]);
  });

  it('resizes with cv2 semantics inside the letterbox', () => {
    const c = CV2_CASES[1]!;
    const g = letterboxGeometry(c.sh, c.sw, [c.dh, c.dw], false, 32);
    expect([g.resizedWidth, g.resizedHeight]).toEqual([c.dw, c.dh]);
    const t = letterboxTensor({ data: Uint8Array.from(c.src), width: c.sw, height: c.sh, order: 'rgb' }, g);
    const plane = c.dw * c.dh;
    const back = Array.from({ length: plane * 3 }, (_, i) => Math.round(t[(i % 3) * plane + Math.floor(i / 3)]! * 255));
    expect(back).toEqual(c.expected);
  });
});

describe('classifyTensor (PIL bilinear resize + centre crop)', () => {
  it.each(PIL_CASES.map((c) => [`${c.w}x${c.h} -> ${c.S}`, c] as const))('matches PIL bit for bit: %s', (_, c) => {
    const t = classifyTensor({ data: Uint8Array.from(c.src), width: c.w, height: c.h, order: 'rgb' }, [c.S, c.S]);
    const plane = c.S * c.S;
    expect(Array.from({ length: plane * 3 }, (_, i) => Math.round(t[(i % 3) * plane + Math.floor(i / 3)]! * 255))).toEqual(c.expected);
  });

  it('crops without resizing when the short side already fits', () => {
    const src = Uint8Array.from({ length: 4 * 2 * 3 }, (_, i) => i);
    const t = classifyTensor({ data: src, width: 4, height: 2, order: 'rgb' }, [2, 2]);
    // columns 1..2 of both rows, red plane
    expect(Array.from(t.subarray(0, 4), (v) => Math.round(v * 255))).toEqual([3, 6, 15, 18]);
  });
});

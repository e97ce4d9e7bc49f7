import { describe, expect, it } from 'vitest';
import { parsePythonLiteral, PythonLiteralError } from '../../runtime/python-literal.js';

describe('parsePythonLiteral', () => {
  it('parses the names dict Ultralytics writes (int keys, both quote styles, escapes)', () => {
    const value = parsePythonLiteral(`{0: 'person', 1: "it's", 2: 'back\\\\slash', 3: 'tab\\there', 4: '\\xe9t\\u00e9', 5: 'q\\'s'}`);
    expect(value).toEqual(
      new Map<number, string>([
        [0, 'person'],
        [1, "it's"],
        [2, 'back\\slash'],
        [3, 'tab\there'],
        [4, 'été'],
        [5, "q's"],
      ]),
    );
  });

  it('parses args with True/False/None and nested containers', () => {
    const args = parsePythonLiteral("{'batch': 1, 'half': False, 'dynamic': True, 'opset': None, 'size': (640, 480), 'x': [1.5, -2e-3]}");
    expect(args).toEqual(
      new Map<string, unknown>([
        ['batch', 1],
        ['half', false],
        ['dynamic', true],
        ['opset', null],
        ['size', [640, 480]],
        ['x', [1.5, -0.002]],
      ]),
    );
  });

  it('parses lists, tuples, numbers and unicode text', () => {
    expect(parsePythonLiteral('[640, 640]')).toEqual([640, 640]);
    expect(parsePythonLiteral('(17, 3)')).toEqual([17, 3]);
    expect(parsePythonLiteral('[]')).toEqual([]);
    expect(parsePythonLiteral("{0: '人', 1: 'ø'}")).toEqual(
      new Map([
        [0, '人'],
        [1, 'ø'],
      ]),
    );
    expect(parsePythonLiteral('1_000')).toBe(1000);
  });

  it.each(["{0: 'a'", "{0 'a'}", "'unterminated", '[1, 2] extra', 'import os', '{[1]: 2}', ''])('rejects %j', (text) => {
    expect(() => parsePythonLiteral(text)).toThrow(PythonLiteralError);
  });
});

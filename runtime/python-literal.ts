/**
 * A parser for the Python literals Ultralytics writes into ONNX metadata with `str(value)`:
 * dicts (int or str keys), lists, tuples, quoted strings with escapes, numbers, True/False/None.
 */
export type PyKey = string | number | boolean | null;
export type PyValue = PyKey | PyValue[] | PyDict;
export type PyDict = Map<PyKey, PyValue>;

export class PythonLiteralError extends Error {
  override name = 'PythonLiteralError';
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

export function parsePythonLiteral(text: string): PyValue {
  let pos = 0;

  const fail = (what: string): never => {
    throw new PythonLiteralError(`${what} at offset ${pos} in ${JSON.stringify(text.slice(0, 80))}`);
  };
  const skipSpace = (): void => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const expect = (ch: string): void => {
    skipSpace();
    if (text[pos] !== ch) fail(`expected '${ch}'`);
    pos++;
  };

  const parseString = (): string => {
    const quote = text[pos]!;
    const triple = text.startsWith(quote.repeat(3), pos);
    const closing = triple ? quote.repeat(3) : quote;
    pos += closing.length;
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      if (text.startsWith(closing, pos)) {
        pos += closing.length;
        return out;
      }
      const ch = text[pos++]!;
      if (ch !== '\\') {
        if (ch === '\n' && !triple) fail('newline in string');
        out += ch;
        continue;
      }
      const esc = text[pos++];
      if (esc === undefined) fail('dangling backslash');
      if (esc === '\n') continue; // line continuation
      const hexLength = esc === 'x' ? 2 : esc === 'u' ? 4 : esc === 'U' ? 8 : 0;
      if (hexLength) {
        const hex = text.slice(pos, pos + hexLength);
        if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(hex)) fail(`bad \\${esc} escape`);
        out += String.fromCodePoint(parseInt(hex, 16));
        pos += hexLength;
      } else if (/[0-7]/.test(esc!)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(pos - 1, pos + 2))![0];
        out += String.fromCharCode(parseInt(octal, 8));
        pos += octal.length - 1;
      } else if (esc! in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[esc!];
      } else {
        out += '\\' + esc; // Python keeps unknown escapes verbatim
      }
    }
  };

  const parseSequence = (close: string): PyValue[] => {
    const items: PyValue[] = [];
    for (;;) {
      skipSpace();
      if (text[pos] === close) {
        pos++;
        return items;
      }
      items.push(parseValue());
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== close) fail(`expected ',' or '${close}'`);
    }
  };

  const parseDict = (): PyDict => {
    const dict: PyDict = new Map();
    for (;;) {
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return dict;
      }
      const key = parseValue();
      if (typeof key === 'object' && key !== null) fail('unhashable dict key');
      expect(':');
      dict.set(key as PyKey, parseValue());
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== '}') fail("expected ',' or '}'");
    }
  };

  const parseValue = (): PyValue => {
    skipSpace();
    const ch = text[pos];
    if (ch === undefined) return fail('unexpected end');
    if (ch === '{') {
      pos++;
      return parseDict();
    }
    if (ch === '[' || ch === '(') {
      pos++;
      return parseSequence(ch === '[' ? ']' : ')');
    }
    if (ch === "'" || ch === '"') return parseString();
    const word = /^(True|False|None)\b/.exec(text.slice(pos));
    if (word) {
      pos += word[0].length;
      return word[0] === 'None' ? null : word[0] === 'True';
    }
    const num = /^[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(pos));
    if (num) {
      pos += num[0].length;
      return Number(num[0].replace(/_/g, ''));
    }
    return fail('unexpected character');
  };

  const value = parseValue();
  skipSpace();
  if (pos !== text.length) fail('trailing characters');
  return value;
}

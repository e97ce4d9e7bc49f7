/**
 * Parsing of numbers that arrive as text or JSON (environment, query strings, form fields, JSON bodies): one set of
 * rules everywhere. Each returns the value or a reason; callers turn the reason into their own kind of error.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface NumberRules {
  min?: number;
  max?: number;
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

function inRange(value: number, rules: NumberRules, kind: string): Parsed<number> {
  const { min, max } = rules;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
    const range = min !== undefined && max !== undefined ? `from ${min} to ${max}` : min !== undefined ? `>= ${min}` : `<= ${max}`;
    return { ok: false, reason: `must be ${kind} ${range}` };
  }
  return { ok: true, value };
}

/** A whole number, from a JSON number or its decimal text; no fractions, exponents or values past 2^53. */
export function parseInteger(raw: unknown, rules: NumberRules = {}): Parsed<number> {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined || !INTEGER.test(text)) return { ok: false, reason: 'must be an integer' };
  const value = Number(text);
  if (!Number.isSafeInteger(value)) return { ok: false, reason: 'is out of range' };
  return inRange(value, rules, 'an integer');
}

/** A finite number, from a JSON number or its decimal text. */
export function parseNumber(raw: unknown, rules: NumberRules = {}): Parsed<number> {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
  if (text === undefined || !DECIMAL.test(text)) return { ok: false, reason: 'must be a number' };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: 'is out of range' };
  return inRange(value, rules, 'a number');
}

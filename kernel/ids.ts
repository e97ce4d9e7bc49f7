import { randomBytes } from 'node:crypto';
import { validationError } from './errors.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random base62 text; `length` characters carry about 5.95 bits each. */
export function randomBase62(length: number): string {
  const bytes = randomBytes(length * 2);
  let out = '';
  for (let i = 0; out.length < length && i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte < 248) out += ALPHABET[byte % 62]; // 248 = 4*62: keeps the distribution uniform
  }
  return out.length === length ? out : out + randomBase62(length - out.length);
}

/** Resource ids are prefixed by kind, as the REST contract shows (`dataset_…`, `key_…`). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(20)}`;
}

/** Every id this platform issues: a lower-case kind, `_`, and 20 base62 characters (`dataset_4fX…`). */
const ID = /^([a-z]+)_[0-9A-Za-z]{20}$/;

/** How users name each kind of id in messages ("Invalid dataset ID", as the seed's example answers). */
const KIND_LABELS: Record<string, string> = { key: 'API key', user: 'user', image: 'image' };

/** Whether `value` is a well-formed id (of `kind`, when given): the shape only, not whether it exists. */
export function isWellFormedId(value: unknown, kind?: string): value is string {
  if (typeof value !== 'string') return false;
  const match = ID.exec(value);
  return match !== null && (kind === undefined || match[1] === kind);
}

/**
 * The one check of an id argument, used by every route and resolver that takes one: a malformed id (wrong kind, wrong
 * length, stray characters, NUL or broken text) is VALIDATION_ERROR "Invalid <kind> ID"; a well-formed id that names
 * nothing of the caller's is left to the look-up, which answers NOT_FOUND. The id is never echoed back whole.
 */
export function checkId(kind: string, value: unknown, field = 'id'): string {
  if (isWellFormedId(value, kind)) return value;
  const shown = typeof value === 'string' ? value.slice(0, 64) : value === null ? null : typeof value;
  throw validationError(`Invalid ${KIND_LABELS[kind] ?? kind} ID`, { [field]: shown });
}

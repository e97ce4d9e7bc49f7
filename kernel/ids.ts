import { randomBytes } from 'node:crypto';

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

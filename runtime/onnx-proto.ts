import { open } from 'node:fs/promises';
import { InvalidModelError } from './errors.js';

/*
 * Just enough of the protobuf wire format to walk an ONNX ModelProto without decoding it whole. A parser is a
 * generator that asks for byte ranges ("give me `len` bytes at `pos`") and finally returns its result, so the same
 * code walks an in-memory buffer (subarrays, no copies) or a file on disk (a few small positional reads): the parts
 * of the model a parser does not ask for (the weights, usually almost all of the file) are never read.
 */

export interface ByteRange {
  pos: number;
  len: number;
}

/** A parser over a file of known size: yields the ranges it needs, is resumed with their bytes, returns T. */
export type RangeParser<T> = Generator<ByteRange, T, Uint8Array>;

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

const MAX_HEADER = 15; // tag (<= 5 bytes) + varint length (<= 10 bytes)
// File reads fetch at least this much: headers of neighbouring small fields (graph nodes) then cost one read.
const READ_AHEAD = 4096;

export function invalidOnnx(why: string): never {
  throw new InvalidModelError(`not an ONNX model: ${why}`);
}

/**
 * Reads a varint at `at`. Returns [value, bytesUsed]. Lengths and tags must be exact (up to 2^53), so by default a
 * larger value is an error; with `loose` it comes back as Infinity (e.g. a negative int64 dimension).
 */
export function readVarint(bytes: Uint8Array, at: number, loose = false): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && at + i < bytes.length; i++) {
    const b = bytes[at + i]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      if (value > Number.MAX_SAFE_INTEGER) {
        if (loose) return [Infinity, i + 1];
        invalidOnnx('varint out of range');
      }
      return [value, i + 1];
    }
    scale *= 128;
  }
  return invalidOnnx('truncated varint');
}

export interface Field {
  field: number;
  wire: number;
  /** Payload of a length-delimited field. */
  payload: Uint8Array | null;
  /** Value of a varint field (Infinity when it does not fit a double exactly). */
  value: number | null;
}

/** Splits a message held in memory into its fields. */
export function* fields(bytes: Uint8Array): Generator<Field> {
  let pos = 0;
  while (pos < bytes.length) {
    const [tag, tagLen] = readVarint(bytes, pos);
    pos += tagLen;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) invalidOnnx('field number 0');
    if (wire === WIRE_VARINT) {
      const [value, len] = readVarint(bytes, pos, true);
      pos += len;
      yield { field, wire, payload: null, value };
      continue;
    }
    if (wire === WIRE_LENGTH_DELIMITED) {
      const [len, lenLen] = readVarint(bytes, pos);
      pos += lenLen;
      if (pos + len > bytes.length) invalidOnnx('field overruns its message');
      yield { field, wire, payload: bytes.subarray(pos, pos + len), value: null };
      pos += len;
      continue;
    }
    if (wire === WIRE_FIXED64) pos += 8;
    else if (wire === WIRE_FIXED32) pos += 4;
    else invalidOnnx(`wire type ${wire}`);
    if (pos > bytes.length) invalidOnnx('field overruns its message');
    yield { field, wire, payload: null, value: null };
  }
}

/** Where one field of a message lies in the file: its payload (length-delimited fields) or value ends at `end`. */
export interface FieldHeader {
  field: number;
  wire: number;
  /** First byte after the tag and, for length-delimited fields, after the length. */
  start: number;
  /** First byte after the field. */
  end: number;
}

/** Reads the header of the field at `pos` of a message that ends at `limit`, without reading its payload. */
export function* fieldHeader(pos: number, limit: number): RangeParser<FieldHeader> {
  const head = yield { pos, len: Math.min(MAX_HEADER, limit - pos) };
  const [tag, tagLen] = readVarint(head, 0);
  const field = Math.floor(tag / 8);
  const wire = tag % 8;
  if (field === 0) invalidOnnx('field number 0');
  const start = pos + tagLen;
  let end: number;
  let payloadStart = start;
  if (wire === WIRE_VARINT) end = start + readVarint(head, tagLen, true)[1];
  else if (wire === WIRE_FIXED64) end = start + 8;
  else if (wire === WIRE_FIXED32) end = start + 4;
  else if (wire === WIRE_LENGTH_DELIMITED) {
    const [len, lenLen] = readVarint(head, tagLen);
    payloadStart = start + lenLen;
    end = payloadStart + len;
  } else return invalidOnnx(`wire type ${wire}`);
  if (end > limit) invalidOnnx(`field ${field} runs past the end of its message`);
  return { field, wire, start: payloadStart, end };
}

/** Runs a parser over bytes held in memory. */
export function parseBytes<T>(bytes: Uint8Array, parser: (size: number) => RangeParser<T>): T {
  const run = parser(bytes.length);
  let step = run.next();
  while (!step.done) step = run.next(bytes.subarray(step.value.pos, step.value.pos + step.value.len));
  return step.value;
}

/** Runs a parser over a file, reading only the ranges it asks for (with a little read-ahead). */
export async function parseFile<T>(path: string, parser: (size: number) => RangeParser<T>): Promise<T> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const run = parser(size);
    let window = new Uint8Array(0);
    let windowPos = 0;
    let step = run.next();
    while (!step.done) {
      const { pos, len } = step.value;
      if (pos < windowPos || pos + len > windowPos + window.length) {
        const buffer = new Uint8Array(Math.min(Math.max(len, READ_AHEAD), size - pos));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, pos);
        window = buffer.subarray(0, bytesRead);
        windowPos = pos;
      }
      step = run.next(window.subarray(pos - windowPos, pos - windowPos + len));
    }
    return step.value;
  } finally {
    await handle.close();
  }
}

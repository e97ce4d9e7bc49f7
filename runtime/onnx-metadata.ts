import { open } from 'node:fs/promises';
import { InvalidModelError } from './errors.js';
import { parsePythonLiteral, type PyDict, type PyValue } from './python-literal.js';

export type Task = 'detect' | 'segment' | 'pose' | 'obb' | 'classify';
const TASKS: readonly Task[] = ['detect', 'segment', 'pose', 'obb', 'classify'];

export interface ModelMetadata {
  task: Task;
  /** Class names, index = class id. */
  names: string[];
  /** Export image size [h, w]. */
  imgsz: [number, number];
  stride: number;
  batch: number;
  /** Symbolic input height/width: letterbox to the minimal rectangle. */
  dynamic: boolean;
  /** Exported with nms=True: output rows are already (x1, y1, x2, y2, conf, cls, ...). */
  end2end: boolean;
  half: boolean;
  /** Pose keypoint shape [K, D]. */
  kptShape: [number, number] | null;
  channels: number;
  description?: string;
  author?: string;
  date?: string;
  version?: string;
  license?: string;
  docs?: string;
  /** Every metadata_props entry as written by the exporter. */
  raw: Record<string, string>;
}

/*
 * ModelProto is decoded just far enough to reach metadata_props (field 14). The reader is a generator that
 * asks for byte ranges, so the same code walks an in-memory buffer (subarrays, no copies) or a file on disk
 * (a few small positional reads): the graph (field 7, usually almost all of the file) is skipped, never read.
 */
interface ReadRequest {
  pos: number;
  len: number;
}
type Scanner = Generator<ReadRequest, Map<string, string>, Uint8Array>;

const MODEL_GRAPH = 7;
const MODEL_METADATA_PROPS = 14;
// Wire types ModelProto's known fields must have; a mismatch means these bytes are something else.
const MODEL_FIELD_WIRE: Record<number, number> = { 1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2 };
const MAX_HEADER = 15; // tag (<= 5 bytes) + varint length (<= 10 bytes)
const MAX_ENTRY = 64 * 1024 * 1024;

function invalid(why: string): never {
  throw new InvalidModelError(`not an ONNX model: ${why}`);
}

/** Reads a varint as a JS number (exact up to 2^53). Returns [value, bytesUsed]. */
function readVarint(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10 && at + i < bytes.length; i++) {
    const b = bytes[at + i]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) {
      if (value > Number.MAX_SAFE_INTEGER) invalid('varint out of range');
      return [value, i + 1];
    }
    scale *= 128;
  }
  return invalid('truncated varint');
}

/** Splits one length-delimited message into [field, wireType, payload] triples (payload only for wire type 2). */
function* fields(bytes: Uint8Array): Generator<[number, number, Uint8Array | null]> {
  let pos = 0;
  while (pos < bytes.length) {
    const [tag, tagLen] = readVarint(bytes, pos);
    pos += tagLen;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) invalid('field number 0');
    if (wire === 0) pos += readVarint(bytes, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [len, lenLen] = readVarint(bytes, pos);
      pos += lenLen;
      if (pos + len > bytes.length) invalid('field overruns its message');
      yield [field, wire, bytes.subarray(pos, pos + len)];
      pos += len;
      continue;
    } else invalid(`wire type ${wire}`);
    if (pos > bytes.length) invalid('field overruns its message');
    yield [field, wire, null];
  }
}

const utf8 = new TextDecoder('utf-8');

function* scanModelProto(size: number): Scanner {
  const props = new Map<string, string>();
  let pos = 0;
  let sawGraph = false;
  while (pos < size) {
    const head = yield { pos, len: Math.min(MAX_HEADER, size - pos) };
    const [tag, tagLen] = readVarint(head, 0);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) invalid('field number 0');
    const expected = MODEL_FIELD_WIRE[field];
    if (expected !== undefined && expected !== wire) invalid(`field ${field} has wire type ${wire}`);
    let next: number;
    if (wire === 0) next = pos + tagLen + readVarint(head, tagLen)[1];
    else if (wire === 1) next = pos + tagLen + 8;
    else if (wire === 5) next = pos + tagLen + 4;
    else if (wire === 2) {
      const [len, lenLen] = readVarint(head, tagLen);
      const start = pos + tagLen + lenLen;
      next = start + len;
      if (next > size) invalid(`field ${field} runs past the end of the file`);
      if (field === MODEL_GRAPH) sawGraph = true;
      if (field === MODEL_METADATA_PROPS) {
        if (len > MAX_ENTRY) invalid('metadata entry too large');
        const entry = yield { pos: start, len };
        let key = '';
        let value = '';
        for (const [f, , payload] of fields(entry)) {
          if (f === 1 && payload) key = utf8.decode(payload);
          if (f === 2 && payload) value = utf8.decode(payload);
        }
        props.set(key, value);
      }
    } else invalid(`wire type ${wire}`);
    if (next > size) invalid('truncated');
    pos = next;
  }
  if (!sawGraph) invalid('no graph');
  return props;
}

/** Raw metadata_props of an ONNX model held in memory. */
export function readOnnxMetadataProps(bytes: Uint8Array): Map<string, string> {
  const scanner = scanModelProto(bytes.length);
  let step = scanner.next();
  while (!step.done) step = scanner.next(bytes.subarray(step.value.pos, step.value.pos + step.value.len));
  return step.value;
}

/** Raw metadata_props of an ONNX file, reading only the few bytes needed (the graph is skipped). */
export async function readOnnxMetadataPropsFromFile(path: string): Promise<Map<string, string>> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const scanner = scanModelProto(size);
    let step = scanner.next();
    while (!step.done) {
      const buffer = new Uint8Array(step.value.len);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, step.value.pos);
      step = scanner.next(buffer.subarray(0, bytesRead));
    }
    return step.value;
  } finally {
    await handle.close();
  }
}

export function readOnnxMetadata(bytes: Uint8Array): ModelMetadata {
  return parseUltralyticsMetadata(readOnnxMetadataProps(bytes));
}

export async function readOnnxMetadataFromFile(path: string): Promise<ModelMetadata> {
  return parseUltralyticsMetadata(await readOnnxMetadataPropsFromFile(path));
}

function garbled(key: string, why: string): never {
  throw new InvalidModelError(`Ultralytics metadata '${key}' is invalid: ${why}`);
}

function literal(props: Map<string, string>, key: string): PyValue | undefined {
  const text = props.get(key);
  if (text === undefined) return undefined;
  try {
    return parsePythonLiteral(text);
  } catch (err) {
    return garbled(key, (err as Error).message);
  }
}

function positiveInt(value: PyValue | undefined, key: string, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) return garbled(key, 'expected a positive integer');
  return value;
}

function intPair(value: PyValue | undefined, key: string): [number, number] {
  if (typeof value === 'number') value = [value, value];
  if (!Array.isArray(value) || value.length !== 2) return garbled(key, 'expected two integers');
  return [positiveInt(value[0], key), positiveInt(value[1], key)];
}

function parseNames(value: PyValue | undefined): string[] {
  if (Array.isArray(value)) value = new Map(value.map((name, i) => [i, name]));
  if (!(value instanceof Map) || value.size === 0) return garbled('names', 'expected a non-empty dict');
  const names = new Array<string>(value.size);
  for (const [key, name] of value) {
    const id = typeof key === 'string' && /^\d+$/.test(key) ? Number(key) : key;
    // Ultralytics' check_class_names: ids must be 0..n-1.
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= value.size) {
      return garbled('names', `class ids must be 0..${value.size - 1}`);
    }
    names[id] = typeof name === 'string' ? name : String(name);
  }
  return names;
}

function flag(args: PyDict | undefined, key: string): boolean {
  return args?.get(key) === true;
}

export function parseUltralyticsMetadata(props: Map<string, string>): ModelMetadata {
  if (!props.has('task') || !props.has('names')) {
    throw new InvalidModelError('ONNX model has no Ultralytics metadata (task, names): export it with Ultralytics');
  }
  const task = props.get('task') as Task;
  if (!TASKS.includes(task)) garbled('task', `unknown task ${JSON.stringify(task)}`);
  const argsValue = literal(props, 'args');
  if (argsValue !== undefined && !(argsValue instanceof Map)) garbled('args', 'expected a dict');
  const args = argsValue as PyDict | undefined;
  const kpt = literal(props, 'kpt_shape');
  const kptShape = kpt === undefined || kpt === null ? null : intPair(kpt, 'kpt_shape');
  if (task === 'pose' && !kptShape) garbled('kpt_shape', 'pose models need it');
  const imgsz = literal(props, 'imgsz');

  const optional = (key: string): { [k: string]: string } => (props.has(key) ? { [key]: props.get(key)! } : {});
  return {
    task,
    names: parseNames(literal(props, 'names')),
    imgsz: imgsz === undefined ? [640, 640] : intPair(imgsz, 'imgsz'),
    stride: positiveInt(literal(props, 'stride'), 'stride', 32),
    batch: positiveInt(literal(props, 'batch'), 'batch', 1),
    dynamic: flag(args, 'dynamic'),
    end2end: flag(args, 'nms'),
    half: flag(args, 'half'),
    kptShape,
    channels: positiveInt(literal(props, 'channels'), 'channels', 3),
    ...optional('description'),
    ...optional('author'),
    ...optional('date'),
    ...optional('version'),
    ...optional('license'),
    ...optional('docs'),
    raw: Object.fromEntries(props),
  };
}

import { InvalidModelError } from './errors.js';
import { scanGraphSignature, type GraphSignature } from './onnx-graph.js';
import { fieldHeader, fields, invalidOnnx, parseBytes, parseFile, type RangeParser } from './onnx-proto.js';
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
  /**
   * The `end2end` metadata key (Ultralytics >= 8.4; absent before): an NMS-free model such as YOLO26 whose graph
   * emits one row per kept object. Not the same as `nms`.
   */
  end2end: boolean;
  /** `args.nms`: exported with nms=True, NMS runs inside the graph (rows as well, zero-padded). */
  nms: boolean;
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
 * ModelProto is walked field by field (onnx-proto.ts): metadata_props (field 14) are read, the graph (field 7,
 * usually almost all of the file) is skipped, or, when its signature is wanted, only the headers of its fields and
 * its inputs/outputs are read (onnx-graph.ts): never the weights.
 */
const MODEL_GRAPH = 7;
const MODEL_METADATA_PROPS = 14;
// Wire types ModelProto's known fields must have; a mismatch means these bytes are something else.
const MODEL_FIELD_WIRE: Record<number, number> = { 1: 0, 2: 2, 3: 2, 4: 2, 5: 0, 6: 2, 7: 2, 8: 2, 14: 2, 20: 2, 25: 2 };
const MAX_ENTRY = 64 * 1024 * 1024;

/** What the scan of a ModelProto found: the raw metadata_props and, if asked for, the graph's signature. */
export interface OnnxModelProto {
  props: Map<string, string>;
  graph: GraphSignature | null;
}

function* scanModelProto(size: number, withGraph: boolean): RangeParser<OnnxModelProto> {
  const props = new Map<string, string>();
  let graph: GraphSignature | null = null;
  let sawGraph = false;
  for (let pos = 0; pos < size;) {
    const header = yield* fieldHeader(pos, size);
    const expected = MODEL_FIELD_WIRE[header.field];
    if (expected !== undefined && expected !== header.wire) invalidOnnx(`field ${header.field} has wire type ${header.wire}`);
    if (header.field === MODEL_GRAPH) {
      sawGraph = true;
      if (withGraph) graph = yield* scanGraphSignature(header.start, header.end);
    }
    if (header.field === MODEL_METADATA_PROPS) {
      if (header.end - header.start > MAX_ENTRY) invalidOnnx('metadata entry too large');
      const entry = yield { pos: header.start, len: header.end - header.start };
      let key = '';
      let value = '';
      for (const { field, payload } of fields(entry)) {
        if (field === 1 && payload) key = utf8.decode(payload);
        if (field === 2 && payload) value = utf8.decode(payload);
      }
      props.set(key, value);
    }
    pos = header.end;
  }
  if (!sawGraph) invalidOnnx('no graph');
  return { props, graph };
}

const utf8 = new TextDecoder('utf-8');

/** Raw metadata_props of an ONNX model held in memory. */
export function readOnnxMetadataProps(bytes: Uint8Array): Map<string, string> {
  return parseBytes(bytes, (size) => scanModelProto(size, false)).props;
}

/** Raw metadata_props of an ONNX file, reading only the few bytes needed (the graph is skipped). */
export async function readOnnxMetadataPropsFromFile(path: string): Promise<Map<string, string>> {
  return (await parseFile(path, (size) => scanModelProto(size, false))).props;
}

/** metadata_props and the graph's declared inputs/outputs of a model held in memory. */
export function readOnnxModelProto(bytes: Uint8Array): OnnxModelProto & { graph: GraphSignature } {
  return withGraph(parseBytes(bytes, (size) => scanModelProto(size, true)));
}

/** metadata_props and the graph's declared inputs/outputs of an ONNX file; the weights are not read. */
export async function readOnnxModelProtoFromFile(path: string): Promise<OnnxModelProto & { graph: GraphSignature }> {
  return withGraph(await parseFile(path, (size) => scanModelProto(size, true)));
}

function withGraph({ props, graph }: OnnxModelProto): OnnxModelProto & { graph: GraphSignature } {
  return { props, graph: graph ?? invalidOnnx('no graph') };
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
    end2end: literal(props, 'end2end') === true,
    nms: flag(args, 'nms'),
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

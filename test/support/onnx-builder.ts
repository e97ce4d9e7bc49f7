/**
 * Builds tiny ONNX models for tests: an `images` input and constant outputs in Ultralytics' output layouts
 * (classic channels-first, end-to-end rows, nms=True rows, classify), with metadata_props as Ultralytics' exporter
 * writes them. The model ignores its input, so tests choose exactly what the "network" predicts.
 */
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface ConstantOutput {
  name: string;
  dims: number[];
  data: Float32Array | number[];
  /** The shape the graph declares, when it differs from the constant's (symbolic dims of a dynamic export). */
  declaredDims?: Array<number | string>;
}

export interface SyntheticModelSpec {
  task: 'detect' | 'segment' | 'pose' | 'obb' | 'classify';
  names: string[];
  /** [h, w]; the input shape of a fixed model. */
  imgsz: [number, number];
  outputs: ConstantOutput[];
  dynamic?: boolean;
  nms?: boolean;
  /** Writes the `end2end` key as Ultralytics 8.4 does (absent, as in 8.3 metadata, when undefined). */
  end2end?: boolean;
  /** Exporter version in the metadata (default 8.3.223; 8.4.48 when end2end is given). */
  version?: string;
  /** Declared input shape, when it differs from the one the metadata implies. */
  inputDims?: Array<number | string>;
  /** TensorProto.DataType of the input (default FLOAT). */
  inputElemType?: number;
  stride?: number;
  batch?: number;
  kptShape?: [number, number] | undefined;
  /** Replace (string) or drop (null) metadata entries. */
  metadata?: Record<string, string | null>;
}

/** Python repr of a str, as Ultralytics writes class names. */
function pyStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(new RegExp(quote, 'g'), `\\${quote}`);
  return quote + body + quote;
}

const pyBool = (v: boolean): string => (v ? 'True' : 'False');

export function ultralyticsMetadata(spec: SyntheticModelSpec): Record<string, string> {
  const props: Record<string, string | null> = {
    description: `Ultralytics synthetic ${spec.task} model`,
    author: 'Ultralytics',
    date: '2026-01-01T00:00:00',
    version: spec.version ?? (spec.end2end === undefined ? '8.3.223' : '8.4.48'),
    license: 'AGPL-3.0 License (https://ultralytics.com/license)',
    docs: 'https://docs.ultralytics.com',
    stride: String(spec.stride ?? 32),
    task: spec.task,
    batch: String(spec.batch ?? 1),
    imgsz: `[${spec.imgsz[0]}, ${spec.imgsz[1]}]`,
    names: `{${spec.names.map((n, i) => `${i}: ${pyStr(n)}`).join(', ')}}`,
    args: `{'batch': ${spec.batch ?? 1}, 'half': False, 'dynamic': ${pyBool(!!spec.dynamic)}, 'simplify': True, 'opset': 17, 'nms': ${pyBool(!!spec.nms)}}`,
    channels: '3',
    ...(spec.end2end === undefined ? {} : { end2end: pyBool(spec.end2end) }),
    ...(spec.kptShape ? { kpt_shape: `[${spec.kptShape[0]}, ${spec.kptShape[1]}]` } : {}),
    ...spec.metadata,
  };
  return Object.fromEntries(Object.entries(props).filter((e): e is [string, string] => e[1] !== null));
}

export function buildOnnxModel(spec: SyntheticModelSpec): Uint8Array {
  const dim = (value: number | string) => (typeof value === 'number' ? { dimValue: value } : { dimParam: value });
  const inputDims = spec.inputDims ?? (spec.dynamic ? ['batch', 3, 'height', 'width'] : [spec.batch ?? 1, 3, ...spec.imgsz]);
  const tensorType = (dims: Array<number | string>, elemType: number = onnx.TensorProto.DataType.FLOAT) => ({
    tensorType: { elemType, shape: { dim: dims.map(dim) } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'pytorch',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'main_graph',
      input: [{ name: 'images', type: tensorType(inputDims, spec.inputElemType) }],
      output: spec.outputs.map((o) => ({ name: o.name, type: tensorType(o.declaredDims ?? o.dims) })),
      node: spec.outputs.map((o) => ({
        opType: 'Constant',
        output: [o.name],
        attribute: [
          {
            name: 'value',
            type: onnx.AttributeProto.AttributeType.TENSOR,
            t: { dims: o.dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: Array.from(o.data) },
          },
        ],
      })),
    },
    metadataProps: Object.entries(ultralyticsMetadata(spec)).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Channel-major [1, rows.length... ] layout helper: `anchors[j][c]` becomes data[c * N + j]. */
export function channelMajor(anchors: number[][]): { dims: number[]; data: Float32Array } {
  const n = anchors.length;
  const channels = anchors[0]!.length;
  const data = new Float32Array(channels * n);
  anchors.forEach((values, j) => values.forEach((v, c) => (data[c * n + j] = v)));
  return { dims: [1, channels, n], data };
}

/** Row-major [1, rows, width] rows of an end-to-end or nms=True export: `rows[r]` is one object. */
export function rowMajor(rows: number[][]): { dims: number[]; data: Float32Array } {
  return { dims: [1, rows.length, rows[0]!.length], data: Float32Array.from(rows.flat()) };
}

/** A model that spends real time computing (images [1, 3, size, size] @ a constant [size, size]), for concurrency tests. */
export function buildSlowModel(size: number): Uint8Array {
  const type = (dims: number[]) => ({
    tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((dimValue) => ({ dimValue })) } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'slow',
      input: [{ name: 'images', type: type([1, 3, size, size]) }],
      output: [{ name: 'output0', type: type([1, 3, size, size]) }],
      initializer: [
        { name: 'weights', dims: [size, size], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(size * size * 4) },
      ],
      node: [{ opType: 'MatMul', input: ['images', 'weights'], output: ['output0'] }],
    },
    metadataProps: Object.entries(ultralyticsMetadata({ task: 'classify', names: ['a'], imgsz: [size, size], outputs: [] })).map(
      ([key, value]) => ({ key, value }),
    ),
  });
  return onnx.ModelProto.encode(model).finish();
}

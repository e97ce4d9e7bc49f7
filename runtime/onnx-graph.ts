import { fieldHeader, fields, invalidOnnx, WIRE_LENGTH_DELIMITED, type RangeParser } from './onnx-proto.js';

/** One dimension of a declared tensor shape: a size, a symbolic name (dynamic exports), or unknown. */
export type Dim = number | string | null;

/** A graph input or output as the graph declares it (ValueInfoProto). */
export interface TensorSignature {
  name: string;
  /** TensorProto.DataType (1 = float32, 10 = float16); null when the value is not a tensor. */
  elemType: number | null;
  /** Declared shape; null when the graph declares none. */
  dims: Dim[] | null;
}

/** What the graph promises to take and give, in order, before any session is created. */
export interface GraphSignature {
  inputs: TensorSignature[];
  outputs: TensorSignature[];
}

export const ELEM_FLOAT = 1;
export const ELEM_FLOAT16 = 10;
const ELEM_NAMES: Record<number, string> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  16: 'bfloat16',
};

export function elemTypeName(type: number | null): string {
  return type === null ? 'not a tensor' : (ELEM_NAMES[type] ?? `type ${type}`);
}

// GraphProto: input = 11, output = 12 (repeated ValueInfoProto). Nodes (1) and initializers (5) are skipped unread.
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const MAX_VALUE_INFO = 1024 * 1024;

/** Walks a GraphProto stored at [start, end) reading only the headers of its fields and its inputs/outputs. */
export function* scanGraphSignature(start: number, end: number): RangeParser<GraphSignature> {
  const signature: GraphSignature = { inputs: [], outputs: [] };
  for (let pos = start; pos < end;) {
    const header = yield* fieldHeader(pos, end);
    if ((header.field === GRAPH_INPUT || header.field === GRAPH_OUTPUT) && header.wire === WIRE_LENGTH_DELIMITED) {
      if (header.end - header.start > MAX_VALUE_INFO) invalidOnnx('graph input/output description too large');
      const info = decodeValueInfo(yield { pos: header.start, len: header.end - header.start });
      (header.field === GRAPH_INPUT ? signature.inputs : signature.outputs).push(info);
    }
    pos = header.end;
  }
  return signature;
}

/** ValueInfoProto { name = 1; type = 2 (TypeProto { tensor_type = 1 { elem_type = 1; shape = 2 } }) }. */
export function decodeValueInfo(bytes: Uint8Array): TensorSignature {
  const info: TensorSignature = { name: '', elemType: null, dims: null };
  for (const f of fields(bytes)) {
    if (f.field === 1 && f.payload) info.name = new TextDecoder().decode(f.payload);
    if (f.field !== 2 || !f.payload) continue;
    for (const typeField of fields(f.payload)) {
      if (typeField.field !== 1 || !typeField.payload) continue; // sequence, map, optional...: not a tensor
      info.elemType = 0;
      for (const tensorField of fields(typeField.payload)) {
        if (tensorField.field === 1 && tensorField.value !== null) info.elemType = tensorField.value;
        if (tensorField.field === 2 && tensorField.payload) info.dims = decodeShape(tensorField.payload);
      }
    }
  }
  return info;
}

/** TensorShapeProto { repeated Dimension dim = 1 { dim_value = 1 (int64) | dim_param = 2 (string) } }. */
function decodeShape(bytes: Uint8Array): Dim[] {
  const dims: Dim[] = [];
  for (const f of fields(bytes)) {
    if (f.field !== 1 || !f.payload) continue;
    let dim: Dim = null;
    for (const d of fields(f.payload)) {
      // A negative or huge int64 (a varint beyond 2^53) is no usable size: treat it as unknown.
      if (d.field === 1 && d.value !== null) dim = Number.isSafeInteger(d.value) ? d.value : null;
      if (d.field === 2 && d.payload) dim = new TextDecoder().decode(d.payload);
    }
    dims.push(dim);
  }
  return dims;
}

/** "[1, 300, 6]", "[batch, 3, height, width]": a shape as people read it in error messages. */
export function formatDims(dims: readonly Dim[] | null): string {
  return dims ? `[${dims.map((d) => d ?? '?').join(', ')}]` : 'no declared shape';
}

import onnxProto from 'onnx-proto';
import sharp from 'sharp';
import { postForm } from '../catalog/support.js';
import { ultralyticsMetadata } from '../support/onnx-builder.js';
import { api, type TestPlatform } from '../support/platform.js';

const { onnx } = onnxProto;

/**
 * A detect model of classes a and b that always finds one `a` (box 32,32 20x10 at 0.9 in its 64x64 input), after
 * spending real time on a MatMul of the input with a [size, size] matrix whose result it multiplies by zero: requests
 * overlap on its instances, so concurrent load makes a deployment grow.
 */
export function buildBusyDetectModel(size = 64, work = 1): Uint8Array {
  const float = onnx.TensorProto.DataType.FLOAT;
  const type = (dims: number[]) => ({ tensorType: { elemType: float, shape: { dim: dims.map((dimValue) => ({ dimValue })) } } });
  const constant = (name: string, dims: number[], values: number[]) => ({
    opType: 'Constant',
    output: [name],
    attribute: [{ name: 'value', type: onnx.AttributeProto.AttributeType.TENSOR, t: { dims, dataType: float, floatData: values } }],
  });
  const nodes = [
    constant('detections', [1, 6, 1], [32, 32, 20, 10, 0.9, 0.1]),
    constant('zero', [], [0]),
    ...Array.from({ length: work }, (_, i) => ({
      opType: 'MatMul',
      input: [i === 0 ? 'images' : `work${i - 1}`, 'weights'],
      output: [`work${i}`],
    })),
    {
      opType: 'ReduceMean',
      input: [`work${work - 1}`],
      output: ['mean'],
      attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
    },
    { opType: 'Mul', input: ['mean', 'zero'], output: ['nothing'] },
    { opType: 'Add', input: ['detections', 'nothing'], output: ['output0'] },
  ];
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'pytorch',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'busy',
      input: [{ name: 'images', type: type([1, 3, size, size]) }],
      output: [{ name: 'output0', type: type([1, 6, 1]) }],
      initializer: [{ name: 'weights', dims: [size, size], dataType: float, rawData: new Uint8Array(size * size * 4) }],
      node: nodes,
    },
    metadataProps: Object.entries(ultralyticsMetadata({ task: 'detect', names: ['a', 'b'], imgsz: [size, size], outputs: [] })).map(
      ([key, value]) => ({ key, value }),
    ),
  });
  return onnx.ModelProto.encode(model).finish();
}

/** A project and an ONNX model uploaded into it; the model is servable at once. */
export async function uploadOnnx(platform: TestPlatform, key: string, name: string, bytes: Uint8Array): Promise<string> {
  const project = await api(platform, key, 'POST', '/api/projects', { name: `project-${name}-${Date.now()}` });
  if (project.status !== 201) throw new Error(`project for ${name}: ${JSON.stringify(project.body)}`);
  const uploaded = await postForm(
    platform,
    key,
    '/api/models',
    { projectId: project.body.data.id, name },
    { name, bytes: Buffer.from(bytes) },
  );
  if (uploaded.status !== 201) throw new Error(`upload of ${name} failed: ${JSON.stringify(uploaded.body)}`);
  return uploaded.body.data.id as string;
}

export function grayPng(width = 64, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
}

/** The HUB predict call to a deployment's endpoint (or any route), as `requests` sends it. */
export async function predictAt(
  url: string,
  key: string,
  file: { name: string; bytes: Buffer },
  fields: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Polls GET /api/deployments/{id} until `done` holds for it. */
export async function waitForDeployment(
  platform: TestPlatform,
  key: string,
  id: string,
  done: (deployment: any) => boolean,
  timeoutMs = 20_000,
): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const response = await api(platform, key, 'GET', `/api/deployments/${id}`);
    last = response.body;
    if (response.status === 200 && done(response.body.data)) return response.body.data;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`deployment ${id} did not get there in time; last: ${JSON.stringify(last)}`);
}

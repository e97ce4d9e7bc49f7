import { InvalidModelError } from './errors.js';
import type { FloatTensor } from './inference-session.js';
import { ELEM_FLOAT, ELEM_FLOAT16, elemTypeName, formatDims, type Dim, type GraphSignature, type TensorSignature } from './onnx-graph.js';
import type { ModelMetadata, Task } from './onnx-metadata.js';

/**
 * The output layouts Ultralytics exports, decided once per model from its metadata and its graph's declared shapes
 * (describeOutputLayout), so that post-processing dispatches on a name instead of guessing from one dimension:
 * - `classify`: `[1, nc]` probabilities, already softmaxed in the graph.
 * - `classic`: channels-first `[1, 4 + nc + extra, anchors]` (YOLOv8, YOLO11 ...): cx, cy, w, h, the class scores,
 *   then mask coefficients / keypoints / the angle; NMS runs here (utils/nms.py non_max_suppression).
 * - `end2end`: `[1, N, 6 + extra]` rows from an NMS-free head (YOLO26, metadata `end2end: True`, Ultralytics >= 8.4):
 *   x1, y1, x2, y2, score, class, then the extras; OBB rows are x, y, w, h, score, class, angle
 *   (nn/modules/head.py Detect/Segment/Pose/OBB.postprocess). Only a confidence filter remains to do.
 * - `nms-embedded`: the same rows, produced by NMS inside the graph (export `nms=True`, engine/exporter.py
 *   NMSModel) and zero-padded to max_det.
 */
export type LayoutKind = 'classify' | 'classic' | 'end2end' | 'nms-embedded';

export interface OutputLayout {
  kind: LayoutKind;
  task: Task;
  /** The output holding the detections (or the class probabilities). */
  predictions: string;
  /** Segment only: the `[1, nm, mh, mw]` prototype output. */
  protos: string | null;
  /** Number of classes: the class-score channels of a classic output. */
  classes: number;
  /** Values per detection after the box and class(es): mask coefficients, K·D keypoint values or the angle. */
  extra: number;
}

function refuse(why: string): never {
  throw new InvalidModelError(why);
}

const isSize = (d: Dim | undefined): d is number => typeof d === 'number';
const outputLabel = (t: TensorSignature): string => `output ${t.name || '(unnamed)'} ${formatDims(t.dims)}`;

/**
 * Decides the layout of a model from its Ultralytics metadata and the graph's declared inputs/outputs, or throws
 * InvalidModelError saying why the runtime cannot serve it. Symbolic dimensions (dynamic exports) are accepted
 * here and checked on the real tensors at inference time (checkOutputs).
 */
export function describeOutputLayout(metadata: ModelMetadata, graph: GraphSignature): OutputLayout {
  checkInput(metadata, graph.inputs[0]);
  const { task } = metadata;
  const first = graph.outputs[0];
  if (!first) return refuse('the graph has no output');
  for (const output of graph.outputs) {
    if (output.elemType !== ELEM_FLOAT) refuse(`${outputLabel(output)} is ${elemTypeName(output.elemType)}, not float32`);
  }
  if (task === 'classify') return classifyLayout(metadata, first);

  // As autobackend + the segment predictor see them: detections first, prototypes the 4-D output.
  const protos = task === 'segment' ? graph.outputs.find((o) => o.dims?.length === 4) : undefined;
  const predictions = task === 'segment' ? graph.outputs.find((o) => o !== protos) : first;
  if (task === 'segment') {
    if (!protos) refuse(`a segment model needs a 4-D prototype output [1, nm, mh, mw]; the graph has ${describeOutputs(graph)}`);
    if (!isSize(protos.dims![1])) refuse(`the prototype ${outputLabel(protos)} must declare its number of masks`);
  }
  if (!predictions) return refuse(`a ${task} model needs a detections output; the graph has ${describeOutputs(graph)}`);
  if (predictions.dims && predictions.dims.length !== 3) {
    refuse(`a ${task} model's detections must be a 3-D tensor; ${outputLabel(predictions)} is not`);
  }

  const layout: OutputLayout = {
    kind: rowsKind(metadata, predictions.dims),
    task,
    predictions: predictions.name,
    protos: protos?.name ?? null,
    classes: metadata.names.length,
    extra: extraValues(metadata, protos?.dims?.[1]),
  };
  checkPredictionDims(layout, predictions.dims, metadata, predictions.name);
  return layout;
}

/** Ultralytics' rule (nn/backends/base.py, utils/nms.py): rows when end2end or nms=True, or a last dimension of 6. */
function rowsKind(metadata: ModelMetadata, dims: Dim[] | null): LayoutKind {
  if (metadata.end2end) return 'end2end';
  if (metadata.nms) return 'nms-embedded';
  // Exports older than the `end2end` key (e.g. YOLOv10 from Ultralytics 8.3) are recognised by their [1, N, 6] rows.
  return dims?.[2] === 6 ? 'end2end' : 'classic';
}

function extraValues(metadata: ModelMetadata, maskCount: Dim | undefined): number {
  switch (metadata.task) {
    case 'segment':
      return maskCount as number;
    case 'pose':
      return metadata.kptShape![0] * metadata.kptShape![1];
    case 'obb':
      return 1;
    default:
      return 0;
  }
}

function extraLabel(layout: OutputLayout, metadata: ModelMetadata): string {
  switch (layout.task) {
    case 'segment':
      return ` + ${layout.extra} mask coefficients`;
    case 'pose':
      return ` + ${layout.extra} keypoint values (kpt_shape [${metadata.kptShape!.join(', ')}])`;
    case 'obb':
      return ' + 1 angle';
    default:
      return '';
  }
}

function checkPredictionDims(layout: OutputLayout, dims: Dim[] | null, metadata: ModelMetadata, name: string): void {
  if (!dims) return;
  const rowWidth = 6 + layout.extra;
  const channels = 4 + layout.classes + layout.extra;
  const shape = `${name} ${formatDims(dims)}`;
  if (layout.kind === 'classic') {
    if (isSize(dims[1]) && dims[1] !== channels) {
      refuse(
        `${shape} does not fit a ${layout.task} model with ${layout.classes} classes: the channels-first layout needs ` +
          `4 box + ${layout.classes} class scores${extraLabel(layout, metadata)} = ${channels} channels`,
      );
    }
    return;
  }
  if (isSize(dims[2]) && dims[2] !== rowWidth) {
    const why = layout.kind === 'end2end' ? 'metadata end2end: True' : 'export argument nms=True';
    const classic = isSize(dims[1]) && dims[1] === channels ? ', and it looks like the channels-first layout that still needs NMS' : '';
    refuse(
      `${why} means one row per object with 6 values (box, score, class)${extraLabel(layout, metadata)} = ${rowWidth}, ` +
        `but ${shape} has ${dims[2]}${classic}`,
    );
  }
}

function classifyLayout(metadata: ModelMetadata, output: TensorSignature): OutputLayout {
  const { dims } = output;
  if (dims && (dims.length !== 2 || (isSize(dims[1]) && dims[1] !== metadata.names.length))) {
    refuse(
      `a classify model with ${metadata.names.length} classes must output [1, ${metadata.names.length}] probabilities, not ${outputLabel(output)}`,
    );
  }
  return { kind: 'classify', task: 'classify', predictions: output.name, protos: null, classes: metadata.names.length, extra: 0 };
}

function checkInput(metadata: ModelMetadata, input: TensorSignature | undefined): void {
  if (!input) return refuse('the graph has no input');
  if (input.elemType === ELEM_FLOAT16) refuse('its input is float16 (exported with half=True): export with half=False');
  if (input.elemType !== ELEM_FLOAT) refuse(`its input must be float32, not ${elemTypeName(input.elemType)}`);
  if (metadata.channels !== 3) refuse(`models with ${metadata.channels} input channels are not supported`);
  const { dims } = input;
  if (!dims) return;
  const label = `input ${input.name} ${formatDims(dims)}`;
  if (dims.length !== 4) refuse(`${label} is not an image batch [batch, 3, height, width]`);
  const [batch, channels, height, width] = dims;
  if (isSize(channels) && channels !== metadata.channels)
    refuse(`${label} has ${channels} channels, the metadata says ${metadata.channels}`);
  // What model.ts feeds: one image for dynamic exports, the export batch (image in slot 0) for fixed ones.
  const fed = metadata.dynamic ? 1 : metadata.batch;
  if (isSize(batch) && batch !== fed) refuse(`${label} takes batches of ${batch}, the metadata says ${fed}`);
  if (metadata.dynamic) {
    if (isSize(height) && isSize(width)) refuse(`the metadata says dynamic=True but ${label} has a fixed size`);
    return;
  }
  const [h, w] = metadata.imgsz;
  if ((isSize(height) && height !== h) || (isSize(width) && width !== w)) {
    refuse(`${label} does not match the metadata imgsz [${h}, ${w}]`);
  }
}

function describeOutputs(graph: GraphSignature): string {
  return graph.outputs.map(outputLabel).join(', ') || 'no output';
}

/**
 * The real output tensors of one inference against the layout: dynamic exports declare symbolic sizes, so this is
 * where a contradiction hidden behind them shows up (as InvalidModelError, never as garbage results).
 */
export function checkOutputs(
  layout: OutputLayout,
  outputs: Record<string, FloatTensor>,
): { predictions: FloatTensor; protos: FloatTensor | null } {
  const predictions = outputs[layout.predictions];
  const protos = layout.protos === null ? null : outputs[layout.protos];
  if (!predictions || protos === undefined) return refuse('the model did not return the outputs its graph declares');
  const { dims } = predictions;
  const expected =
    layout.kind === 'classify'
      ? dims.length === 2 && dims[1] === layout.classes
      : layout.kind === 'classic'
        ? dims.length === 3 && dims[1] === 4 + layout.classes + layout.extra
        : dims.length === 3 && dims[2] === 6 + layout.extra;
  if (!expected)
    refuse(`output ${layout.predictions} came out as ${formatDims(dims)}, which is not the ${layout.kind} ${layout.task} layout`);
  if (protos && (protos.dims.length !== 4 || protos.dims[1] !== layout.extra)) {
    refuse(`prototype output ${layout.protos} came out as ${formatDims(protos.dims)}, not [1, ${layout.extra}, mh, mw]`);
  }
  return { predictions, protos };
}

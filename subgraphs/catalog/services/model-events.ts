import type { Model } from '../entities/model.js';

/** Events the inference subgraph (servable models) and the training subgraph (trainable models) follow. */
export const MODEL_EVENTS = {
  created: 'model.created',
  ready: 'model.ready',
  deleted: 'model.deleted',
} as const;

export interface ModelReadyPayload {
  modelId: string;
  task: string;
  names: string[];
  imgsz: [number, number];
  stride: number;
  kptShape: [number, number] | null;
  dynamic: boolean;
  end2end: boolean;
  /** File store key of the ONNX file. */
  fileKey: string;
  [key: string]: unknown;
}

export interface ModelCreatedPayload {
  modelId: string;
  projectId: string;
  task: string | null;
  architecture: string | null;
  /** File store key of uploaded `.pt` weights (training can start from them), else null. */
  weightsKey: string | null;
  [key: string]: unknown;
}

export function createdPayload(model: Model): ModelCreatedPayload {
  return {
    modelId: model.id,
    projectId: model.projectId,
    task: model.task ?? null,
    architecture: model.architecture ?? null,
    weightsKey: model.files.find((file) => file.format === 'pt')?.key ?? null,
  };
}

/** `model.ready` for a model with a servable ONNX file, or nothing. */
export function readyPayload(model: Model): ModelReadyPayload | undefined {
  const onnx = model.files.find((file) => file.format === 'onnx');
  if (!onnx || !model.facts || !model.task) return undefined;
  return {
    modelId: model.id,
    task: model.task ?? null,
    names: model.classNames,
    imgsz: model.facts.imgsz,
    stride: model.facts.stride,
    kptShape: model.facts.kptShape,
    dynamic: model.facts.dynamic,
    end2end: model.facts.end2end,
    fileKey: onnx.key,
  };
}

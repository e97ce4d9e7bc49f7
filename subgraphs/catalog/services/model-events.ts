import type { ModelCreated, ModelReady } from '../../../contracts/index.js';
import type { PayloadOf } from '../../../kernel/event-contract.js';
import type { Model } from '../entities/model.js';
import { isTask } from './tasks.js';

/** The facts every model event carries. */
export function modelRef(model: Model): { modelId: string; projectId: string; name: string } {
  return { modelId: model.id, projectId: model.projectId, name: model.name };
}

export function createdPayload(model: Model): PayloadOf<typeof ModelCreated> {
  return {
    ...modelRef(model),
    task: isTask(model.task) ? model.task : null,
    architecture: model.architecture ?? null,
    weightsKey: model.files.find((file) => file.format === 'pt')?.key ?? null,
  };
}

/** `model.ready` for a model with a servable ONNX file, or nothing. */
export function readyPayload(model: Model): PayloadOf<typeof ModelReady> | undefined {
  const onnx = model.files.find((file) => file.format === 'onnx');
  if (!onnx || !model.facts || !isTask(model.task)) return undefined;
  return {
    ...modelRef(model),
    task: model.task,
    names: model.classNames,
    imgsz: model.facts.imgsz,
    stride: model.facts.stride,
    kptShape: model.facts.kptShape,
    dynamic: model.facts.dynamic,
    end2end: model.facts.end2end,
    fileKey: onnx.key,
  };
}

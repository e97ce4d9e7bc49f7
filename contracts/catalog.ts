import { z } from 'zod';
import { defineEvent, type PublicView } from '../kernel/event-contract.js';

/** Events of the catalog subgraph: projects, models and datasets over their life, trash included. */

const TASK = z.enum(['detect', 'segment', 'pose', 'obb', 'classify']);
const pair = z.tuple([z.number().int(), z.number().int()]);

const project = z.object({ projectId: z.string(), name: z.string() });
const projectView = (action: string, verb: string) => (p: z.output<typeof project>) =>
  ({
    resource: { type: 'project', id: p.projectId, name: p.name },
    action,
    summary: `Project "${p.name}" ${verb}`,
    data: { ...p },
  }) satisfies PublicView;

export const ProjectCreated = defineEvent({ type: 'project.created', payload: project, public: projectView('created', 'created') });
export const ProjectDeleted = defineEvent({
  type: 'project.deleted',
  payload: project,
  public: projectView('trashed', 'moved to the trash'),
});
export const ProjectRestored = defineEvent({
  type: 'project.restored',
  payload: project,
  public: projectView('restored', 'restored from the trash'),
});
export const ProjectPurged = defineEvent({
  type: 'project.purged',
  payload: project,
  public: projectView('deleted', 'deleted permanently'),
});

const model = z.object({ modelId: z.string(), projectId: z.string(), name: z.string() });
const modelView = (action: string, verb: string) => (p: z.output<typeof model>) =>
  ({
    resource: { type: 'model', id: p.modelId, name: p.name },
    action,
    summary: `Model "${p.name}" ${verb}`,
    data: { modelId: p.modelId, projectId: p.projectId, name: p.name },
  }) satisfies PublicView;

export const ModelCreated = defineEvent({
  type: 'model.created',
  payload: model.extend({
    task: TASK.nullable(),
    architecture: z.string().nullable(),
    /** File store key of uploaded `.pt` weights (training can start from them), else null. */
    weightsKey: z.string().nullable(),
  }),
  public: modelView('created', 'created'),
});

/** The model has a servable ONNX file: what the inference subgraph needs to serve it. */
export const ModelReady = defineEvent({
  type: 'model.ready',
  payload: model.extend({
    task: TASK,
    names: z.array(z.string()),
    imgsz: pair,
    stride: z.number().int(),
    kptShape: pair.nullable(),
    dynamic: z.boolean(),
    end2end: z.boolean(),
    /** File store key of the ONNX file. */
    fileKey: z.string(),
  }),
  public: (p) => ({
    resource: { type: 'model', id: p.modelId, name: p.name },
    action: 'uploaded',
    summary: `Model "${p.name}" is ready to predict`,
    data: { modelId: p.modelId, projectId: p.projectId, name: p.name, task: p.task, classNames: p.names, imageSize: p.imgsz },
  }),
});

/** New `.pt` weights became the model's (an upload to a signed URL, e.g. `best.pt` of a run on the user's machine). */
export const ModelWeightsAttached = defineEvent({
  type: 'model.weights-attached',
  payload: model.extend({
    /** File store key of the `.pt` weights: training can start from them. */
    weightsKey: z.string(),
    size: z.number().int(),
  }),
  public: (p) => ({
    resource: { type: 'model', id: p.modelId, name: p.name },
    summary: `Model "${p.name}" has new weights`,
    data: { modelId: p.modelId, projectId: p.projectId, name: p.name, size: p.size },
  }),
});

export const ModelDeleted = defineEvent({ type: 'model.deleted', payload: model, public: modelView('trashed', 'moved to the trash') });
export const ModelRestored = defineEvent({
  type: 'model.restored',
  payload: model,
  public: modelView('restored', 'restored from the trash'),
});
export const ModelPurged = defineEvent({ type: 'model.purged', payload: model, public: modelView('deleted', 'deleted permanently') });

const dataset = z.object({ datasetId: z.string(), name: z.string() });
const datasetView = (action: string, verb: string) => (p: z.output<typeof dataset>) =>
  ({
    resource: { type: 'dataset', id: p.datasetId, name: p.name },
    action,
    summary: `Dataset "${p.name}" ${verb}`,
    data: { datasetId: p.datasetId, name: p.name },
  }) satisfies PublicView;

/** What training needs to know of a dataset: its task, size and classes. */
const datasetFacts = dataset.extend({ task: TASK, imageCount: z.number().int(), classNames: z.array(z.string()) });

export const DatasetCreated = defineEvent({ type: 'dataset.created', payload: datasetFacts, public: datasetView('created', 'created') });
export const DatasetUpdated = defineEvent({
  type: 'dataset.updated',
  payload: datasetFacts,
  public: (p) => ({
    resource: { type: 'dataset', id: p.datasetId, name: p.name },
    action: 'uploaded',
    summary: `Dataset "${p.name}" now has ${p.imageCount} images`,
    data: { datasetId: p.datasetId, name: p.name, task: p.task, imageCount: p.imageCount, classNames: p.classNames },
  }),
});
export const DatasetDeleted = defineEvent({
  type: 'dataset.deleted',
  payload: dataset,
  public: datasetView('trashed', 'moved to the trash'),
});
export const DatasetRestored = defineEvent({
  type: 'dataset.restored',
  payload: dataset,
  public: datasetView('restored', 'restored from the trash'),
});
export const DatasetPurged = defineEvent({
  type: 'dataset.purged',
  payload: dataset,
  public: datasetView('deleted', 'deleted permanently'),
});

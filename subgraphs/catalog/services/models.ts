import type { FileUpload } from 'graphql-upload-minimal';
import { ModelCreated, ModelReady } from '../../../contracts/index.js';
import type { AccountCaller } from '../../../kernel/auth.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import { newId } from '../../../kernel/ids.js';
import { LIMITS } from '../../../kernel/limits.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import type { Trash, TrashKind } from '../../../kernel/trash.js';
import { InvalidModelError, inspectModelFile } from '../../../runtime/index.js';
import { Dataset } from '../entities/dataset.js';
import { Model, type ModelFacts, type ModelFile, type ModelFormat } from '../entities/model.js';
import { Project } from '../entities/project.js';
import { DOWNLOAD_TTL_MS, safeFileName, storeUpload, type CatalogFiles, type SignedLink } from './files.js';
import { createdPayload, readyPayload } from './model-events.js';
import { checkName, slugify } from './names.js';
import { freeSlug } from './slugs.js';
import type { Storage } from './storage.js';
import { checkTask, isTask, type Task } from './tasks.js';

export interface CreateModelInput {
  projectId: string;
  name: string;
  task: string;
  architecture?: string | null;
  datasetId?: string | null;
}

export interface UploadModelInput {
  file: Promise<FileUpload>;
  projectId: string;
  name: string;
}

export interface ModelFilters {
  projectId?: string | null;
  task?: string | null;
}

export interface ModelDownload extends SignedLink {
  format: ModelFormat;
  name: string;
  size: number;
  sha256: string;
}

/** yolov8n, yolo11s-seg, yolo26n-pose ...: Ultralytics model family, scale, and task suffix. */
const ARCHITECTURE = /^yolo(?:v\d+|\d+)[nsmlx](?:-(seg|pose|obb|cls))?$/;
const TASK_SUFFIX: Record<Task, string> = { detect: '', segment: '-seg', pose: '-pose', obb: '-obb', classify: '-cls' };

export class Models {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly files: CatalogFiles,
    private readonly storage: Storage,
    private readonly trash: Trash,
    private readonly kind: TrashKind<Model>,
  ) {}

  /** A model to be trained from scratch: no weights yet. */
  create(accountId: string, input: CreateModelInput): Promise<Model> {
    checkProjectId(input.projectId);
    const name = checkName(input.name);
    const task = checkTask(input.task);
    const architecture = checkArchitecture(input.architecture, task);
    return this.db.transaction(async (em) => {
      await liveProject(em, accountId, input.projectId);
      if (input.datasetId) {
        const dataset = await em.findOne(Dataset, { id: input.datasetId, accountId });
        if (!dataset) throw notFound('Dataset', input.datasetId);
        if (dataset.task !== task) throw validationError(`The dataset is for ${dataset.task}, the model for ${task}`);
      }
      const model = em.create(Model, {
        ...(await this.newModel(em, accountId, { id: newId('model'), projectId: input.projectId, name, task, architecture })),
        datasetId: input.datasetId ?? null,
      });
      await em.flush();
      await this.events.publish(em, ModelCreated, accountId, createdPayload(model));
      return model;
    });
  }

  /**
   * Uploaded weights: an Ultralytics ONNX export (task, names, image size read from its metadata; servable at once)
   * or PyTorch `.pt` weights (stored for download and export). A refused file leaves no row and no file.
   */
  async upload(caller: AccountCaller, input: UploadModelInput): Promise<Model> {
    const { accountId } = caller;
    checkProjectId(input.projectId);
    const name = checkName(input.name);
    await liveProject(this.db.em(), accountId, input.projectId);
    const upload = await input.file;
    const format = formatOf(upload.filename);
    const id = newId('model');
    const fileName = safeFileName(upload.filename, `model.${format}`);
    const key = fileKeys.modelFile(accountId, id, fileName);
    const stored = await storeUpload(this.files.store, key, upload.createReadStream(), LIMITS.modelBytes);
    try {
      const metadata = format === 'onnx' ? await this.readOnnx(key) : await this.checkTorch(key);
      const file: ModelFile = { format, name: fileName, key, size: stored.size, sha256: stored.sha256 };
      return await this.db.transaction(async (em) => {
        await liveProject(em, accountId, input.projectId);
        await this.storage.check(em, accountId, caller.plan, stored.size);
        const model = em.create(Model, {
          ...(await this.newModel(em, accountId, {
            id,
            projectId: input.projectId,
            name,
            task: metadata?.task ?? null,
            architecture: null,
          })),
          classNames: metadata?.names ?? [],
          facts: metadata?.facts ?? null,
          files: [file],
          status: 'ready',
          sizeBytes: stored.size,
        });
        await em.flush();
        await this.events.publish(em, ModelCreated, accountId, createdPayload(model));
        const ready = readyPayload(model);
        if (ready) await this.events.publish(em, ModelReady, accountId, ready);
        return model;
      });
    } catch (error) {
      await this.files.store.delete(key);
      throw error;
    }
  }

  list(em: EntityManager, accountId: string, filters: ModelFilters, page: Page): Promise<{ items: Model[]; total: number }> {
    const where: Record<string, unknown> = { accountId };
    if (filters.projectId) where.projectId = filters.projectId;
    if (filters.task) where.task = checkTask(filters.task);
    return findPage(em, Model, where, page);
  }

  async get(em: EntityManager, accountId: string, id: string): Promise<Model> {
    const model = await em.findOne(Model, { id, accountId });
    if (!model) throw notFound('Model', id);
    return model;
  }

  /** Signed, expiring links to each stored weights file. */
  async downloads(em: EntityManager, accountId: string, id: string, baseUrl: string | null): Promise<ModelDownload[]> {
    return this.downloadsOf(await this.get(em, accountId, id), baseUrl);
  }

  downloadsOf(model: Model, baseUrl: string | null): ModelDownload[] {
    const now = Date.now();
    return model.files.map((file) => ({
      format: file.format,
      name: file.name,
      size: file.size,
      sha256: file.sha256,
      ...this.files.link(file.key, baseUrl, DOWNLOAD_TTL_MS, now),
    }));
  }

  /** Moves the model to the trash; its files stay (and count) until it is deleted for good. */
  delete(accountId: string, id: string): Promise<Model> {
    return this.db.transaction(async (em) => {
      const model = await this.get(em, accountId, id);
      await this.trash.moveIn(em, this.kind, model);
      return model;
    });
  }

  /**
   * Inside the caller's transaction: the model a run on the user's own machine trains (`training_started`), with a
   * slug free in its project (`exp`, else `exp-2`, ...); no weights until the client uploads them.
   */
  async createForRunIn(
    em: EntityManager,
    accountId: string,
    fields: {
      projectId: string;
      name: string;
      task: Task | null;
      architecture: string | null;
      datasetId: string | null;
      classNames: string[];
    },
  ): Promise<Model> {
    const { datasetId, classNames, ...rest } = fields;
    const model = em.create(Model, {
      ...(await this.newModel(em, accountId, { id: newId('model'), ...rest, name: checkName(rest.name) })),
      datasetId,
      classNames,
    });
    await em.flush();
    await this.events.publish(em, ModelCreated, accountId, createdPayload(model));
    return model;
  }

  /** A model's columns before any weights are stored, with a slug free in its project. */
  private async newModel(
    em: EntityManager,
    accountId: string,
    fields: { id: string; projectId: string; name: string; task: string | null; architecture: string | null },
  ) {
    const now = this.clock.now();
    return {
      ...fields,
      accountId,
      slug: await freeSlug(em, Model, { projectId: fields.projectId }, slugify(fields.name)),
      datasetId: null,
      classNames: [],
      facts: null,
      files: [],
      status: 'pending' as const,
      sizeBytes: 0,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      trashedWith: null,
    };
  }

  private async readOnnx(key: string): Promise<{ task: Task; names: string[]; facts: ModelFacts }> {
    try {
      // Metadata and the graph's declared shapes: a layout the runtime cannot serve is refused here, not at predict.
      const { metadata } = await this.files.store.withLocalFile(key, inspectModelFile);
      if (!isTask(metadata.task)) throw new InvalidModelError(`unknown task ${metadata.task}`);
      const { imgsz, stride, kptShape, dynamic, end2end, channels } = metadata;
      // A graph with symbolic sizes cannot contradict its metadata; its imgsz is still what every predict allocates.
      if (!dynamic && Math.max(...imgsz) > LIMITS.modelImageSize) {
        throw new InvalidModelError(`its imgsz [${imgsz.join(', ')}] is larger than ${LIMITS.modelImageSize} a side`);
      }
      return { task: metadata.task, names: metadata.names, facts: { imgsz, stride, kptShape, dynamic, end2end, channels } };
    } catch (error) {
      if (error instanceof InvalidModelError) throw validationError(`The file is not a valid Ultralytics ONNX model: ${error.message}`);
      throw error;
    }
  }

  /** PyTorch weights are a zip archive (torch >= 1.6) or a pickle (older); task and names wait for an export. */
  private async checkTorch(key: string): Promise<undefined> {
    if (!isTorchWeights(await this.files.head(key, 4))) throw validationError('The file is not PyTorch weights (.pt)');
    return undefined;
  }
}

/** Whether a file starting with `head` (4 bytes) is PyTorch weights: a zip archive (torch >= 1.6) or a pickle. */
export function isTorchWeights(head: Buffer): boolean {
  const zip = head.length === 4 && head.readUInt32LE(0) === 0x04034b50;
  const pickle = head.length >= 2 && head[0] === 0x80 && head[1]! >= 2 && head[1]! <= 5;
  return zip || pickle;
}

/**
 * The architecture a client's `model=` names (`yolov8n.yaml`, `yolo11s-seg.pt` → `yolov8n`, `yolo11s-seg`) when it
 * is an Ultralytics one doing `task`; anything else (a path, a `ul://` model, a custom config) names none.
 */
export function architectureOf(modelArgument: string | null | undefined, task: Task | null): string | null {
  const stem = (modelArgument ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/\.(ya?ml|pt)$/i, '')
    .toLowerCase();
  const match = ARCHITECTURE.exec(stem);
  if (!match) return null;
  if (task && (match[1] ? `-${match[1]}` : '') !== TASK_SUFFIX[task]) return null;
  return stem;
}

async function liveProject(em: EntityManager, accountId: string, projectId: string): Promise<Project> {
  const project = await em.findOne(Project, { id: projectId, accountId });
  if (!project) throw notFound('Project', projectId);
  return project;
}

function checkProjectId(projectId: string): void {
  if (!projectId) throw validationError('projectId is required');
}

function formatOf(filename: string): ModelFormat {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.onnx')) return 'onnx';
  if (lower.endsWith('.pt')) return 'pt';
  throw validationError('The model file must be an Ultralytics .onnx export or .pt weights', { filename });
}

function checkArchitecture(value: string | null | undefined, task: Task): string {
  const architecture = value?.trim() || `yolo11n${TASK_SUFFIX[task]}`;
  const match = ARCHITECTURE.exec(architecture);
  if (!match) throw validationError('architecture must be an Ultralytics model such as yolov8n or yolo11n', { architecture: value });
  const suffix = match[1] ? `-${match[1]}` : '';
  if (suffix !== TASK_SUFFIX[task]) throw validationError(`architecture ${architecture} does not do ${task}`, { architecture, task });
  return architecture;
}

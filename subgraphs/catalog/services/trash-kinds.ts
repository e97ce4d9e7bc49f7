import {
  DatasetDeleted,
  DatasetPurged,
  DatasetRestored,
  ModelDeleted,
  ModelPurged,
  ModelReady,
  ModelRestored,
  ProjectDeleted,
  ProjectPurged,
  ProjectRestored,
} from '../../../contracts/index.js';
import type { EntityManager } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import type { TrashKind } from '../../../kernel/trash.js';
import { DatasetImage } from '../entities/dataset-image.js';
import { Dataset } from '../entities/dataset.js';
import { Model } from '../entities/model.js';
import { ModelUpload } from '../entities/model-upload.js';
import { Project } from '../entities/project.js';
import { modelRef, readyPayload } from './model-events.js';
import { freeSlug } from './slugs.js';

/**
 * How projects, models and datasets live in the trash (the platform docs' rules): a project takes its models with it
 * and brings them back; a model cannot come back while its project is in the trash; a slug taken meanwhile is
 * replaced by a free one. Files are erased by the consumer of the `*.purged` events, once the deletion has committed.
 */
export function catalogTrashKinds(events: EventBus): { project: TrashKind<Project>; model: TrashKind<Model>; dataset: TrashKind<Dataset> } {
  const model: TrashKind<Model> = {
    type: 'model',
    entity: Model,
    describe: (row) => ({ name: row.name, sizeBytes: row.sizeBytes, parentId: row.projectId }),
    async beforeRestore(em, row) {
      if (!(await em.findOne(Project, { id: row.projectId, accountId: row.accountId }))) {
        throw validationError('Cannot restore model while its parent project is in trash. Restore the project first.', {
          projectId: row.projectId,
        });
      }
      row.slug = await freeSlug(em, Model, { projectId: row.projectId }, row.slug, row.id);
    },
    onDeleted: (em, row) => events.publish(em, ModelDeleted, row.accountId, modelRef(row)),
    async onRestored(em, row) {
      await events.publish(em, ModelRestored, row.accountId, modelRef(row));
      const ready = readyPayload(row);
      if (ready) await events.publish(em, ModelReady, row.accountId, ready);
    },
    async onPurged(em, row) {
      await em.nativeDelete(ModelUpload, { modelId: row.id });
      await events.publish(em, ModelPurged, row.accountId, modelRef(row));
    },
  };

  const project: TrashKind<Project> = {
    type: 'project',
    entity: Project,
    describe: (row) => ({ name: row.name, sizeBytes: 0 }),
    children: { kind: model, of: (row) => ({ projectId: row.id, accountId: row.accountId }) },
    async beforeRestore(em, row) {
      row.slug = await freeSlug(em, Project, { accountId: row.accountId }, row.slug, row.id);
    },
    onDeleted: (em, row) => events.publish(em, ProjectDeleted, row.accountId, { projectId: row.id, name: row.name }),
    onRestored: (em, row) => events.publish(em, ProjectRestored, row.accountId, { projectId: row.id, name: row.name }),
    onPurged: (em, row) => events.publish(em, ProjectPurged, row.accountId, { projectId: row.id, name: row.name }),
  };

  const dataset: TrashKind<Dataset> = {
    type: 'dataset',
    entity: Dataset,
    describe: (row) => ({ name: row.name, sizeBytes: row.sizeBytes }),
    async beforeRestore(em, row) {
      row.slug = await freeSlug(em, Dataset, { accountId: row.accountId }, row.slug, row.id);
    },
    onDeleted: (em, row) => events.publish(em, DatasetDeleted, row.accountId, { datasetId: row.id, name: row.name }),
    onRestored: (em, row) => events.publish(em, DatasetRestored, row.accountId, { datasetId: row.id, name: row.name }),
    async onPurged(em: EntityManager, row) {
      await em.nativeDelete(DatasetImage, { datasetId: row.id });
      await events.publish(em, DatasetPurged, row.accountId, { datasetId: row.id, name: row.name });
    },
  };

  return { project, model, dataset };
}

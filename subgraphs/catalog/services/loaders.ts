import DataLoader from 'dataloader';
import type { EntityManager } from '../../../kernel/database.js';
import { Dataset } from '../entities/dataset.js';
import { Model } from '../entities/model.js';
import { Project } from '../entities/project.js';

/**
 * Batched look-ups for one request and one account: whatever a page of results asks for (each model's project, each
 * project's models, `_entities` references) costs one query per kind, not one per item. Other accounts' rows and
 * rows in the trash load as null.
 */
export interface CatalogLoaders {
  project: DataLoader<string, Project | null>;
  model: DataLoader<string, Model | null>;
  dataset: DataLoader<string, Dataset | null>;
  modelsOfProject: DataLoader<string, Model[]>;
}

export function createLoaders(em: EntityManager, accountId: string): CatalogLoaders {
  const byId = <T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const found = new Map((await load([...ids])).map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    });
  return {
    project: byId((ids) => em.find(Project, { id: { $in: ids }, accountId })),
    model: byId((ids) => em.find(Model, { id: { $in: ids }, accountId })),
    dataset: byId((ids) => em.find(Dataset, { id: { $in: ids }, accountId })),
    modelsOfProject: new DataLoader<string, Model[]>(async (projectIds) => {
      const models = await em.find(
        Model,
        { projectId: { $in: [...projectIds] }, accountId },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );
      return projectIds.map((projectId) => models.filter((model) => model.projectId === projectId));
    }),
  };
}

import type { AccountDataOwner } from '../../../contracts/index.js';
import type { EntityManager } from '../../../kernel/database.js';
import { INCLUDING_TRASH } from '../../../kernel/trash.js';
import { DatasetImage } from '../entities/dataset-image.js';
import { Dataset } from '../entities/dataset.js';
import { Model } from '../entities/model.js';
import { Project } from '../entities/project.js';

/** The catalog's part of a GDPR request: projects, models, datasets and labels, the trash included. */
export const catalogAccountData: AccountDataOwner = {
  async export(em, accountId) {
    const datasets = await em.find(Dataset, { accountId }, INCLUDING_TRASH);
    return {
      projects: await em.find(Project, { accountId }, INCLUDING_TRASH),
      // File-store keys are internal: the files themselves are in the archive's files/ folder.
      models: (await em.find(Model, { accountId }, INCLUDING_TRASH)).map(({ files, ...model }) => ({
        ...model,
        files: files.map(({ format, name, size, sha256 }) => ({ format, name, size, sha256 })),
      })),
      datasets,
      datasetImages: (
        await imagesOf(
          em,
          datasets.map((dataset) => dataset.id),
        )
      ).map(({ fileKey: _key, ...image }) => image),
    };
  },
  async erase(em, accountId) {
    const datasets = await em.find(Dataset, { accountId }, { ...INCLUDING_TRASH, fields: ['id'] });
    await em.nativeDelete(DatasetImage, { datasetId: { $in: datasets.map((dataset) => dataset.id) } });
    await em.nativeDelete(Dataset, { accountId });
    await em.nativeDelete(Model, { accountId });
    await em.nativeDelete(Project, { accountId });
  },
};

function imagesOf(em: EntityManager, datasetIds: string[]): Promise<DatasetImage[]> {
  return em.find(DatasetImage, { datasetId: { $in: datasetIds } }, { orderBy: { datasetId: 'asc', id: 'asc' } });
}

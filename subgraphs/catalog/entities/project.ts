import { defineEntity, p } from '@mikro-orm/core';
import { liveOnly, trashColumns, trashIndexes } from '../../../kernel/trash.js';

/** A project groups an account's models (experiments of one kind). */
const ProjectSchema = defineEntity({
  name: 'Project',
  tableName: 'catalog.projects',
  filters: liveOnly,
  indexes: trashIndexes('catalog.projects', 'account_id'),
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    name: p.text(),
    slug: p.text(),
    description: p.text().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    ...trashColumns(),
  },
});

export class Project extends ProjectSchema.class {}
ProjectSchema.setClass(Project);
export { ProjectSchema };

import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import type { Page } from '../../../kernel/pagination.js';
import { Model } from '../entities/model.js';
import { Project } from '../entities/project.js';
import { MODEL_EVENTS, readyPayload } from './model-events.js';
import { checkDescription, checkName, slugify } from './names.js';
import { checkRestorable, LIVE } from './trash.js';

export const PROJECT_EVENTS = { created: 'project.created', deleted: 'project.deleted', restored: 'project.restored' } as const;

export interface ProjectInput {
  name: string;
  description?: string | null;
}

export class Projects {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
  ) {}

  create(accountId: string, input: ProjectInput): Promise<Project> {
    const name = checkName(input.name);
    const description = checkDescription(input.description);
    return this.db.transaction(async (em) => {
      const now = new Date();
      const project = em.create(Project, {
        id: newId('project'),
        accountId,
        name,
        slug: slugify(name),
        description,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      });
      await em.flush();
      await this.events.publish(em, PROJECT_EVENTS.created, accountId, { projectId: project.id, name });
      return project;
    });
  }

  async list(em: EntityManager, accountId: string, page: Page): Promise<{ items: Project[]; total: number }> {
    const [items, total] = await em.findAndCount(
      Project,
      { accountId, ...LIVE },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: page.limit, offset: page.offset },
    );
    return { items, total };
  }

  async get(em: EntityManager, accountId: string, id: string): Promise<Project> {
    const project = await em.findOne(Project, { id, accountId, ...LIVE });
    if (!project) throw notFound('Project', id);
    return project;
  }

  /** Moves the project and its models to the trash together; they come back together. */
  delete(accountId: string, id: string): Promise<Project> {
    return this.db.transaction(async (em) => {
      const project = await this.get(em, accountId, id);
      const now = new Date();
      project.deletedAt = now;
      const models = await em.find(Model, { projectId: id, accountId, ...LIVE });
      for (const model of models) model.deletedAt = now;
      await em.flush();
      for (const model of models) await this.events.publish(em, MODEL_EVENTS.deleted, accountId, { modelId: model.id });
      await this.events.publish(em, PROJECT_EVENTS.deleted, accountId, { projectId: id });
      return project;
    });
  }

  restore(accountId: string, id: string): Promise<Project> {
    return this.db.transaction(async (em) => {
      const project = await em.findOne(Project, { id, accountId, deletedAt: { $ne: null } });
      checkRestorable('Project', id, project?.deletedAt);
      const models = await em.find(Model, { projectId: id, accountId, deletedAt: project!.deletedAt });
      project!.deletedAt = null;
      for (const model of models) model.deletedAt = null;
      await em.flush();
      for (const model of models) {
        const ready = readyPayload(model);
        if (ready) await this.events.publish(em, MODEL_EVENTS.ready, accountId, ready);
      }
      await this.events.publish(em, PROJECT_EVENTS.restored, accountId, { projectId: id });
      return project!;
    });
  }
}

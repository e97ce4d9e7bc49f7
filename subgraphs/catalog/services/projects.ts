import { ProjectCreated } from '../../../contracts/index.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { notFound } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { newId } from '../../../kernel/ids.js';
import { findPage, type Page } from '../../../kernel/pagination.js';
import type { Trash, TrashKind } from '../../../kernel/trash.js';
import { Project } from '../entities/project.js';
import { checkDescription, checkName, slugify } from './names.js';
import { freeSlug } from './slugs.js';

export interface ProjectInput {
  name: string;
  description?: string | null;
}

export class Projects {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly trash: Trash,
    private readonly kind: TrashKind<Project>,
  ) {}

  create(accountId: string, input: ProjectInput): Promise<Project> {
    return this.db.transaction((em) => this.createIn(em, accountId, input));
  }

  /** Creates a project inside the caller's transaction. */
  async createIn(em: EntityManager, accountId: string, input: ProjectInput): Promise<Project> {
    const name = checkName(input.name);
    const description = checkDescription(input.description);
    const now = this.clock.now();
    const project = em.create(Project, {
      id: newId('project'),
      accountId,
      name,
      slug: await freeSlug(em, Project, { accountId }, slugify(name)),
      description,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      trashedWith: null,
    });
    await em.flush();
    await this.events.publish(em, ProjectCreated, accountId, { projectId: project.id, name });
    return project;
  }

  list(em: EntityManager, accountId: string, page: Page): Promise<{ items: Project[]; total: number }> {
    return findPage(em, Project, { accountId }, page);
  }

  async get(em: EntityManager, accountId: string, id: string): Promise<Project> {
    const project = await em.findOne(Project, { id, accountId });
    if (!project) throw notFound('Project', id);
    return project;
  }

  /** Moves the project and its models to the trash together; they come back together. */
  delete(accountId: string, id: string): Promise<Project> {
    return this.db.transaction(async (em) => {
      const project = await this.get(em, accountId, id);
      await this.trash.moveIn(em, this.kind, project);
      return project;
    });
  }
}

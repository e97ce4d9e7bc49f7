import type { AccountCaller } from '../../../kernel/auth.js';
import type { EntityManager } from '../../../kernel/database.js';
import { notFound } from '../../../kernel/errors.js';
import { Dataset } from '../entities/dataset.js';
import { Model } from '../entities/model.js';
import { Project } from '../entities/project.js';

/**
 * Resources by the address users and Ultralytics clients know them by: the owner's username and slugs
 * (`ul://<username>/datasets/<slug>`, `ul://<username>/<project>/<model>`). Only the caller's own live resources
 * answer: another username, a slug of nothing or a malformed one are all simply not found.
 */
const SLUG = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** The caller owns what `username` names, or it is not found (no resource of another account is ever shown). */
export function checkOwner(caller: AccountCaller, username: string | null | undefined, what: string): void {
  if (username !== null && username !== undefined && username !== caller.username) throw notFound(what, `${username.slice(0, 100)}/…`);
}

function checkedSlug(slug: string, what: string): string {
  if (!SLUG.test(slug)) throw notFound(what, slug.slice(0, 100));
  return slug;
}

export async function projectBySlug(em: EntityManager, accountId: string, slug: string): Promise<Project> {
  const project = await em.findOne(Project, { accountId, slug: checkedSlug(slug, 'Project') });
  if (!project) throw notFound('Project', slug);
  return project;
}

export async function datasetBySlug(em: EntityManager, accountId: string, slug: string): Promise<Dataset> {
  const dataset = await em.findOne(Dataset, { accountId, slug: checkedSlug(slug, 'Dataset') });
  if (!dataset) throw notFound('Dataset', slug);
  return dataset;
}

export async function modelBySlug(em: EntityManager, accountId: string, projectSlug: string, slug: string): Promise<Model> {
  const project = await projectBySlug(em, accountId, projectSlug);
  const model = await em.findOne(Model, { accountId, projectId: project.id, slug: checkedSlug(slug, 'Model') });
  if (!model) throw notFound('Model', `${projectSlug}/${slug}`);
  return model;
}

/**
 * `<username>/<project>` or `<project>`, as the Ultralytics client sends `project=`: the project's slug. The username
 * part names no owner here: the API key's account owns the run, whatever the prefix (the platform's own contract).
 */
export function projectPart(value: string): string {
  const slash = value.indexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** `ul://<username>/datasets/<slug>`: the username and slug, or nothing for any other `data=`. */
export function datasetUri(value: string | null | undefined): { username: string; slug: string } | undefined {
  const match = /^ul:\/\/([^/]+)\/datasets\/([^/]+)$/.exec(value?.trim() ?? '');
  return match ? { username: match[1]!, slug: match[2]! } : undefined;
}

import { Router } from 'express';
import { CreateProjectDocument, DeleteProjectDocument, GetProjectDocument, ListProjectsDocument } from '../generated/graphql.js';
import { body, optionalString, paging } from '../params.js';
import { route, type Execute } from '../route.js';

/** GET/POST /api/projects, GET/DELETE /api/projects/{projectId}. */
export function projectRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/projects',
    route(execute, ListProjectsDocument, paging, (data) => ({ data: data.projects.items, meta: data.projects.meta })),
  );
  router.get(
    '/projects/:projectId',
    route(
      execute,
      GetProjectDocument,
      (req) => ({ id: String(req.params.projectId) }),
      (data) => ({ data: data.project }),
    ),
  );
  router.post(
    '/projects',
    route(
      execute,
      CreateProjectDocument,
      (req) => {
        const input = body(req);
        // A missing name reaches the service as empty, which refuses it with the rule it breaks.
        return { input: { name: optionalString(input.name, 'name') ?? '', description: optionalString(input.description, 'description') } };
      },
      (data) => ({ data: data.createProject, status: 201 }),
    ),
  );
  router.delete(
    '/projects/:projectId',
    route(
      execute,
      DeleteProjectDocument,
      (req) => ({ id: String(req.params.projectId) }),
      (data) => ({ data: { id: data.deleteProject.id, deleted: true } }),
    ),
  );
  return router;
}

import { Router } from 'express';
import { CreateApiKeyDocument, ListApiKeysDocument, RevokeApiKeyDocument } from '../generated/graphql.js';
import { body, optionalString, optionalStringList, paging } from '../params.js';
import { route, type Execute } from '../route.js';

/** GET/POST /api/api-keys, DELETE /api/api-keys/{keyId}. */
export function apiKeyRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/api-keys',
    route(execute, ListApiKeysDocument, paging, (data) => ({ data: data.apiKeys.items, meta: data.apiKeys.meta })),
  );
  router.post(
    '/api-keys',
    route(
      execute,
      CreateApiKeyDocument,
      (req) => {
        const input = body(req);
        return { input: { name: optionalString(input.name, 'name'), scopes: optionalStringList(input.scopes, 'scopes') } };
      },
      (data) => ({ data: { ...data.createApiKey.apiKey, key: data.createApiKey.key }, status: 201 }),
    ),
  );
  router.delete(
    '/api-keys/:keyId',
    route(
      execute,
      RevokeApiKeyDocument,
      (req) => ({ id: String(req.params.keyId) }),
      (data) => ({ data: { id: data.revokeApiKey.id, revoked: true } }),
    ),
  );
  return router;
}

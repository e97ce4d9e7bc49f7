import { defineEntity, p } from '@mikro-orm/core';
import type { Scope } from '../../../kernel/auth.js';

/** An API key as stored: only the SHA-256 of the secret, and a prefix to recognise it by. */
const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'account.api_keys',
  properties: {
    id: p.text().primary(),
    accountId: p.text().index(),
    name: p.text(),
    secretHash: p.text().unique(),
    prefix: p.text(),
    scopes: p.array().$type<Scope[]>(),
    createdAt: p.datetime(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
export { ApiKeySchema };

import { expect, it } from 'vitest';
import { openDatabase } from '../../kernel/database.js';
import { eventsSchema } from '../../kernel/events.js';
import { SUBGRAPHS } from '../../platform/subgraphs.js';
import { testConfig } from '../support/platform.js';

it("keeps every subgraph's migrations and entities in step: after migrating, the ORM wants no change", async () => {
  const db = await openDatabase(await testConfig(), [eventsSchema, ...SUBGRAPHS.map(({ definition }) => definition.database)]);
  try {
    const diff = await db.orm.schema.getUpdateSchemaSQL({ wrap: false, safe: true });
    expect(diff.trim()).toBe('');
  } finally {
    await db.close();
  }
});

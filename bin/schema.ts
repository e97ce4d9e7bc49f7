import { writeSchemaFiles } from '../platform/schema.js';

const written = await writeSchemaFiles();
console.log(`schema/: wrote ${written.join(', ')}`);

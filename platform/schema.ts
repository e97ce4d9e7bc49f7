import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSchemaSdl, composeSupergraph } from '../gateway/supergraph.js';
import { buildFederatedSchema } from '../kernel/subgraph.js';
import { SUBGRAPHS } from './subgraphs.js';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema');

/** The checked-in schema files, generated from the code: one SDL per subgraph, the supergraph and the API schema. */
export async function generateSchemaFiles(): Promise<Record<string, string>> {
  const subgraphs = await Promise.all(
    SUBGRAPHS.map(async ({ definition, defaultPort }) => ({
      name: definition.name,
      url: `http://127.0.0.1:${defaultPort}/graphql`,
      sdl: (await buildFederatedSchema(definition)).sdl,
    })),
  );
  const supergraph = composeSupergraph(subgraphs);
  const files: Record<string, string> = {};
  for (const { name, sdl } of subgraphs) files[`${name}.graphql`] = `${sdl.trim()}\n`;
  files['supergraph.graphql'] = `${supergraph.trim()}\n`;
  files['api.graphql'] = `${apiSchemaSdl(supergraph).trim()}\n`;
  return files;
}

export async function writeSchemaFiles(): Promise<string[]> {
  const files = await generateSchemaFiles();
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(SCHEMA_DIR, name), content)));
  return Object.keys(files);
}

export function readSupergraph(): Promise<string> {
  return readFile(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}

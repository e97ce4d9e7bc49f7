import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { parse as parseYaml } from 'yaml';
import { expect, it } from 'vitest';
import { generateSchemaFiles, SCHEMA_DIR } from '../../platform/schema.js';

const root = path.resolve(SCHEMA_DIR, '..');

it('has schema/ up to date with the code (run `npm run schema`)', async () => {
  const files = await generateSchemaFiles();
  for (const [name, content] of Object.entries(files)) {
    expect(await readFile(path.join(SCHEMA_DIR, name), 'utf8'), `schema/${name} is stale`).toBe(content);
  }
});

it('has the typed operations up to date with schema/ and the .graphql documents (run `npm run codegen`)', async () => {
  const config = parseYaml(await readFile(path.join(root, 'codegen.yml'), 'utf8'));
  const outputs = await generate({ ...config, cwd: root, silent: true }, false);
  expect(outputs.length).toBeGreaterThan(0);
  for (const output of outputs as Array<{ filename: string; content: string }>) {
    expect(await readFile(path.resolve(root, output.filename), 'utf8'), `${output.filename} is stale`).toBe(output.content);
  }
});

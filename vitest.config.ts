import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // Vite would pick graphql's ESM build for our sources while Apollo's CommonJS code loads the CJS one:
    // two graphql realms. Node itself resolves `graphql` to CJS, so the tests do the same.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts', 'subgraphs/**/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'runtime/test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Native addons (onnxruntime, sharp) and PGlite are happiest in child processes.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

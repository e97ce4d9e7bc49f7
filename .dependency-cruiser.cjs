/**
 * The walls of the architecture, checked on every import (`npm run lint`, run by CI). A rule here is a design
 * decision: change it in the same commit as the design, with the reason.
 */
module.exports = {
  forbidden: [
    {
      name: 'subgraph-isolation',
      comment: 'A subgraph never imports another: federation and domain events (contracts/) connect them.',
      severity: 'error',
      from: { path: '^subgraphs/([^/]+)/' },
      to: { path: '^subgraphs/', pathNot: '^subgraphs/$1/' },
    },
    {
      name: 'rest-compat-sends-operations',
      comment: 'rest-compat maps routes onto GraphQL operations; it never calls a service or the runtime.',
      severity: 'error',
      from: { path: '^rest-compat/' },
      to: { path: '^(subgraphs|runtime|platform|contracts)/' },
    },
    {
      name: 'kernel-imports-no-layer-above',
      comment: 'The kernel is what every subgraph shares; it knows none of them, nor the gateway or the runtime.',
      severity: 'error',
      from: { path: '^kernel/' },
      to: { path: '^(subgraphs|gateway|rest-compat|platform|runtime|contracts|cli|bin)/' },
    },
    {
      name: 'contracts-are-shared-vocabulary',
      comment: 'Event contracts may use the kernel, nothing that implements a subgraph, the gateway or the runtime.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(subgraphs|gateway|rest-compat|platform|runtime|cli|bin)/' },
    },
    {
      name: 'gateway-knows-no-subgraph',
      comment: 'The gateway reaches subgraphs over HTTP and WebSocket only.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^(subgraphs|runtime)/' },
    },
    {
      name: 'runtime-knows-no-platform',
      comment: 'The inference runtime knows nothing of HTTP, GraphQL or the platform around it.',
      severity: 'error',
      from: { path: '^runtime/' },
      to: { path: '^(kernel|contracts|subgraphs|gateway|rest-compat|platform|cli|bin)/' },
    },
    {
      name: 'runtime-knows-no-http-or-graphql',
      severity: 'error',
      from: { path: '^runtime/' },
      to: {
        path: '(^|/)node_modules/(express|graphql|graphql-ws|ws|type-graphql|busboy|@apollo/[^/]+|graphql-upload-minimal)/|^(node:)?https?$',
      },
    },
    {
      name: 'runtime-through-its-index',
      comment: 'Outside runtime/ (and its own unit tests), the runtime is used through runtime/index.ts only.',
      severity: 'error',
      from: { pathNot: '^(runtime|test)/' },
      to: { path: '^runtime/', pathNot: '^runtime/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.tools|data|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

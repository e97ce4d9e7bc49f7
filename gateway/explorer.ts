import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** GraphiQL, React and the graphql-ws client served from node_modules, so they work on a machine with no internet. */
const ASSETS: Record<string, string> = {
  'react.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  // For browser clients following subscriptions (README): the graphql-ws client, served offline too.
  'graphql-ws.js': path.join(packageDir('graphql-ws'), 'umd/graphql-ws.min.js'),
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>Vision platform · GraphQL explorer</title>
  <link rel="stylesheet" href="/graphql/explorer/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphql/explorer/react.js"></script>
  <script src="/graphql/explorer/react-dom.js"></script>
  <script src="/graphql/explorer/graphiql.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultEditorToolsVisibility: true,
        defaultHeaders: JSON.stringify({ 'x-api-key': 'ul_your_api_key' }, null, 2),
        shouldPersistHeaders: true,
        defaultQuery: '# Put your API key in the Headers tab below, then run:\\n{\\n  me { id email plan }\\n}\\n',
      }),
    );
  </script>
</body>
</html>`;

/** GET /graphql from a browser gets the explorer; its assets live under /graphql/explorer/. */
export function explorer(): Router {
  const router = express.Router();
  router.get('/graphql/explorer/:asset', (req, res) => {
    const file = ASSETS[req.params.asset];
    if (!file) return void res.status(404).end();
    res.sendFile(file, { maxAge: '1d' });
  });
  router.get('/graphql', (req, res, next) => {
    if (!req.accepts('html') || req.accepts(['json', 'html']) === 'json' || req.query.query) return next();
    res.type('html').send(PAGE);
  });
  return router;
}

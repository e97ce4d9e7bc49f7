import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of this gateway process: runtime defaults plus requests by surface, method and status. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered',
    labelNames: ['surface', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['surface', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const stop = this.duration.startTimer();
      res.on('finish', () => {
        // `req.path` is relative inside a mounted router (`/api` → `/models`): the original URL is the whole path.
        const surface = surfaceOf(req.originalUrl.split('?')[0] ?? '');
        stop({ surface, method: req.method });
        this.requests.inc({ surface, method: req.method, status: String(res.statusCode) });
      });
      next();
    };
  }
}

/** The Platform API's route families: the label names one of these, never whatever a client put in the path. */
const API_FAMILIES = new Set([
  'api-keys',
  'billing',
  'datasets',
  'deployments',
  'exports',
  'models',
  'projects',
  'settings',
  'storage',
  'training',
  'trash',
  'webhooks',
]);

/** Low-cardinality label: which surface was hit (the route family for /api), not the full path with ids in it. */
export function surfaceOf(path: string): string {
  if (path === '/graphql' || path.startsWith('/graphql/')) return 'graphql';
  if (path === '/api' || path.startsWith('/api/')) {
    const family = path.split('/')[2] ?? '';
    return API_FAMILIES.has(family) ? `api:${family}` : 'api:other';
  }
  if (path === '/' || path === '/predict') return 'hub-predict';
  if (path.startsWith('/endpoints/')) return 'endpoint';
  if (path.startsWith('/files/')) return 'files';
  if (path === '/health' || path === '/ready' || path === '/metrics') return 'operations';
  return 'other';
}

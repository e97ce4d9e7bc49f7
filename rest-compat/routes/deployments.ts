import { Router, type Request } from 'express';
import { validationError } from '../../kernel/errors.js';
import { LIMITS } from '../../kernel/limits.js';
import {
  CreateDeploymentDocument,
  DeleteDeploymentDocument,
  DeploymentHealthDocument,
  DeploymentLogsDocument,
  DeploymentMetricsDocument,
  DeploymentPredictDocument,
  GetDeploymentDocument,
  ListDeploymentsDocument,
  StartDeploymentDocument,
  StopDeploymentDocument,
  type DeploymentLogSeverity,
  type DeploymentPredictMutationVariables,
} from '../generated/graphql.js';
import { multipart, uploadOf } from '../multipart.js';
import { body, intQuery, optionalInteger, optionalJsonInteger, optionalNumber, optionalString, paging } from '../params.js';
import { hubResponse, modelIdFrom } from '../predictions.js';
import { route, type Execute } from '../route.js';
import { baseUrlOf } from './models.js';

const SEVERITIES: readonly DeploymentLogSeverity[] = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

/** `severity=ERROR,WARNING` (any case), as the docs' logs route takes it. */
function severities(raw: unknown): DeploymentLogSeverity[] | undefined {
  const text = optionalString(raw, 'severity');
  if (!text) return undefined;
  const levels = text.split(',').map((level) => level.trim().toUpperCase());
  const unknown = levels.filter((level) => !(SEVERITIES as readonly string[]).includes(level));
  if (unknown.length > 0) throw validationError(`severity must be among ${SEVERITIES.join(', ')}`, { severity: text.slice(0, 100) });
  return levels as DeploymentLogSeverity[];
}

function flag(raw: unknown, name: string): boolean {
  if (raw === undefined || raw === '') return false;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw validationError(`${name} must be true or false`, { [name]: typeof raw === 'string' ? raw.slice(0, 20) : raw });
}

function resources(raw: unknown) {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw validationError('resources must be an object');
  const fields = raw as Record<string, unknown>;
  return {
    cpu: optionalJsonInteger(fields.cpu, 'resources.cpu'),
    memoryGi: optionalNumber(fields.memoryGi, 'resources.memoryGi'),
    minInstances: optionalJsonInteger(fields.minInstances, 'resources.minInstances'),
    maxInstances: optionalJsonInteger(fields.maxInstances, 'resources.maxInstances'),
  };
}

const field = (req: Request, name: string): unknown => (req.body as Record<string, unknown> | undefined)?.[name];

/** The HUB predict fields (`model` optional) of a request to a deployment. */
function predictVariables(req: Request, deploymentId: string): DeploymentPredictMutationVariables {
  const file = uploadOf(req);
  if (!file) throw validationError('A multipart field "file" with an image or video is required');
  const model = optionalString(field(req, 'model'), 'model');
  return {
    deploymentId,
    file,
    modelId: model?.trim() ? modelIdFrom(model) : undefined,
    imgsz: optionalInteger(field(req, 'imgsz'), 'imgsz'),
    conf: optionalNumber(field(req, 'conf'), 'conf'),
    iou: optionalNumber(field(req, 'iou'), 'iou'),
    frameStride: optionalInteger(field(req, 'frameStride'), 'frameStride'),
    maxFrames: optionalInteger(field(req, 'maxFrames'), 'maxFrames'),
  };
}

/**
 * GET/POST /api/deployments, GET/DELETE /api/deployments/{id}, POST …/start and …/stop, GET …/metrics, …/logs,
 * …/health, POST …/predict.
 */
export function deploymentRoutes(execute: Execute): Router {
  const router = Router();
  const id = (req: Request) => String(req.params.deploymentId);
  const withBase = (req: Request) => ({ id: id(req), baseUrl: baseUrlOf(req) });

  router.get(
    '/deployments',
    route(
      execute,
      ListDeploymentsDocument,
      (req) => ({
        ...paging(req),
        modelId: optionalString(req.query.modelId, 'modelId'),
        status: optionalString(req.query.status, 'status'),
        baseUrl: baseUrlOf(req),
      }),
      (data) => ({ data: data.deployments.items, meta: data.deployments.meta }),
    ),
  );
  router.post(
    '/deployments',
    route(
      execute,
      CreateDeploymentDocument,
      (req) => {
        const input = body(req);
        return {
          input: {
            modelId: optionalString(input.modelId, 'modelId') ?? '',
            region: optionalString(input.region, 'region') ?? '',
            name: optionalString(input.name, 'name'),
            minInstances: optionalJsonInteger(input.minInstances, 'minInstances'),
            maxInstances: optionalJsonInteger(input.maxInstances, 'maxInstances'),
            resources: resources(input.resources),
          },
          baseUrl: baseUrlOf(req),
        };
      },
      (data) => ({ data: data.createDeployment, status: 201 }),
    ),
  );
  router.get(
    '/deployments/:deploymentId',
    route(execute, GetDeploymentDocument, withBase, (data) => ({ data: data.deployment })),
  );
  router.delete(
    '/deployments/:deploymentId',
    route(execute, DeleteDeploymentDocument, withBase, (data) => ({ data: { id: data.deleteDeployment.id, deleted: true } })),
  );
  router.post(
    '/deployments/:deploymentId/start',
    route(execute, StartDeploymentDocument, withBase, (data) => ({ data: data.startDeployment })),
  );
  router.post(
    '/deployments/:deploymentId/stop',
    route(execute, StopDeploymentDocument, withBase, (data) => ({ data: data.stopDeployment })),
  );
  router.get(
    '/deployments/:deploymentId/metrics',
    route(
      execute,
      DeploymentMetricsDocument,
      (req) => ({
        id: id(req),
        range: optionalString(req.query.range, 'range') ?? '24h',
        sparkline: flag(req.query.sparkline, 'sparkline'),
      }),
      (data) => ({ data: data.deploymentMetrics }),
    ),
  );
  router.get(
    '/deployments/:deploymentId/logs',
    route(
      execute,
      DeploymentLogsDocument,
      (req) => ({
        id: id(req),
        severity: severities(req.query.severity),
        limit: intQuery(req, 'limit'),
        pageToken: optionalString(req.query.pageToken, 'pageToken'),
      }),
      (data) => ({ data: data.deploymentLogs }),
    ),
  );
  router.get(
    '/deployments/:deploymentId/health',
    route(
      execute,
      DeploymentHealthDocument,
      (req) => ({ id: id(req) }),
      (data) => ({ data: data.deploymentHealth }),
    ),
  );
  // The in-app proxy of the endpoint (rate limited like every /api route); it answers what the endpoint answers.
  router.post(
    '/deployments/:deploymentId/predict',
    multipart(LIMITS.predictVideoBytes),
    route(
      execute,
      DeploymentPredictDocument,
      (req) => predictVariables(req, id(req)),
      (data) => ({ body: hubResponse(data.deploymentPredict) }),
    ),
  );
  return router;
}

/**
 * A deployment's own endpoint, `/endpoints/{deploymentId}`: `POST …/predict` (or `POST …`) takes the HUB predict call
 * with the owner's API key (`model` optional) and answers the HUB JSON; `GET …/health` answers its health with the
 * matching HTTP status. The gateway serves it without the plan's rate limit, as dedicated endpoints are.
 */
export function endpointRoutes(execute: Execute): Router {
  const router = Router();
  router.post(
    ['/:deploymentId', '/:deploymentId/predict'],
    multipart(LIMITS.predictVideoBytes),
    route(
      execute,
      DeploymentPredictDocument,
      (req) => predictVariables(req, String(req.params.deploymentId)),
      (data) => ({ body: hubResponse(data.deploymentPredict) }),
    ),
  );
  router.get(
    '/:deploymentId/health',
    route(
      execute,
      DeploymentHealthDocument,
      (req) => ({ id: String(req.params.deploymentId) }),
      ({ deploymentHealth: { healthy, status, latencyMs, message } }) => ({ body: { healthy, status, latencyMs, message }, status }),
    ),
  );
  return router;
}

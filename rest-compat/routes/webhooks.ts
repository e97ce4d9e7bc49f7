import path from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { Upload, type FileUpload } from 'graphql-upload-minimal';
import type { Caller } from '../../kernel/auth.js';
import { AppError, ERROR_STATUS, isErrorCode, validationError, type ErrorCode } from '../../kernel/errors.js';
import { LIMITS } from '../../kernel/limits.js';
import {
  ReceiveModelUploadDocument,
  SettingsDocument,
  WebhookDatasetExportDocument,
  WebhookModelDownloadDocument,
  WebhookModelUploadDocument,
  WebhookTrainingCompleteDocument,
  WebhookTrainingConsoleDocument,
  WebhookTrainingEpochDocument,
  WebhookTrainingStartedDocument,
} from '../generated/graphql.js';
import { body, optionalJsonInteger, optionalString } from '../params.js';
import { route, type Execute } from '../route.js';
import { baseUrlOf } from './models.js';

/**
 * What the unmodified Ultralytics client (>= 8.4.2, `ULTRALYTICS_PLATFORM_URL` pointing here) calls, as
 * `shared/spec/ultralytics-client-protocol.md` §5 lists it: `ul://` resolution (HEAD or GET, answered by a 302 to a
 * self-authorising URL), training reports, weights uploads. Each route is one GraphQL operation like every REST
 * route; the answers are the client's, not the envelope: plain JSON, `{"error": "..."}` on failure, with the statuses
 * it reads — 401 only for a bad key (newer clients stop reporting after one), 4xx for what a retry will not fix,
 * 5xx and 429 for what it may.
 */

/** A webhook's answer: JSON with a status, or a redirect. */
type WebhookReply = { status?: number; json: Record<string, unknown> } | { redirect: string };

/** `{"error": "..."}` with the status of `code`: what the client logs and decides on. */
export function sendWebhookError(res: Response, code: ErrorCode, message: string, status = ERROR_STATUS[code]): void {
  res.status(status).json({ error: message.slice(0, 500), code });
}

/** A failure the client reads by a status of its own (409: "not ready"), not one of the envelope's codes. */
class WebhookRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function webhook<Result, Variables extends Record<string, unknown>>(
  execute: Execute,
  operation: TypedDocumentNode<Result, Variables>,
  variables: (req: Request) => Variables,
  reply: (data: Result) => WebhookReply,
  caller: (res: Response) => Caller = (res) => res.locals.caller as Caller,
): RequestHandler {
  return async (req, res) => {
    try {
      const result = await execute(operation, variables(req), caller(res));
      const error = result.errors?.[0];
      // A nullable field that failed (training_started's `runId`) leaves the rest of the answer: the model exists, and
      // a failure answered now would make the client register it again.
      if (error && !result.data) {
        const code = error.extensions?.code;
        return isErrorCode(code)
          ? sendWebhookError(res, code, error.message)
          : sendWebhookError(res, 'INTERNAL_ERROR', 'Internal server error');
      }
      const answer = reply(result.data as Result);
      if ('redirect' in answer) return res.redirect(302, answer.redirect);
      res.status(answer.status ?? 200).json(answer.json);
    } catch (error) {
      if (error instanceof WebhookRefusal) return void res.status(error.status).json({ error: error.message });
      if (error instanceof AppError) return sendWebhookError(res, error.code, error.message);
      console.error('[rest-compat] webhook failed:', error);
      sendWebhookError(res, 'INTERNAL_ERROR', 'Internal server error');
    }
  };
}

const notReady = (message: string) => new WebhookRefusal(409, message);

/** A JSON object field of the report, or an empty one. */
function object(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw validationError(`${name} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** The trainer's arguments come stringified (`"epochs": "100"`, `"imgsz": "640"`): a whole number, or nothing. */
function argumentInteger(value: unknown): number | null {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

function requiredString(value: unknown, name: string): string {
  const text = optionalString(value, name);
  if (!text) throw validationError(`${name} is required`);
  return text;
}

/** `{"cancelled": true}` once the run was cancelled through the API: the client stops training. */
const control = (status: string): WebhookReply => ({ json: status === 'cancelled' ? { cancelled: true } : {} });

/**
 * `/api/webhooks/...`, mounted behind the edge (API key, rate limits) with `sendWebhookError` as its refusal:
 * datasets/{username}/{slug}/export, models/{username}/{project}/{model}/download, training/metrics, models/upload.
 */
export function webhookRoutes(execute: Execute): Router {
  const router = Router();
  // training_complete carries per-class curves: more than other REST bodies, still within one GraphQL hop.
  router.use(express.json({ limit: LIMITS.trainingReportBytes }));

  // HEAD (8.4.x) or GET (later clients); express answers HEAD through the GET route, without a body.
  router.get(
    '/datasets/:username/:slug/export',
    webhook(
      execute,
      WebhookDatasetExportDocument,
      (req) => ({ username: String(req.params.username), slug: String(req.params.slug), baseUrl: baseUrlOf(req) }),
      (data) => {
        if (data.exportDatasetBySlug.imageCount === 0) throw notReady('The dataset has no images yet');
        return { redirect: data.exportDatasetBySlug.url };
      },
    ),
  );

  router.get(
    '/models/:username/:project/:model/download',
    webhook(
      execute,
      WebhookModelDownloadDocument,
      (req) => ({
        username: String(req.params.username),
        project: String(req.params.project),
        slug: String(req.params.model),
        baseUrl: baseUrlOf(req),
      }),
      ({ modelBySlug: model }) => {
        const weights = model.downloads.find((file) => file.format === 'pt');
        if (weights) return { redirect: weights.url };
        if (model.downloads.length === 0) throw notReady('The model has no weights yet');
        throw new WebhookRefusal(404, 'The model has no PyTorch (.pt) weights, only an ONNX export');
      },
    ),
  );

  const started = webhook(
    execute,
    WebhookTrainingStartedDocument,
    (req) => {
      const report = body(req);
      const data = object(report.data, 'data');
      const args = object(data.trainArgs, 'data.trainArgs');
      const epochs = optionalJsonInteger(data.epochs, 'data.epochs') ?? argumentInteger(args.epochs);
      if (!epochs) throw validationError('data.epochs is required');
      return {
        input: {
          project: requiredString(report.project, 'project'),
          name: optionalString(report.name, 'name') || 'train',
          task: typeof args.task === 'string' ? args.task : null,
          model: typeof args.model === 'string' ? args.model.slice(0, 1000) : null,
          data: typeof args.data === 'string' ? args.data.slice(0, 1000) : null,
          epochs,
          imageSize: argumentInteger(args.imgsz),
          device: typeof data.device === 'string' ? data.device : null,
        },
      };
    },
    ({ registerReportedTraining: model }) => ({
      json: { modelId: model.id, modelSlug: model.slug, runId: model.training?.id ?? null, cancelled: false },
    }),
  );
  const epoch = webhook(
    execute,
    WebhookTrainingEpochDocument,
    (req) => {
      const data = object(body(req).data, 'data');
      const epochNumber = optionalJsonInteger(data.epoch, 'data.epoch');
      if (epochNumber === undefined) throw validationError('data.epoch is required');
      return { modelId: modelIdOf(req), epoch: epochNumber, metrics: object(data.metrics, 'data.metrics') };
    },
    (data) => control(data.reportTrainingEpoch.status),
  );
  const consoleOutput = webhook(
    execute,
    WebhookTrainingConsoleDocument,
    (req) => {
      const data = object(body(req).data, 'data');
      const chunkId = optionalJsonInteger(data.chunkId, 'data.chunkId');
      if (chunkId === undefined) throw validationError('data.chunkId is required');
      return {
        modelId: modelIdOf(req),
        chunkId,
        content: optionalString(data.content, 'data.content') ?? '',
        lineCount: optionalJsonInteger(data.lineCount, 'data.lineCount'),
      };
    },
    (data) => control(data.reportTrainingConsole.status),
  );
  const complete = webhook(
    execute,
    WebhookTrainingCompleteDocument,
    (req) => {
      const data = object(body(req).data, 'data');
      const results = object(data.results, 'data.results');
      const classNames = Array.isArray(data.classNames) ? data.classNames.map(String) : null;
      const plots = Array.isArray(data.plots)
        ? data.plots.filter((plot) => plot && typeof plot === 'object' && !Array.isArray(plot))
        : null;
      return {
        modelId: modelIdOf(req),
        input: {
          metrics: object(results.metrics, 'data.results.metrics'),
          bestEpoch: optionalJsonInteger(results.bestEpoch, 'data.results.bestEpoch'),
          bestFitness: typeof results.bestFitness === 'number' ? results.bestFitness : null,
          modelPath: typeof results.modelPath === 'string' ? results.modelPath : null,
          modelSize: typeof results.modelSize === 'number' ? results.modelSize : null,
          classNames,
          plots: plots as Array<Record<string, unknown>> | null,
        },
      };
    },
    () => ({ json: {} }),
  );

  router.post('/training/metrics', (req, res, next) => {
    const report = req.body as Record<string, unknown> | undefined;
    const event = typeof report?.event === 'string' ? report.event : '';
    const hasModel = typeof report?.modelId === 'string' && report.modelId !== '';
    switch (event) {
      case 'training_started':
        return started(req, res, next);
      case 'epoch_end':
        return epoch(req, res, next);
      case 'console_output':
        // 8.4.x may send the first lines before it knows the model: nothing to file them under, a gap in the log.
        return hasModel ? consoleOutput(req, res, next) : void res.json({});
      case 'training_complete':
        return complete(req, res, next);
      case 'checkpoint_saved':
        // Newer clients confirm an upload; its PUT attached the weights already.
        return void res.json({ ok: true });
      default:
        return sendWebhookError(res, 'VALIDATION_ERROR', `Unknown event "${event.slice(0, 50)}"`);
    }
  });

  router.post(
    '/models/upload',
    webhook(
      execute,
      WebhookModelUploadDocument,
      (req) => {
        const input = body(req);
        return {
          input: {
            filename: requiredString(input.filename, 'filename'),
            modelId: optionalString(input.modelId, 'modelId') || null,
            project: optionalString(input.project, 'project') || null,
            name: optionalString(input.name, 'name') || null,
          },
          baseUrl: baseUrlOf(req),
        };
      },
      ({ requestModelUpload: ticket }) => ({
        json: { uploadUrl: ticket.uploadUrl, gcsPath: ticket.uploadId, modelId: ticket.modelId, expiresAt: ticket.expiresAt },
      }),
    ),
  );

  router.use((_req: Request, res: Response) => sendWebhookError(res, 'NOT_FOUND', 'No such route'));
  router.use((error: { type?: string }, _req: Request, res: Response, next: (error?: unknown) => void) => {
    if (error.type === 'entity.parse.failed') return sendWebhookError(res, 'VALIDATION_ERROR', 'The body is not valid JSON');
    if (error.type === 'entity.too.large') return sendWebhookError(res, 'VALIDATION_ERROR', 'The body is too large');
    next(error);
  });
  return router;
}

function modelIdOf(req: Request): string {
  return requiredString(body(req).modelId, 'modelId');
}

/** `GET /api/settings`: what `yolo login` (>= 8.4.115) checks a key with; 200 for a valid key, the edge's 401 else. */
export function settingsRoutes(execute: Execute): Router {
  const router = Router();
  router.get(
    '/settings',
    route(
      execute,
      SettingsDocument,
      () => ({}),
      (data) => ({ data: data.me }),
    ),
  );
  return router;
}

/**
 * `PUT <signed upload URL>` (`/files/<key>?expires=&signature=`, from `POST /api/webhooks/models/upload`): no API key,
 * the signature is the authority. The body goes through as it arrives, a GraphQL upload, to the catalog, which checks
 * the signature and that the URL is unused, stores the bytes and attaches them to the model.
 */
export function signedUploadRoute(execute: Execute): RequestHandler {
  return webhook(
    execute,
    ReceiveModelUploadDocument,
    (req) => {
      const key = (req.params as { key: string[] }).key.join('/');
      const file: FileUpload = {
        filename: path.posix.basename(key),
        fieldName: 'file',
        mimetype: 'application/octet-stream',
        encoding: 'binary',
        // The request itself, read once as it arrives (FileUpload names a ReadStream; any Readable is what is used).
        createReadStream: () => req as unknown as ReturnType<FileUpload['createReadStream']>,
      };
      const upload = new Upload() as Upload & { resolve(file: FileUpload): void };
      upload.resolve(file);
      return { key, expires: String(req.query.expires ?? ''), signature: String(req.query.signature ?? ''), file: upload };
    },
    (data) => ({ json: { ok: true, size: data.receiveModelUpload.size } }),
    () => ({ kind: 'gateway' }),
  );
}

import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Request, RequestHandler, Response } from 'express';
import type { DocumentNode, ExecutionResult } from 'graphql';
import type { Caller } from '../kernel/auth.js';
import { AppError, isErrorCode } from '../kernel/errors.js';
import { sendData, sendError, type ListMeta } from './envelope.js';

/**
 * Runs one GraphQL operation through the gateway as the caller the edge authenticated; `signal` aborts the work done
 * for it (subgraph requests, FFmpeg) when the client hangs up.
 */
export type Execute = (
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  caller: Caller,
  signal?: AbortSignal,
) => Promise<ExecutionResult>;

/** Aborted when the client hangs up before its answer is sent. */
export function clientGone(res: Response): AbortSignal {
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort();
  });
  return gone.signal;
}

/** The envelope's `data` (and `meta` on lists), or for APIs with answers of their own (HUB predict) the whole body. */
export type Reply = { data: unknown; meta?: ListMeta; status?: number } | { body: unknown; status?: number };

/**
 * One REST route = one typed GraphQL operation: `variables` turns the HTTP request into the operation's variables
 * (throwing `AppError` for bad input), `reply` shapes the operation's data into the answer. Errors always answer
 * the envelope, with the status of their code.
 */
export function route<Result, Variables extends Record<string, unknown>>(
  execute: Execute,
  operation: TypedDocumentNode<Result, Variables>,
  variables: (req: Request) => Variables,
  reply: (data: Result) => Reply,
): RequestHandler {
  return async (req, res) => {
    try {
      const result = await execute(operation, variables(req), res.locals.caller as Caller, clientGone(res));
      const error = result.errors?.[0];
      if (error) return sendGraphQLError(res, error);
      const answer = reply(result.data as Result);
      if ('body' in answer) res.status(answer.status ?? 200).json(answer.body);
      else sendData(res, answer.data, { meta: answer.meta, status: answer.status });
    } catch (error) {
      if (error instanceof AppError) return sendError(res, error.code, error.message, error.extensions.details);
      console.error('[rest-compat] operation failed:', error);
      sendError(res, 'INTERNAL_ERROR', 'Internal server error');
    }
  };
}

function sendGraphQLError(res: Response, error: NonNullable<ExecutionResult['errors']>[number]): void {
  const code = error.extensions?.code;
  if (isErrorCode(code)) return sendError(res, code, error.message, error.extensions?.details);
  sendError(res, 'INTERNAL_ERROR', 'Internal server error');
}

import type { Response } from 'express';
import { ERROR_STATUS, type ErrorCode } from '../kernel/errors.js';
import { safeDetails, safeText } from '../kernel/graphql-errors.js';

export interface ListMeta {
  page: number;
  limit: number;
  total: number;
}

/** `{"success": true, "data": ..., "meta": ...}`, the Platform API's success envelope. */
export function sendData(res: Response, data: unknown, options: { status?: number; meta?: ListMeta } = {}): void {
  res.status(options.status ?? 200).json({ success: true, data, ...(options.meta ? { meta: options.meta } : {}) });
}

/**
 * `{"success": false, "error": {"code", "message", "details"}}` with the status its code stands for. `details` is
 * always there (`{}` when there is nothing to add); message and details never echo a huge input back.
 */
export function sendError(res: Response, code: ErrorCode, message: string, details?: unknown): void {
  // A refusal that knows when to come back says so the way HTTP clients read it.
  const retryAfter = (details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (code === 'RATE_LIMITED' && typeof retryAfter === 'number' && retryAfter > 0) res.set('Retry-After', String(Math.ceil(retryAfter)));
  res.status(ERROR_STATUS[code]).json({
    success: false,
    error: { code, message: safeText(message), details: details === undefined || details === null ? {} : safeDetails(details) },
  });
}

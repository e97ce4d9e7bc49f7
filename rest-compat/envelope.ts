import type { Response } from 'express';
import { ERROR_STATUS, type ErrorCode } from '../kernel/errors.js';

export interface ListMeta {
  page: number;
  limit: number;
  total: number;
}

/** `{"success": true, "data": ..., "meta": ...}`, the Platform API's success envelope. */
export function sendData(res: Response, data: unknown, options: { status?: number; meta?: ListMeta } = {}): void {
  res.status(options.status ?? 200).json({ success: true, data, ...(options.meta ? { meta: options.meta } : {}) });
}

/** `{"success": false, "error": {"code", "message", "details"}}` with the status its code stands for. */
export function sendError(res: Response, code: ErrorCode, message: string, details?: unknown): void {
  res.status(ERROR_STATUS[code]).json({ success: false, error: { code, message, ...(details === undefined ? {} : { details }) } });
}

import type { Request } from 'express';
import { validationError } from '../kernel/errors.js';

/** An optional integer query parameter; anything else that is present is a VALIDATION_ERROR. */
export function intQuery(req: Request, name: string): number | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw.trim())) throw validationError(`${name} must be an integer`, { [name]: raw });
  return Number(raw);
}

/** `page` and `limit` as every list takes them; the service checks their ranges. */
export function paging(req: Request): { page: number; limit: number } {
  return { page: intQuery(req, 'page') ?? 1, limit: intQuery(req, 'limit') ?? 20 };
}

export function body(req: Request): Record<string, unknown> {
  const value: unknown = req.body;
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw validationError('The body must be a JSON object');
  return value as Record<string, unknown>;
}

export function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError(`${name} must be a string`, { [name]: value });
  return value;
}

export function optionalStringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw validationError(`${name} must be a list of strings`, { [name]: value });
  }
  return value as string[];
}

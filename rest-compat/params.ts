import type { Request } from 'express';
import { validationError } from '../kernel/errors.js';
import { parseInteger, parseNumber, type Parsed } from '../kernel/parse.js';

/** GraphQL's Int is 32-bit: a larger number is refused here, with the field's name, not deep in the gateway. */
const GRAPHQL_INT = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function checked<T>(parsed: Parsed<T>, name: string, raw: unknown): T {
  if (!parsed.ok) throw validationError(`${name} ${parsed.reason}`, { [name]: typeof raw === 'string' ? raw.slice(0, 100) : raw });
  return parsed.value;
}

const absent = (raw: unknown) => raw === undefined || raw === null || raw === '';

/** An optional integer from a query string or form field (text); anything else present is a VALIDATION_ERROR. */
export function optionalInteger(raw: unknown, name: string): number | undefined {
  return absent(raw) ? undefined : checked(parseInteger(raw, GRAPHQL_INT), name, raw);
}

/** An optional integer of a JSON body: a JSON number (`"10"` is a string there, and refused as one). */
export function optionalJsonInteger(raw: unknown, name: string): number | undefined {
  if (raw !== undefined && raw !== null && typeof raw !== 'number') throw validationError(`${name} must be an integer`, { [name]: raw });
  return optionalInteger(raw, name);
}

/** An optional finite number from a query string, form field or JSON body. */
export function optionalNumber(raw: unknown, name: string): number | undefined {
  return absent(raw) ? undefined : checked(parseNumber(raw), name, raw);
}

/** An optional integer query parameter. */
export function intQuery(req: Request, name: string): number | undefined {
  return optionalInteger(req.query[name], name);
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

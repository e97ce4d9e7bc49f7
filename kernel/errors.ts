import { GraphQLError } from 'graphql';

/** The envelope's error codes and the HTTP status each one answers with. */
export const ERROR_STATUS = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_ERROR: 400,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_STATUS;
}

/** A failure the caller can act on; resolvers throw it and it travels as a GraphQL error with `extensions.code`. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...(details ? { details } : {}) } });
  }
  get code(): ErrorCode {
    return this.extensions.code as ErrorCode;
  }
}

export const notFound = (kind: string, id: string) => new AppError('NOT_FOUND', `${kind} ${id} not found`, { id });
export const validationError = (message: string, details?: Record<string, unknown>) => new AppError('VALIDATION_ERROR', message, details);
export const unauthorized = (message = 'Invalid or missing API key') => new AppError('UNAUTHORIZED', message);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);

import type { GraphQLFormattedError } from 'graphql';
import { isErrorCode } from './errors.js';

/**
 * Every error leaves with one of the envelope's codes: the service's own (`AppError`), input the schema rejected
 * (`VALIDATION_ERROR`), or `INTERNAL_ERROR` with no internals exposed.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isErrorCode(code)) return formatted;
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_PARSE_FAILED') {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'VALIDATION_ERROR' } };
  }
  console.error('[graphql] internal error:', error);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_ERROR' } };
}

import { homedir, tmpdir } from 'node:os';
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode, type GraphQLFormattedError } from 'graphql';
import { ERROR_STATUS, isErrorCode, type ErrorCode } from './errors.js';
import { LIMITS } from './limits.js';

/** Apollo's and graphql-js's own codes for requests the client got wrong: all of them are the envelope's VALIDATION_ERROR. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  // @apollo/gateway's code for an operation it cannot plan (e.g. an unknown operationName).
  'INVALID_GRAPHQL',
]);

/**
 * Every error leaves with one of the envelope's codes: the service's own (`AppError`), input the client got wrong
 * (`VALIDATION_ERROR`), or `INTERNAL_ERROR` with no internals exposed. Only `code` and `details` survive in
 * `extensions` (no stack trace, no service name), and no text is longer than LIMITS.errorTextChars: input is never
 * echoed back whole.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const given = formatted.extensions?.code;
  const code: ErrorCode | undefined = isErrorCode(given)
    ? given
    : CLIENT_ERROR_CODES.has(String(given)) || isClientHttpError(error)
      ? 'VALIDATION_ERROR'
      : undefined;
  if (!code) {
    if (!isAbort(error)) console.error('[graphql] internal error:', error);
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_ERROR' },
    };
  }
  const details = formatted.extensions?.details;
  return {
    // Field suggestions ("Did you mean …?") would map the schema for anyone probing it.
    message: safeText(formatted.message.replace(/ Did you mean .*\?$/, '')),
    ...(formatted.locations ? { locations: formatted.locations.slice(0, 5) } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, ...(details === undefined ? {} : { details: safeDetails(details) }) },
  };
}

/**
 * An http-errors error meant for the client (`expose`, 4xx), as graphql-upload-minimal rejects an upload promise with
 * when the multipart request turns out malformed or too large after the operation started.
 */
function isClientHttpError(error: unknown): boolean {
  const original = ((error as { originalError?: unknown } | undefined)?.originalError ?? error) as { expose?: unknown; status?: unknown };
  return original?.expose === true && typeof original.status === 'number' && original.status >= 400 && original.status < 500;
}

/** The work was stopped because its client went away: nobody to tell, nothing to log. */
function isAbort(error: unknown): boolean {
  const original = (error as { originalError?: unknown } | undefined)?.originalError ?? error;
  return (original as { name?: string } | undefined)?.name === 'AbortError';
}

// Absolute locations of this installation never leave in a message (e.g. a parser quoting a file it read).
const INTERNAL_PREFIXES = [process.cwd(), tmpdir(), homedir()].filter((prefix) => prefix.length > 1).sort((a, b) => b.length - a.length);

/** A message as clients may see it: no absolute paths of this machine, at most LIMITS.errorTextChars characters. */
export function safeText(text: string, max: number = LIMITS.errorTextChars): string {
  let safe = text;
  for (const prefix of INTERNAL_PREFIXES) safe = safe.split(prefix).join('…');
  return safe.length > max ? `${safe.slice(0, max)}… (truncated)` : safe;
}

/** `details` with every string shortened and at most a few levels and entries kept: echoes stay small. */
export function safeDetails(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return safeText(value, 200);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 3) return '…';
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((item) => safeDetails(item, depth + 1));
    return value.length > 20 ? [...items, `… ${value.length - 20} more`] : items;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return Object.fromEntries(entries.slice(0, 20).map(([key, item]) => [key.slice(0, 100), safeDetails(item, depth + 1)]));
}

/**
 * The HTTP status of a GraphQL answer without data follows its error's code (400 for a request the client got wrong,
 * 429 when rate limited, ...), never a 500 for the client's mistake. Answers with data stay 200, as GraphQL has it.
 */
export function statusFromErrorCodes(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const code = errors?.[0]?.extensions?.code;
          if (data == null && isErrorCode(code) && code !== 'INTERNAL_ERROR') response.http.status = ERROR_STATUS[code];
        },
      };
    },
  };
}

/**
 * Text with a NUL character cannot be stored (PostgreSQL refuses it) and is never meaningful in an id or a name:
 * such a request is refused as a whole, before any resolver runs, in variables and inline arguments alike.
 */
export function refuseNulCharacters(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (hasNul(request.variables) || literalHasNul(document)) {
            throw new GraphQLError('Text must not contain NUL characters', { extensions: { code: 'VALIDATION_ERROR' } });
          }
        },
      };
    },
  };
}

/** Per parsed document (Apollo reuses the same one for a repeated query): walked once. */
const literalNul = new WeakMap<DocumentNode, boolean>();

function literalHasNul(document: DocumentNode): boolean {
  const known = literalNul.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!node.value.includes('\0')) return undefined;
      found = true;
      return BREAK;
    },
  });
  literalNul.set(document, found);
  return found;
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (value === null || typeof value !== 'object' || depth > 32) return false;
  return Object.values(value).some((item) => hasNul(item, depth + 1));
}

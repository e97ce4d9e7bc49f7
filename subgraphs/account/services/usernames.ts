import { validationError } from '../../../kernel/errors.js';

/**
 * Usernames address an account's resources as Ultralytics clients spell them (`ul://<username>/datasets/<slug>`,
 * `project=<username>/<project>`): lower-case letters, digits and single hyphens, 1 to 39 characters, URL-safe as
 * they are (the client does not encode path components).
 */
const USERNAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/;
const MAX_LENGTH = 39;

/** Names that are paths of the platform itself (the client prints `<platform>/<username>/...` as web pages). */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'api',
  'admin',
  'datasets',
  'files',
  'graphql',
  'health',
  'metrics',
  'models',
  'predict',
  'ready',
  'settings',
]);

export function checkUsername(value: string): string {
  const username = value.trim();
  if (!USERNAME.test(username)) {
    throw validationError(
      'username must be 1 to 39 lower-case letters, digits or single hyphens, starting and ending with a letter or digit',
      {
        username: value.slice(0, 100),
      },
    );
  }
  if (RESERVED_USERNAMES.has(username)) throw validationError(`username "${username}" is reserved`, { username });
  return username;
}

/** The username an email suggests: its local part, lower-cased, runs of anything else turned into one hyphen. */
export function usernameFromEmail(email: string): string {
  const local = email.split('@')[0] ?? '';
  const base = local
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH - 4) // room for a "-NNN" suffix when taken
    .replace(/-+$/, '');
  return base && !RESERVED_USERNAMES.has(base) ? base : 'user';
}

/** `base`, else `base-2`, `base-3`, ...: the first that is not in `taken`. */
export function firstFreeUsername(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

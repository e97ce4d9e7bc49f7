import { validationError } from '../../../kernel/errors.js';

/** Where the gateway serves a deployment's endpoint: `POST <url>/predict` (or `POST <url>`), `GET <url>/health`. */
export const endpointPath = (deploymentId: string) => `/endpoints/${deploymentId}`;

/** `https://host[:port][/prefix]` without a trailing slash (the platform as the client reached it), or null. */
export function checkBaseUrl(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw validationError('baseUrl must be an absolute http(s) URL', { baseUrl: value.slice(0, 200) });
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

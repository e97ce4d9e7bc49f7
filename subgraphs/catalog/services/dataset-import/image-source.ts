import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import ipaddr from 'ipaddr.js';
import { validationError } from '../../../../kernel/errors.js';
import { FILES_ROUTE, type FileStore } from '../../../../kernel/file-store.js';

const DOWNLOAD_TIMEOUT_MS = 60_000;
const MAX_REDIRECTS = 3;
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** Opens the image an NDJSON record's `url` points at; `signal` stops the download (the client went away). */
export type ImageSource = (url: string, where: string, signal?: AbortSignal) => Promise<Readable>;

/**
 * NDJSON image URLs: this platform's own signed links are read straight from the file store (no HTTP round trip,
 * and they work whatever address the export was made for); anything else is downloaded from public addresses only.
 * The decision is made on the address the connection really uses, whatever the spelling of the host (decimal, octal,
 * IPv4-mapped IPv6, a name resolving inside): every hop of a redirect is checked again, and every failure gives the
 * same answer, so a dataset can neither reach inside the server's network nor map it by its error messages.
 */
export function imageSource(store: FileStore): ImageSource {
  return async (url, where, signal) => {
    try {
      const parsed = new URL(url);
      const own = ownSignedKey(parsed, store);
      if (own) return store.open(own);
      const timeout = AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS);
      return await download(parsed, signal ? AbortSignal.any([signal, timeout]) : timeout);
    } catch {
      throw validationError(`${where}: the image could not be downloaded`, { url: url.slice(0, 300) });
    }
  };
}

function ownSignedKey(url: URL, store: FileStore): string | undefined {
  if (!url.pathname.startsWith(`${FILES_ROUTE}/`)) return undefined;
  try {
    const key = url.pathname
      .slice(FILES_ROUTE.length + 1)
      .split('/')
      .map(decodeURIComponent)
      .join('/');
    const valid = store.verifySignature(key, url.searchParams.get('expires') ?? undefined, url.searchParams.get('signature') ?? undefined);
    return valid ? key : undefined;
  } catch {
    return undefined; // a malformed escape: not one of ours
  }
}

/** Whether the platform may connect to `address`: public unicast only (IPv4-mapped IPv6 judged as the IPv4 it is). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  return parsed.range() === 'unicast' && parsed.match(GLOBAL_UNICAST_V6);
}

/** DNS lookup for outgoing downloads: a name with any non-public address is refused as a whole. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    if (addresses.length === 0 || !addresses.every((entry) => isPublicAddress(entry.address))) {
      return callback(Object.assign(new Error('refused address'), { code: 'EREFUSED' }), '', 0);
    }
    if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

async function download(start: URL, signal: AbortSignal): Promise<Readable> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await get(url, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location) {
      response.resume();
      if (hop >= MAX_REDIRECTS) throw new Error('too many redirects');
      url = new URL(location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      response.resume();
      throw new Error(`HTTP ${status}`);
    }
    return response;
  }
}

function get(url: URL, signal: AbortSignal): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.reject(new Error('not http(s)'));
  // Literal addresses never reach the lookup: they are judged here (the URL parser has already normalised them).
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host) && !isPublicAddress(host)) return Promise.reject(new Error('refused address'));
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(url, { lookup: publicLookup, signal, headers: { accept: 'image/*' } }, resolve);
    request.on('error', reject);
  });
}

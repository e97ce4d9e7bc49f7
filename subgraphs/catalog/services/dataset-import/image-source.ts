import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { validationError } from '../../../../kernel/errors.js';
import { FILES_ROUTE, type FileStore } from '../../../../kernel/file-store.js';

const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Opens the image an NDJSON record's `url` points at. */
export type ImageSource = (url: string, where: string) => Promise<Readable>;

/**
 * NDJSON image URLs: this platform's own signed links are read straight from the file store (no HTTP round trip,
 * and they work whatever address the export was made for); anything else is downloaded, but never from loopback,
 * private or link-local addresses, so a dataset cannot make the server fetch from inside its own network.
 */
export function imageSource(store: FileStore): ImageSource {
  return async (url, where) => {
    const parsed = new URL(url);
    const own = ownSignedKey(parsed, store);
    if (own) return store.open(own);
    await refuseInternal(parsed, where);
    let response: Response;
    try {
      response = await fetch(parsed, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'error' });
    } catch (error) {
      throw validationError(`${where}: the image could not be downloaded (${(error as Error).message})`, { url });
    }
    if (!response.ok || !response.body)
      throw validationError(`${where}: the image could not be downloaded (HTTP ${response.status})`, { url });
    return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  };
}

function ownSignedKey(url: URL, store: FileStore): string | undefined {
  if (!url.pathname.startsWith(`${FILES_ROUTE}/`)) return undefined;
  const key = url.pathname
    .slice(FILES_ROUTE.length + 1)
    .split('/')
    .map(decodeURIComponent)
    .join('/');
  return store.verifySignature(key, url.searchParams.get('expires') ?? undefined, url.searchParams.get('signature') ?? undefined)
    ? key
    : undefined;
}

async function refuseInternal(url: URL, where: string): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((entry) => entry.address);
  if (addresses.length === 0) throw validationError(`${where}: the image host cannot be resolved`, { url: url.toString() });
  if (addresses.some(isInternal))
    throw validationError(`${where}: images cannot be fetched from internal addresses`, { url: url.toString() });
}

function isInternal(address: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.\d+\.\d+$/i.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { Upload, type FileUpload } from 'graphql-upload-minimal';
import { CALLER_HEADER, signCaller, type Caller, type SignedRequest } from '../kernel/auth.js';
import type { ChargeContext } from './cost.js';

/** What the gateway knows about a request: who is calling, as established at the edge, and when it went away. */
export interface GatewayContext extends ChargeContext {
  caller: Caller | undefined;
  /** Aborted when the client hung up: the subgraph requests made for it are aborted too. */
  signal?: AbortSignal | undefined;
}

/** The signal of the request a subgraph fetch is made for (RemoteGraphQLDataSource gives its fetcher no context). */
const requestSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * Sends subgraph requests signed with the gateway secret, carrying the caller the edge authenticated, each token
 * bound to this subgraph and this request. Operations whose variables hold file uploads go out as GraphQL multipart
 * requests, the file streamed through (@apollo/gateway itself only sends JSON). When the client goes away, the
 * subgraph request is aborted, so the subgraph stops its work (its `ctx.signal`).
 */
export class SigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly secret: string,
  ) {
    super({
      url,
      fetcher: ((input: string, init: RequestInit) => fetch(input, { ...init, signal: requestSignal.getStore() })) as never,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    request.http?.headers.set(CALLER_HEADER, this.signatureFor(context, request));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const signal = 'signal' in options.context ? (options.context.signal as AbortSignal | undefined) : undefined;
    const uploads = findUploads(options.request.variables ?? {});
    if (uploads.length === 0) return requestSignal.run(signal, () => super.process(options));
    return this.sendMultipart(options, uploads, signal);
  }

  private signatureFor(context: GatewayContext | Record<string, unknown>, request: SignedRequest): string {
    // Health checks and plan-time requests carry no caller: they are the gateway's own.
    const caller = 'caller' in context ? (context.caller as Caller | undefined) : undefined;
    return signCaller(caller ?? { kind: 'gateway' }, this.secret, this.subgraph, request);
  }

  private async sendMultipart(
    { request, context }: GraphQLDataSourceProcessOptions<GatewayContext>,
    uploads: FoundUpload[],
    signal: AbortSignal | undefined,
  ): Promise<GatewayGraphQLResponse> {
    // An upload the client cut off or sent malformed fails here: the client's mistake, not the subgraph's.
    const files = await Promise.all(uploads.map(({ upload }) => upload.promise)).catch(() => {
      throw new GraphQLError('The file upload did not complete', { extensions: { code: 'VALIDATION_ERROR' } });
    });
    const boundary = `----vision-platform-${randomBytes(12).toString('hex')}`;
    const signed = { query: request.query, operationName: request.operationName, variables: withoutUploads(request.variables ?? {}) };
    const operations = JSON.stringify(signed);
    const map = JSON.stringify(Object.fromEntries(uploads.map(({ path }, i) => [String(i), [`variables.${path}`]])));
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        // The subgraph's CSRF prevention refuses multipart requests without a preflight header.
        'apollo-require-preflight': 'true',
        [CALLER_HEADER]: this.signatureFor(context, signed as SignedRequest),
      },
      body: multipartBody(boundary, operations, map, files) as unknown as BodyInit,
      duplex: 'half',
      signal,
    } as RequestInit);
    const text = await response.text();
    if (!response.headers.get('content-type')?.includes('json')) {
      throw new GraphQLError(`The ${this.subgraph} service answered ${response.status}`);
    }
    return JSON.parse(text) as GatewayGraphQLResponse;
  }
}

interface FoundUpload {
  /** Dotted path inside `variables`, as the multipart `map` names it. */
  path: string;
  upload: Upload;
}

function findUploads(value: unknown, path = ''): FoundUpload[] {
  if (value instanceof Upload) return [{ path, upload: value }];
  if (Array.isArray(value)) return value.flatMap((item, i) => findUploads(item, join(path, String(i))));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => findUploads(item, join(path, key)));
  }
  return [];
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The variables with every upload replaced by null, as the multipart request spec wants them. */
function withoutUploads(value: unknown): unknown {
  if (value instanceof Upload) return null;
  if (Array.isArray(value)) return value.map(withoutUploads);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutUploads(v)]));
  return value;
}

/** operations, map, then each file streamed as it arrives: nothing is buffered whole. */
async function* multipartBody(boundary: string, operations: string, map: string, files: FileUpload[]): AsyncGenerator<Buffer> {
  const field = (name: string, value: string) =>
    Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  yield field('operations', operations);
  yield field('map', map);
  for (const [i, file] of files.entries()) {
    const filename = (file.filename || 'upload').replace(/["\r\n\\]/g, '_');
    yield Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="${i}"; filename="${filename}"\r\n` +
        `content-type: ${file.mimetype || 'application/octet-stream'}\r\n\r\n`,
    );
    for await (const chunk of file.createReadStream()) yield chunk as Buffer;
    yield Buffer.from('\r\n');
  }
  yield Buffer.from(`--${boundary}--\r\n`);
}

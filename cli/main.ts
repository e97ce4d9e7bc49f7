import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { signCaller } from '../kernel/auth.js';
import { loadConfig, type Config } from '../kernel/config.js';
import { OPERATOR_AUDIENCE, OPERATOR_HEADER } from '../gateway/edge.js';
import { startAllInOne } from '../platform/launch.js';
import { gatewaySecret } from '../platform/secret.js';
import {
  OperatorAddCreditsDocument,
  OperatorCreateAccountDocument,
  OperatorCreateApiKeyDocument,
  OperatorDeadLettersDocument,
  OperatorPurgeExpiredTrashDocument,
  OperatorReplayDeadLettersDocument,
  OperatorRevokeApiKeyDocument,
} from './generated/graphql.js';

const USAGE = `usage: npm run cli -- <command>
  users create --email E [--username U] [--plan free|pro|enterprise]   (username: default from the email)
  keys create --user ID [--name N] [--scopes a,b]
  keys revoke --id KEY_ID
  credits add --user ID --amount MICRO_USD [--reason TEXT]  add credit to an account (1,000,000 = $1.00)
  trash purge                                  delete for good what has been in the trash over 30 days, now
  events dead-letters [--consumer C] [--all]   events a consumer gave up on (--all: replayed ones too)
  events replay (--id ID[,ID...] | --consumer C)  deliver dead letters again once their cause is fixed`;

type Send = <R, V>(document: TypedDocumentNode<R, V>, variables: V) => Promise<R>;

/**
 * The operator CLI speaks GraphQL to the platform as the operator (a caller signed with the gateway secret, bound to
 * each request): to the running server (`onPlatform` finds it), else to an embedded instance it starts for the
 * command, saying so.
 */
export async function runCli(argv: string[], config: Config = loadConfig(), target: { url?: string } = {}): Promise<unknown> {
  const [group, action, ...rest] = argv;
  const withPlatform = <T>(work: (send: Send) => Promise<T>) => onPlatform(config, target.url, work);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      username: { type: 'string' },
      plan: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      id: { type: 'string' },
      consumer: { type: 'string' },
      all: { type: 'boolean' },
      amount: { type: 'string' },
      reason: { type: 'string' },
    },
    strict: true,
  });
  const command = `${group ?? ''} ${action ?? ''}`;
  const required = (name: 'email' | 'user' | 'id' | 'amount') => values[name] ?? usage(`--${name} is required`);
  switch (command) {
    case 'users create': {
      const email = required('email');
      return withPlatform(async (send) => {
        const { operatorCreateAccount: created } = await send(OperatorCreateAccountDocument, {
          email,
          plan: values.plan,
          username: values.username,
        });
        return {
          userId: created.account.id,
          email: created.account.email,
          username: created.account.username,
          plan: created.account.plan,
          keyId: created.apiKey.apiKey.id,
          apiKey: created.apiKey.key,
        };
      });
    }
    case 'keys create': {
      const accountId = required('user');
      const input = {
        name: values.name,
        scopes: values.scopes
          ?.split(',')
          .map((scope) => scope.trim())
          .filter(Boolean),
      };
      return withPlatform(async (send) => {
        const { operatorCreateApiKey: created } = await send(OperatorCreateApiKeyDocument, { accountId, input });
        return { keyId: created.apiKey.id, name: created.apiKey.name, scopes: created.apiKey.scopes, apiKey: created.key };
      });
    }
    case 'keys revoke': {
      const id = required('id');
      return withPlatform(async (send) => {
        const { operatorRevokeApiKey: revoked } = await send(OperatorRevokeApiKeyDocument, { id });
        return { keyId: revoked.id, revoked: true };
      });
    }
    case 'credits add': {
      const accountId = required('user');
      const raw = required('amount');
      const amountMicroUsd = /^\d{1,15}$/.test(raw) ? Number(raw) : usage(`--amount must be a whole number of micro-dollars, got "${raw}"`);
      return withPlatform(async (send) => {
        const { operatorAddCredits: entry } = await send(OperatorAddCreditsDocument, { accountId, amountMicroUsd, reason: values.reason });
        return { userId: accountId, amountMicroUsd: entry.amount, transactionId: entry.id, totalBalance: entry.balanceAfter };
      });
    }
    case 'trash purge':
      return withPlatform(async (send) => ({
        purged: (await send(OperatorPurgeExpiredTrashDocument, {})).operatorPurgeExpiredTrash,
      }));
    case 'events dead-letters':
      return withPlatform(async (send) => {
        const { operatorDeadLetters } = await send(OperatorDeadLettersDocument, { consumer: values.consumer, pending: !values.all });
        return { deadLetters: operatorDeadLetters };
      });
    case 'events replay': {
      const ids = values.id
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (!ids?.length && !values.consumer) usage('events replay needs --id or --consumer');
      return withPlatform(async (send) => ({
        replaying: (await send(OperatorReplayDeadLettersDocument, { ids, consumer: values.consumer })).operatorReplayDeadLetters,
      }));
    }
    default:
      return usage(`unknown command "${command.trim()}"`);
  }
}

export class CliError extends Error {}

function usage(problem: string): never {
  throw new CliError(`${problem}\n${USAGE}`);
}

/** Where a running `npm start` says it listens: written at start, removed at stop (`bin/start.ts`). */
export const SERVER_FILE = 'server.json';

/**
 * Finds the running server: `url` when the caller knows it, else the one `${DATA_DIR}/server.json` names (so PORT need
 * not be repeated), else HOST:PORT. With none, the command runs on an embedded instance over DATA_DIR, and says so on
 * stderr: its results (a key, an account) exist in that data dir, not in a server started elsewhere. A server that
 * announced itself in DATA_DIR and still runs is never doubled by an embedded instance over the same data.
 */
async function onPlatform<T>(config: Config, url: string | undefined, work: (send: Send) => Promise<T>): Promise<T> {
  if (url) return work(sender(url, operatorSecret(config, url)));
  const announced = await announcement(config.dataDir);
  const candidates = [...new Set([announced?.url, `http://${config.host}:${config.port}`].filter((found) => found !== undefined))];
  for (const candidate of candidates) {
    if (await isUp(candidate)) return work(sender(candidate, operatorSecret(config, candidate)));
  }
  if (announced && isRunning(announced.pid)) {
    throw new CliError(
      `The server at ${announced.url} (process ${announced.pid}) does not answer; not starting another over ${config.dataDir}`,
    );
  }
  process.stderr.write(
    `No running server found at ${candidates.join(' or ')}: this command runs on an embedded instance ` +
      `with its data in ${config.dataDir}. To reach a server started elsewhere, run the CLI with its DATA_DIR (and PORT).\n`,
  );
  const secret = gatewaySecret(config, { generate: true });
  const platform = await startAllInOne({ ...config, port: 0, bootstrapApiKey: undefined });
  try {
    return await work(sender(platform.url, secret));
  } finally {
    await platform.stop();
  }
}

function isRunning(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function announcement(dataDir: string): Promise<{ url: string; pid: number | undefined } | undefined> {
  try {
    const { url, pid } = JSON.parse(await readFile(path.join(dataDir, SERVER_FILE), 'utf8')) as { url?: unknown; pid?: unknown };
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) return undefined;
    return { url, pid: Number.isInteger(pid) ? (pid as number) : undefined };
  } catch {
    return undefined;
  }
}

/** The secret the running server signs with: this data dir's, or GATEWAY_SECRET. */
function operatorSecret(config: Config, url: string): string {
  try {
    return gatewaySecret(config, { generate: false });
  } catch {
    throw new CliError(
      `A server is running at ${url}, but ${config.dataDir} holds no gateway secret: run the CLI with that server's DATA_DIR ` +
        '(or its GATEWAY_SECRET)',
    );
  }
}

/**
 * Whether the platform answers at `url`. A server that is slow to answer (a loaded machine) is waited for, never
 * taken for absent: an embedded platform would open the same data beside it.
 */
async function isUp(url: string): Promise<boolean> {
  for (const timeoutMs of [5_000, 15_000]) {
    try {
      return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) })).ok;
    } catch (error) {
      if ((error as Error).name !== 'TimeoutError') return false; // refused, unreachable: no server there
    }
  }
  throw new CliError(`The server at ${url} does not answer /health in time; try again when it does`);
}

function sender(url: string, secret: string): Send {
  return async (document, variables) => {
    const request = { query: print(document), variables: variables as Record<string, unknown> };
    let response: Response;
    let body: { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [OPERATOR_HEADER]: signCaller({ kind: 'operator' }, secret, OPERATOR_AUDIENCE, request),
        },
        body: JSON.stringify(request),
      });
      body = (await response.json()) as typeof body;
    } catch {
      throw new CliError(`The platform at ${url} did not answer; is it still running?`);
    }
    const error = body.errors?.[0];
    if (response.status === 401) {
      throw new CliError(
        `The platform at ${url} refused the operator credential: run the CLI with that server's DATA_DIR (or GATEWAY_SECRET)`,
      );
    }
    if (error) throw new CliError(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
    if (!response.ok) throw new CliError(`The platform answered ${response.status}`);
    return body.data as never;
  };
}

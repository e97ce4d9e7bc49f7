import { parseArgs } from 'node:util';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { signCaller } from '../kernel/auth.js';
import { loadConfig, type Config } from '../kernel/config.js';
import { OPERATOR_HEADER } from '../gateway/edge.js';
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
 * The operator CLI speaks GraphQL to the platform as the operator (a caller signed with the gateway secret):
 * to the server running at HOST:PORT when there is one, else to an embedded instance it starts for the command.
 */
export async function runCli(argv: string[], config: Config = loadConfig()): Promise<unknown> {
  const [group, action, ...rest] = argv;
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
      return withPlatform(config, async (send) => {
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
      return withPlatform(config, async (send) => {
        const { operatorCreateApiKey: created } = await send(OperatorCreateApiKeyDocument, { accountId, input });
        return { keyId: created.apiKey.id, name: created.apiKey.name, scopes: created.apiKey.scopes, apiKey: created.key };
      });
    }
    case 'keys revoke': {
      const id = required('id');
      return withPlatform(config, async (send) => {
        const { operatorRevokeApiKey: revoked } = await send(OperatorRevokeApiKeyDocument, { id });
        return { keyId: revoked.id, revoked: true };
      });
    }
    case 'credits add': {
      const accountId = required('user');
      const raw = required('amount');
      const amountMicroUsd = /^\d{1,15}$/.test(raw) ? Number(raw) : usage(`--amount must be a whole number of micro-dollars, got "${raw}"`);
      return withPlatform(config, async (send) => {
        const { operatorAddCredits: entry } = await send(OperatorAddCreditsDocument, { accountId, amountMicroUsd, reason: values.reason });
        return { userId: accountId, amountMicroUsd: entry.amount, transactionId: entry.id, totalBalance: entry.balanceAfter };
      });
    }
    case 'trash purge':
      return withPlatform(config, async (send) => ({
        purged: (await send(OperatorPurgeExpiredTrashDocument, {})).operatorPurgeExpiredTrash,
      }));
    case 'events dead-letters':
      return withPlatform(config, async (send) => {
        const { operatorDeadLetters } = await send(OperatorDeadLettersDocument, { consumer: values.consumer, pending: !values.all });
        return { deadLetters: operatorDeadLetters };
      });
    case 'events replay': {
      const ids = values.id
        ?.split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      if (!ids?.length && !values.consumer) usage('events replay needs --id or --consumer');
      return withPlatform(config, async (send) => ({
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

async function withPlatform<T>(config: Config, work: (send: Send) => Promise<T>): Promise<T> {
  const secret = gatewaySecret(config, { generate: true });
  const running = `http://${config.host}:${config.port}`;
  if (await isUp(running)) return work(sender(running, secret));
  const platform = await startAllInOne({ ...config, port: 0, bootstrapApiKey: undefined });
  try {
    return await work(sender(platform.url, secret));
  } finally {
    await platform.stop();
  }
}

/**
 * Whether the platform answers at `url`. A server that is slow to answer (a loaded machine) is waited for, never
 * taken for absent: an embedded platform would open the same data beside it.
 */
async function isUp(url: string): Promise<boolean> {
  for (const timeoutMs of [1_000, 15_000]) {
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
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [OPERATOR_HEADER]: signCaller({ kind: 'operator' }, secret) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    const error = body.errors?.[0];
    if (error) throw new CliError(`${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
    if (!response.ok) throw new CliError(`The platform answered ${response.status}`);
    return body.data as never;
  };
}

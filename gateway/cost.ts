import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import {
  GraphQLError,
  specifiedRules,
  TypeInfo,
  validate,
  ValidationContext,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { AccountCaller, Caller } from '../kernel/auth.js';
import type { RateLimits } from './rate-limits.js';

/**
 * What one GraphQL document may ask for, checked by GraphQL Armor before anything is planned or run: a document beyond
 * these is refused with VALIDATION_ERROR in microseconds, whatever it would have cost.
 */
export const DOCUMENT_LIMITS = {
  maxTokens: 5_000,
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 10,
  /** Armor's cost units (objects 2, scalars 1, times 1.5 per level); the heaviest of our own operations is ~700. */
  maxCost: 5_000,
  /** Cost units one request of the plan's rate limit pays for: most documents count 1, the heaviest 20. */
  costPerRequest: 250,
} as const;

/** Armor's callbacks when the caller handles the outcome itself: throw on rejection, nothing else. */
const throwing = () => ({ onReject: [], propagateOnRejection: true });

/**
 * GraphQL Armor as this gateway configures it, limits named in the messages. The token
 * limit is applied by the parser Apollo runs (`parseOptions`): Armor's own Apollo plugin throws it from
 * `parsingDidStart`, which Apollo answers with a 500; over WebSocket, Armor's token-counting parser does it.
 */
export function armor(): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
} {
  const { plugins, validationRules } = new ApolloArmor({
    maxTokens: { enabled: false },
    maxDepth: { n: DOCUMENT_LIMITS.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: DOCUMENT_LIMITS.maxAliases },
    maxDirectives: { n: DOCUMENT_LIMITS.maxDirectives },
    costLimit: { maxCost: DOCUMENT_LIMITS.maxCost },
    // Suggestions are masked by formatError instead: Armor's plugin rewrites error.message in place, which throws on
    // errors whose message is a getter (an aborted request's AbortError).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  // Armor's types name @apollo/server's CommonJS build; the plugins are the same objects for its ESM one.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules, parseOptions: { maxTokens: DOCUMENT_LIMITS.maxTokens } };
}

/**
 * Parses and validates an operation as the HTTP path does (GraphQL Armor's token limit while parsing, its depth, alias,
 * directive and cost rules with the standard ones): for graphql-ws, which Apollo's pipeline does not serve.
 */
export function parseAndValidate(
  schema: GraphQLSchema,
  query: string,
  rules: readonly ValidationRule[],
): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = new MaxTokensParserWLexer(query, { n: DOCUMENT_LIMITS.maxTokens, ...throwing() }).parseDocument();
  } catch (error) {
    return { errors: [validationError(error instanceof GraphQLError ? error.message : 'The query cannot be parsed')] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...rules], { maxErrors: 10 });
  return errors.length ? { errors: errors.map((error) => validationError(error.message)) } : { document };
}

const validationError = (message: string) => new GraphQLError(message, { extensions: { code: 'VALIDATION_ERROR' } });

const costs = new WeakMap<OperationDefinitionNode, number>();

/** The cost GraphQL Armor gives one operation of a document (the same function its cost limit uses). */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  const known = costs.get(operation);
  if (known !== undefined) return known;
  let cost = 0;
  const context = new ValidationContext(schema, document, new TypeInfo(schema), () => undefined);
  const visitor = costLimitRule({ maxCost: Infinity, onAccept: [(_context, details: { n: number }) => (cost = details.n)], ...throwing() })(
    context,
  ) as unknown as { OperationDefinition: { enter(node: OperationDefinitionNode): void } };
  visitor.OperationDefinition.enter(operation);
  costs.set(operation, cost);
  return cost;
}

/** Requests of the plan's rate limit a document counts as: at least one, more as its cost grows. */
export const requestsFor = (cost: number): number => Math.max(1, Math.ceil(cost / DOCUMENT_LIMITS.costPerRequest));

/** Whether the operation calls the shared inference API (`predict`). */
export const callsSharedInference = (operation: OperationDefinitionNode): boolean =>
  operation.selectionSet.selections.some((selection) => selection.kind === 'Field' && selection.name.value === 'predict');

export interface Charge {
  allowed: boolean;
  headers: Record<string, string>;
  message?: string;
}

/**
 * Charges one operation to its account: `requestsFor(cost)` requests of the plan's limit (less `alreadyCharged`, the
 * one the HTTP edge took for the request), and one shared inference call when it predicts.
 */
export async function chargeOperation(
  rateLimits: RateLimits,
  caller: AccountCaller,
  operation: { cost: number; predicts: boolean },
  alreadyCharged: number,
): Promise<Charge> {
  const headers: Record<string, string> = {};
  const extra = requestsFor(operation.cost) - alreadyCharged;
  if (extra > 0) {
    const decision = await rateLimits.consume(caller, extra);
    Object.assign(headers, decision.headers);
    if (!decision.allowed) return { allowed: false, headers, message: 'Too many requests: rate limit exceeded for your plan' };
  }
  if (operation.predicts) {
    const decision = await rateLimits.consumeSharedInference(caller);
    Object.assign(headers, decision.headers);
    if (!decision.allowed) {
      return { allowed: false, headers, message: 'Too many predictions: the shared inference limit of your plan is reached for this hour' };
    }
  }
  return { allowed: true, headers };
}

/** How a request reached Apollo: GraphQL over HTTP pays for its document here; REST routes and sockets elsewhere. */
export interface ChargeContext {
  caller: Caller | undefined;
  /** Set for GraphQL over HTTP: the requests the edge already took for it. */
  chargeDocument?: { alreadyCharged: number };
}

/** Charges GraphQL-over-HTTP documents by their cost, before anything is planned or sent to a subgraph. */
export function chargeDocuments(rateLimits: RateLimits): ApolloServerPlugin<ChargeContext> {
  return {
    async requestDidStart({ contextValue }) {
      const charging = contextValue.chargeDocument;
      if (!charging || contextValue.caller?.kind !== 'account') return {};
      const caller = contextValue.caller;
      return {
        async didResolveOperation({ document, operation, schema, response }) {
          if (!operation) return;
          const charge = await chargeOperation(
            rateLimits,
            caller,
            { cost: operationCost(schema, document, operation), predicts: callsSharedInference(operation) },
            charging.alreadyCharged,
          );
          for (const [name, value] of Object.entries(charge.headers)) response.http.headers.set(name, value);
          if (!charge.allowed) throw new GraphQLError(charge.message!, { extensions: { code: 'RATE_LIMITED', http: { status: 429 } } });
        },
      };
    },
  };
}

import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema } from 'graphql';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** Composes the subgraphs' SDL into the supergraph the gateway plans over; composition errors stop the start. */
export function composeSupergraph(subgraphs: SubgraphSdl[]): string {
  const result = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (result.errors) throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.supergraphSdl;
}

/** The schema clients see: the supergraph without federation plumbing and `@inaccessible` fields. */
export function apiSchemaSdl(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
}

/** Which subgraph serves each root Subscription field: the gateway forwards subscriptions there itself. */
export function subscriptionOwners(supergraphSdl: string): Map<string, string> {
  const supergraph = Supergraph.build(supergraphSdl);
  const owners = new Map<string, string>();
  for (const subgraph of supergraph.subgraphs()) {
    const subscription = subgraph.schema.schemaDefinition.root('subscription')?.type;
    for (const field of subscription?.fields() ?? []) {
      if (!field.name.startsWith('_')) owners.set(field.name, subgraph.name);
    }
  }
  return owners;
}

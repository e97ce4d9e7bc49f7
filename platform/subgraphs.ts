import type { SubgraphDefinition } from '../kernel/subgraph.js';
import { account } from '../subgraphs/account/index.js';
import { billing } from '../subgraphs/billing/index.js';
import { catalog } from '../subgraphs/catalog/index.js';
import { deployment } from '../subgraphs/deployment/index.js';
import { inference } from '../subgraphs/inference/index.js';
import { training } from '../subgraphs/training/index.js';

/** Every subgraph of the platform and the port it takes in the split layout unless PORT says otherwise. */
export const SUBGRAPHS: ReadonlyArray<{ definition: SubgraphDefinition<any>; defaultPort: number }> = [
  { definition: account, defaultPort: 4001 },
  { definition: catalog, defaultPort: 4002 },
  { definition: training, defaultPort: 4003 },
  { definition: deployment, defaultPort: 4004 },
  { definition: billing, defaultPort: 4005 },
  { definition: inference, defaultPort: 4006 },
];

export function subgraphNamed(name: string): { definition: SubgraphDefinition<any>; defaultPort: number } {
  const found = SUBGRAPHS.find(({ definition }) => definition.name === name);
  if (!found) throw new Error(`Unknown subgraph "${name}"; known: ${SUBGRAPHS.map((s) => s.definition.name).join(', ')}`);
  return found;
}

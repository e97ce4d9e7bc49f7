import { DatasetPurged, ModelPurged } from '../../../contracts/index.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import type { SubgraphRuntime } from '../../../kernel/subgraph.js';

/**
 * Erases the files of a model or dataset deleted for good, once the deletion has committed (at least once: erasing
 * an erased folder is a no-op). Until then the files stay, so a deletion that rolls back loses nothing.
 */
export function consumePurges(runtime: SubgraphRuntime): void {
  runtime.events
    .consumer('catalog.purged-files')
    .on(ModelPurged, async (event) => void (await runtime.files.deletePrefix(fileKeys.model(event.accountId!, event.payload.modelId))))
    .on(
      DatasetPurged,
      async (event) => void (await runtime.files.deletePrefix(fileKeys.dataset(event.accountId!, event.payload.datasetId))),
    );
}

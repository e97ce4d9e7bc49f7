import type { AccountDataOwner } from '../../../contracts/index.js';
import { ServedModel } from '../entities/served-model.js';

/** Inference keeps only which models it serves: nothing to export beyond the catalog's records; erase the registry. */
export const inferenceAccountData: AccountDataOwner = {
  async export() {
    return {};
  },
  async erase(em, accountId) {
    await em.nativeDelete(ServedModel, { accountId });
  },
};

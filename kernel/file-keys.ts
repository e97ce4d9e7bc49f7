/**
 * The file store's key layout, in one place. Every file of an account lives under `accounts/<accountId>/`, so the
 * account's files can be listed (GDPR export) and erased (account deletion, purge) by prefix; folder keys end in `/`.
 */
export const fileKeys = {
  account: (accountId: string) => `accounts/${accountId}/`,

  /** A model's folder: its uploaded weights, trained weights and exports. */
  model: (accountId: string, modelId: string) => `accounts/${accountId}/models/${modelId}/`,
  modelFile: (accountId: string, modelId: string, fileName: string) => `${fileKeys.model(accountId, modelId)}${fileName}`,
  trainedWeights: (accountId: string, modelId: string, jobId: string, fileName: string) =>
    `${fileKeys.model(accountId, modelId)}trained/${jobId}/${fileName}`,
  /** Weights a client PUTs to a signed upload URL (`.pt` from a run on the user's own machine). */
  modelUpload: (accountId: string, modelId: string, uploadId: string, fileName: string) =>
    `${fileKeys.model(accountId, modelId)}uploads/${uploadId}/${fileName}`,

  /** A dataset's folder: its images and its NDJSON export. */
  dataset: (accountId: string, datasetId: string) => `accounts/${accountId}/datasets/${datasetId}/`,
  datasetImage: (accountId: string, datasetId: string, imageId: string, extension: string) =>
    `${fileKeys.dataset(accountId, datasetId)}images/${imageId}${extension}`,
  /** Named after the slug: Ultralytics names the dataset it downloads after the URL's last segment (`<slug>.ndjson`). */
  datasetExport: (accountId: string, datasetId: string, slug: string) => `${fileKeys.dataset(accountId, datasetId)}export/${slug}.ndjson`,

  /** A training job's folder: the dataset snapshot it trains on. */
  trainingJob: (accountId: string, jobId: string) => `accounts/${accountId}/training/${jobId}/`,
  trainingSnapshot: (accountId: string, jobId: string) => `${fileKeys.trainingJob(accountId, jobId)}dataset.ndjson`,
} as const;

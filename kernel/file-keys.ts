/**
 * The file store's key layout, in one place. Every file of an account lives under `accounts/<accountId>/`, so the
 * account's files can be listed (GDPR export) and erased (account deletion, purge) by prefix; folder keys end in `/`.
 */
export const fileKeys = {
  account: (accountId: string) => `accounts/${accountId}/`,

  /** A model's folder: its uploaded weights, trained weights and exports (all erased with it). */
  model: (accountId: string, modelId: string) => `accounts/${accountId}/models/${modelId}/`,
  modelFile: (accountId: string, modelId: string, fileName: string) => `${fileKeys.model(accountId, modelId)}${fileName}`,
  trainedWeights: (accountId: string, modelId: string, jobId: string, fileName: string) =>
    `${fileKeys.model(accountId, modelId)}trained/${jobId}/${fileName}`,
  /** One export of the model (`yolo export format=…`): its folder and the file (or zipped folder) it made. */
  modelExport: (accountId: string, modelId: string, exportId: string) => `${fileKeys.model(accountId, modelId)}exports/${exportId}/`,
  modelExportFile: (accountId: string, modelId: string, exportId: string, fileName: string) =>
    `${fileKeys.modelExport(accountId, modelId, exportId)}${fileName}`,
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

  /** A GDPR export's folder: each subgraph's records, then the archive made of them and the account's files. */
  gdpr: (accountId: string) => `accounts/${accountId}/gdpr/`,
  gdprRecords: (accountId: string, jobId: string, subgraph: string) => `${fileKeys.gdpr(accountId)}${jobId}/records/${subgraph}.json`,
  gdprArchive: (accountId: string, jobId: string) => `${fileKeys.gdpr(accountId)}${jobId}/export.zip`,
} as const;

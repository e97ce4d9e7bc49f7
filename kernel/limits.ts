import type { Config, Plan } from './config.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/**
 * The one table of input budgets: every upload, body and decoder checks against these, so a limit is changed in one
 * place and `predictLimits`, errors and docs agree with what is enforced.
 */
export const LIMITS = {
  /** Model weights (`.onnx`, `.pt`) per upload. */
  modelBytes: 2 * GiB,
  /** One image inside a dataset upload. */
  datasetImageBytes: 100 * MiB,
  /** An image sent to predict. */
  predictImageBytes: 50 * MiB,
  /** A video sent to predict. */
  predictVideoBytes: 500 * MiB,
  /** What the platform writes itself: a dataset's NDJSON export or training snapshot. */
  exportBytes: 5 * GiB,
  /** A GDPR export archive: every record and file of an account. */
  gdprExportBytes: 200 * GiB,
  /** A label file or data.yaml inside a dataset zip. */
  labelFileBytes: 10 * MiB,
  /** Label text of one whole dataset upload (every label file of a zip together). */
  datasetLabelBytes: 64 * MiB,
  /** Label rows (objects) of one dataset upload, zip or NDJSON: what the import holds in memory before it commits. */
  datasetLabelRows: 1_000_000,
  /** Numbers in those rows (polygons and keypoints have many per row). */
  datasetLabelValues: 20_000_000,
  /** Entries of a dataset zip, and image records of an NDJSON file. */
  datasetEntries: 500_000,
  /** Class names of a dataset (data.yaml `names`, NDJSON `class_names`), and the length of one name. */
  classNames: 20_000,
  classNameChars: 200,
  /** One line of an NDJSON dataset (the header with its class names, or one image record). */
  ndjsonLineBytes: 8 * MiB,
  /** Decoded pixels of one image (decompression bombs). */
  imagePixels: 100_000_000,
  /** The largest input size (each side) a fixed-size model may declare: every predict allocates that tensor. */
  modelImageSize: 4096,
  /** Decoded pixels of one video frame (4K and a little more), and the frames FFmpeg may decode for one request. */
  videoFramePixels: 4096 * 4096,
  videoDecodedFrames: 10_000,
  /** Wall-clock time one video may take to decode, whatever its frame count. */
  videoDecodeMs: 120_000,
  /** JSON bodies of REST routes. */
  restJsonBytes: 1 * MiB,
  /** JSON bodies of GraphQL requests. */
  graphqlJsonBytes: 10 * MiB,
  /** Exports one account may have queued or running at once (the queue is shared by every account). */
  activeExportsPerAccount: 10,
  /** A training report of the Ultralytics client (`training_complete` carries curves per class); within one GraphQL hop. */
  trainingReportBytes: 8 * MiB,
  /** One WebSocket message (graphql-ws: connection_init, subscribe with its query and variables). */
  websocketMessageBytes: 1 * MiB,
  /** Text of one error message and of each string in its details: input is never echoed back whole. */
  errorTextChars: 300,
} as const;

/** What each plan entitles an account to; enterprise values come from the configuration. */
export interface PlanEntitlements {
  requestsPerMinute: number;
  requestsPerDay: number;
  storageBytes: number;
  /** Largest dataset file one upload may carry. */
  datasetUploadBytes: number;
  /** Calls per hour to the shared HUB inference API (`POST /`); dedicated endpoints are not counted. */
  sharedInferencePerHour: number;
  /** Dedicated deployments an account may have, and instances one may scale to. */
  deployments: number;
  maxInstancesPerDeployment: number;
  /** Signed webhooks to the account's own endpoints. */
  webhooks: boolean;
  /** Credit granted once when the account is created, and every month. */
  signupCreditMicroUsd: number;
  monthlyCreditMicroUsd: number;
}

/**
 * The plans as the seed and the platform docs list them (free and pro fixed but for their credit, which
 * `planCredits` may change; enterprise configured).
 */
export function planEntitlements(
  config: Pick<Config, 'enterprise'> & Partial<Pick<Config, 'planCredits'>>,
): Record<Plan, PlanEntitlements> {
  return {
    free: {
      requestsPerMinute: 60,
      requestsPerDay: 1_000,
      storageBytes: 100 * GiB,
      datasetUploadBytes: 10 * GiB,
      sharedInferencePerHour: 100,
      deployments: 3,
      maxInstancesPerDeployment: 3,
      webhooks: false,
      signupCreditMicroUsd: config.planCredits?.freeSignupMicroUsd ?? 5_000_000,
      monthlyCreditMicroUsd: 0,
    },
    pro: {
      requestsPerMinute: 300,
      requestsPerDay: 50_000,
      storageBytes: 500 * GiB,
      datasetUploadBytes: 20 * GiB,
      sharedInferencePerHour: 100,
      deployments: 10,
      maxInstancesPerDeployment: 10,
      webhooks: false,
      signupCreditMicroUsd: 0,
      monthlyCreditMicroUsd: config.planCredits?.proMonthlyMicroUsd ?? 30_000_000,
    },
    enterprise: { ...config.enterprise },
  };
}

/** The largest dataset upload any plan takes: what transports accept before the plan's own limit is known. */
export function largestDatasetUpload(config: Pick<Config, 'enterprise'>): number {
  return Math.max(...Object.values(planEntitlements(config)).map((plan) => plan.datasetUploadBytes));
}

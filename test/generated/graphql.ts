import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `Upload` scalar type represents a file upload. */
  Upload: { input: unknown; output: unknown; }
};

/** A customer account; every resource belongs to exactly one. */
export type Account = {
  __typename?: 'Account';
  createdAt: Scalars['DateTimeISO']['output'];
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** free, pro or enterprise */
  plan: Scalars['String']['output'];
};

/** An API key; its secret is shown once, at creation. */
export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  name: Scalars['String']['output'];
  /** The first characters of the secret, to recognise the key by. */
  prefix: Scalars['String']['output'];
  scopes: Array<Scalars['String']['output']>;
};

/** Something that happened to one of your API keys. */
export type ApiKeyEvent = {
  __typename?: 'ApiKeyEvent';
  keyId: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  occurredAt: Scalars['DateTimeISO']['output'];
  /** apikey.created or apikey.revoked */
  type: Scalars['String']['output'];
};

export type ApiKeyPage = {
  __typename?: 'ApiKeyPage';
  items: Array<ApiKey>;
  meta: PageMeta;
};

/** Box corners in original-image pixels; x3..y4 are set for oriented boxes (OBB) only. */
export type Box = {
  __typename?: 'Box';
  x1: Scalars['Float']['output'];
  x2: Scalars['Float']['output'];
  x3?: Maybe<Scalars['Float']['output']>;
  x4?: Maybe<Scalars['Float']['output']>;
  y1: Scalars['Float']['output'];
  y2: Scalars['Float']['output'];
  y3?: Maybe<Scalars['Float']['output']>;
  y4?: Maybe<Scalars['Float']['output']>;
};

export type CreateApiKeyInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to every scope of the key making the request. */
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateDatasetInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** detect, segment, pose, obb or classify */
  task: Scalars['String']['input'];
};

export type CreateModelInput = {
  /** e.g. yolov8n or yolo11n (default yolo11n for the task) */
  architecture?: InputMaybe<Scalars['String']['input']>;
  /** The dataset it will train on. */
  datasetId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  projectId: Scalars['ID']['input'];
  /** detect, segment, pose, obb or classify */
  task: Scalars['String']['input'];
};

export type CreateProjectInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type CreatedAccount = {
  __typename?: 'CreatedAccount';
  account: Account;
  apiKey: CreatedApiKey;
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** The full secret (`ul_…`). It is not stored and cannot be shown again. */
  key: Scalars['String']['output'];
};

/** A dataset of labelled images for one task. */
export type Dataset = {
  __typename?: 'Dataset';
  classCount: Scalars['Int']['output'];
  classNames: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  imageCount: Scalars['Int']['output'];
  kptShape?: Maybe<Array<Scalars['Int']['output']>>;
  name: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
  slug: Scalars['String']['output'];
  splits: Array<DatasetSplit>;
  task: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Always private for now. */
  visibility: Scalars['String']['output'];
};

/** A signed, expiring link to an Ultralytics NDJSON export of a dataset. */
export type DatasetExport = {
  __typename?: 'DatasetExport';
  expiresAt: Scalars['DateTimeISO']['output'];
  imageCount: Scalars['Int']['output'];
  url: Scalars['String']['output'];
};

export type DatasetPage = {
  __typename?: 'DatasetPage';
  items: Array<Dataset>;
  meta: PageMeta;
};

export type DatasetSplit = {
  __typename?: 'DatasetSplit';
  imageCount: Scalars['Int']['output'];
  /** train, val, test ... */
  name: Scalars['String']['output'];
};

/** One result, as Ultralytics' Results.summary() gives it for the model's task. */
export type Detection = {
  __typename?: 'Detection';
  box?: Maybe<Box>;
  class: Scalars['Int']['output'];
  confidence: Scalars['Float']['output'];
  keypoints?: Maybe<Keypoints>;
  name: Scalars['String']['output'];
  segments?: Maybe<Segments>;
};

/** The predictions for one image, or one frame of a video. */
export type ImagePrediction = {
  __typename?: 'ImagePrediction';
  /** For videos: the index of the decoded frame. */
  frame?: Maybe<Scalars['Int']['output']>;
  results: Array<Detection>;
  /** [height, width] of the image as decoded (after EXIF rotation). */
  shape: Array<Scalars['Int']['output']>;
  speed: Speed;
};

/** Keypoints in original-image pixels with their visibility scores. */
export type Keypoints = {
  __typename?: 'Keypoints';
  visible: Array<Scalars['Float']['output']>;
  x: Array<Scalars['Float']['output']>;
  y: Array<Scalars['Float']['output']>;
};

/** A model: weights uploaded (ONNX, .pt) or to be trained. */
export type Model = {
  __typename?: 'Model';
  /** e.g. yolo11n, for models to be trained */
  architecture?: Maybe<Scalars['String']['output']>;
  /** Class names, index = class id. */
  classNames: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** The dataset the model trains on, if any. */
  dataset?: Maybe<Dataset>;
  datasetId?: Maybe<Scalars['ID']['output']>;
  /** ONNX exported with dynamic input size. */
  dynamic: Scalars['Boolean']['output'];
  files: Array<ModelFile>;
  /** Format of the main weights file: onnx or pt. */
  format?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Input image size [height, width] of the ONNX export. */
  imageSize?: Maybe<Array<Scalars['Int']['output']>>;
  /** Pose: [keypoints, values per keypoint]. */
  kptShape?: Maybe<Array<Scalars['Int']['output']>>;
  name: Scalars['String']['output'];
  project?: Maybe<Project>;
  projectId: Scalars['ID']['output'];
  /** True when an ONNX file is stored: the model can predict. */
  servable: Scalars['Boolean']['output'];
  /** Bytes stored for this model. */
  sizeBytes: Scalars['Float']['output'];
  /** pending (no weights yet) or ready */
  status: Scalars['String']['output'];
  stride?: Maybe<Scalars['Int']['output']>;
  /** detect, segment, pose, obb or classify; unknown for .pt uploads */
  task?: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** A signed, expiring download link to one model file. */
export type ModelDownload = {
  __typename?: 'ModelDownload';
  expiresAt: Scalars['DateTimeISO']['output'];
  format: Scalars['String']['output'];
  name: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
  size: Scalars['Float']['output'];
  /** Absolute when baseUrl was given, else relative to the platform. */
  url: Scalars['String']['output'];
};

/** A stored weights file of a model. */
export type ModelFile = {
  __typename?: 'ModelFile';
  /** onnx or pt */
  format: Scalars['String']['output'];
  name: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
  /** Bytes. */
  size: Scalars['Float']['output'];
};

export type ModelPage = {
  __typename?: 'ModelPage';
  items: Array<Model>;
  meta: PageMeta;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Creates an API key with at most the scopes of the key making the request. */
  createApiKey: CreatedApiKey;
  createDataset: Dataset;
  /** Creates a model to be trained from scratch. */
  createModel: Model;
  createProject: Project;
  /** Moves the dataset to the trash (restorable for 30 days). */
  deleteDataset: Dataset;
  /** Moves the model to the trash (restorable for 30 days). */
  deleteModel: Model;
  /** Moves the project and its models to the trash (restorable for 30 days). */
  deleteProject: Project;
  /** Exports the dataset as Ultralytics NDJSON; returns a signed download link. */
  exportDataset: DatasetExport;
  /** Operator only: creates an account with a first API key holding every scope. */
  operatorCreateAccount: CreatedAccount;
  /** Operator only: creates a key for any account. */
  operatorCreateApiKey: CreatedApiKey;
  /** Operator only: revokes any key. */
  operatorRevokeApiKey: ApiKey;
  /** Runs one of your ONNX models on an image (JPEG, PNG, WebP, TIFF, BMP) or a video (one entry per processed frame). */
  predict: Prediction;
  /** Revokes one of your API keys; it stops working at once. */
  revokeApiKey: ApiKey;
  /** Adds images and labels: a zip in Ultralytics YOLO layout or an Ultralytics NDJSON file. */
  uploadDataset: Dataset;
  /** Uploads an Ultralytics ONNX export (servable at once) or .pt weights. */
  uploadModel: Model;
};


export type MutationCreateApiKeyArgs = {
  input?: InputMaybe<CreateApiKeyInput>;
};


export type MutationCreateDatasetArgs = {
  input: CreateDatasetInput;
};


export type MutationCreateModelArgs = {
  input: CreateModelInput;
};


export type MutationCreateProjectArgs = {
  input: CreateProjectInput;
};


export type MutationDeleteDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteModelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteProjectArgs = {
  id: Scalars['ID']['input'];
};


export type MutationExportDatasetArgs = {
  baseUrl?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type MutationOperatorCreateAccountArgs = {
  email: Scalars['String']['input'];
  plan?: InputMaybe<Scalars['String']['input']>;
};


export type MutationOperatorCreateApiKeyArgs = {
  accountId: Scalars['ID']['input'];
  input?: InputMaybe<CreateApiKeyInput>;
};


export type MutationOperatorRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationPredictArgs = {
  conf?: InputMaybe<Scalars['Float']['input']>;
  file: Scalars['Upload']['input'];
  frameStride?: InputMaybe<Scalars['Int']['input']>;
  imgsz?: InputMaybe<Scalars['Int']['input']>;
  iou?: InputMaybe<Scalars['Float']['input']>;
  maxFrames?: InputMaybe<Scalars['Int']['input']>;
  modelId: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUploadDatasetArgs = {
  file: Scalars['Upload']['input'];
  id: Scalars['ID']['input'];
};


export type MutationUploadModelArgs = {
  file: Scalars['Upload']['input'];
  name: Scalars['String']['input'];
  projectId: Scalars['ID']['input'];
};

export type PageMeta = {
  __typename?: 'PageMeta';
  limit: Scalars['Int']['output'];
  page: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

/** What predict accepts: defaults and ranges of its options, and file limits. */
export type PredictLimits = {
  __typename?: 'PredictLimits';
  /** [min, max] */
  confRange: Array<Scalars['Float']['output']>;
  defaultConf: Scalars['Float']['output'];
  defaultImgsz: Scalars['Int']['output'];
  defaultIou: Scalars['Float']['output'];
  /** [min, max] */
  imgszRange: Array<Scalars['Int']['output']>;
  /** [min, max] */
  iouRange: Array<Scalars['Float']['output']>;
  maxFrames: Scalars['Int']['output'];
  maxImageBytes: Scalars['Int']['output'];
  maxVideoBytes: Scalars['Int']['output'];
};

export type Prediction = {
  __typename?: 'Prediction';
  images: Array<ImagePrediction>;
  metadata: PredictionMetadata;
};

export type PredictionMetadata = {
  __typename?: 'PredictionMetadata';
  /** [height, width] the model ran at. */
  imageSize: Array<Scalars['Int']['output']>;
  modelId: Scalars['ID']['output'];
  names: Array<Scalars['String']['output']>;
  task: Scalars['String']['output'];
};

/** A project: a group of models. */
export type Project = {
  __typename?: 'Project';
  createdAt: Scalars['DateTimeISO']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The project's models, newest first. */
  models: Array<Model>;
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
};

export type ProjectPage = {
  __typename?: 'ProjectPage';
  items: Array<Project>;
  meta: PageMeta;
};

export type Query = {
  __typename?: 'Query';
  /** The caller's API keys (revoked keys are not listed). */
  apiKeys: ApiKeyPage;
  dataset: Dataset;
  /** Your datasets, newest first, optionally of one task. */
  datasets: DatasetPage;
  /** The account that owns the API key making the request. */
  me: Account;
  model: Model;
  /** Signed, expiring download links to the model's weights files. */
  modelDownloads: Array<ModelDownload>;
  /** Your models, newest first, optionally of one project or task. */
  models: ModelPage;
  /** The options predict takes, with their defaults and ranges. */
  predictLimits: PredictLimits;
  project: Project;
  /** Your projects, newest first. */
  projects: ProjectPage;
  /** Bytes your datasets and models use (trash included) and your plan allows. */
  storage: StorageUsageType;
};


export type QueryApiKeysArgs = {
  limit?: Scalars['Int']['input'];
  page?: Scalars['Int']['input'];
};


export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetsArgs = {
  limit?: Scalars['Int']['input'];
  page?: Scalars['Int']['input'];
  task?: InputMaybe<Scalars['String']['input']>;
};


export type QueryModelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelDownloadsArgs = {
  baseUrl?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
};


export type QueryModelsArgs = {
  limit?: Scalars['Int']['input'];
  page?: Scalars['Int']['input'];
  projectId?: InputMaybe<Scalars['ID']['input']>;
  task?: InputMaybe<Scalars['String']['input']>;
};


export type QueryProjectArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProjectsArgs = {
  limit?: Scalars['Int']['input'];
  page?: Scalars['Int']['input'];
};

/** A segmentation mask as one polygon, in original-image pixels. */
export type Segments = {
  __typename?: 'Segments';
  x: Array<Scalars['Float']['output']>;
  y: Array<Scalars['Float']['output']>;
};

/** Milliseconds measured for each stage of this image. */
export type Speed = {
  __typename?: 'Speed';
  inference: Scalars['Float']['output'];
  postprocess: Scalars['Float']['output'];
  preprocess: Scalars['Float']['output'];
};

/** Storage the account's datasets and models use, against its plan's limit. */
export type StorageUsageType = {
  __typename?: 'StorageUsageType';
  /** Bytes. */
  limit: Scalars['Float']['output'];
  /** used / limit in percent, 2 decimals. */
  percentage: Scalars['Float']['output'];
  /** Bytes. */
  used: Scalars['Float']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Your API keys being created and revoked, live. */
  apiKeyEvents: ApiKeyEvent;
};

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'Account', id: string, email: string, plan: string } };

export type ApiKeyEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiKeyEventsSubscription = { __typename?: 'Subscription', apiKeyEvents: { __typename?: 'ApiKeyEvent', type: string, keyId: string, name: string } };

export type ModelsWithProjectsQueryVariables = Exact<{
  limit: Scalars['Int']['input'];
}>;


export type ModelsWithProjectsQuery = { __typename?: 'Query', models: { __typename?: 'ModelPage', items: Array<{ __typename?: 'Model', id: string, name: string, project?: { __typename?: 'Project', id: string, name: string } | null, dataset?: { __typename?: 'Dataset', id: string } | null }>, meta: { __typename?: 'PageMeta', total: number } } };

export type ProjectsWithModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type ProjectsWithModelsQuery = { __typename?: 'Query', projects: { __typename?: 'ProjectPage', items: Array<{ __typename?: 'Project', id: string, models: Array<{ __typename?: 'Model', id: string, task?: string | null, project?: { __typename?: 'Project', id: string } | null }> }> } };

export type UploadModelFileMutationVariables = Exact<{
  file: Scalars['Upload']['input'];
  projectId: Scalars['ID']['input'];
  name: Scalars['String']['input'];
}>;


export type UploadModelFileMutation = { __typename?: 'Mutation', uploadModel: { __typename?: 'Model', id: string, task?: string | null, classNames: Array<string>, imageSize?: Array<number> | null, kptShape?: Array<number> | null, servable: boolean, project?: { __typename?: 'Project', id: string } | null } };

export type CreateProjectGqlMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type CreateProjectGqlMutation = { __typename?: 'Mutation', createProject: { __typename?: 'Project', id: string } };

export type CreateTrainableModelMutationVariables = Exact<{
  input: CreateModelInput;
}>;


export type CreateTrainableModelMutation = { __typename?: 'Mutation', createModel: { __typename?: 'Model', id: string, architecture?: string | null, status: string, servable: boolean, dataset?: { __typename?: 'Dataset', id: string, task: string } | null } };

export type UploadDatasetFileMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  file: Scalars['Upload']['input'];
}>;


export type UploadDatasetFileMutation = { __typename?: 'Mutation', uploadDataset: { __typename?: 'Dataset', id: string, imageCount: number, classCount: number, splits: Array<{ __typename?: 'DatasetSplit', name: string, imageCount: number }> } };


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"plan"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ApiKeyEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ApiKeyEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ApiKeyEventsSubscription, ApiKeyEventsSubscriptionVariables>;
export const ModelsWithProjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelsWithProjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}}]} as unknown as DocumentNode<ModelsWithProjectsQuery, ModelsWithProjectsQueryVariables>;
export const ProjectsWithModelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectsWithModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectsWithModelsQuery, ProjectsWithModelsQueryVariables>;
export const UploadModelFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadModelFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"projectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"classNames"}},{"kind":"Field","name":{"kind":"Name","value":"imageSize"}},{"kind":"Field","name":{"kind":"Name","value":"kptShape"}},{"kind":"Field","name":{"kind":"Name","value":"servable"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<UploadModelFileMutation, UploadModelFileMutationVariables>;
export const CreateProjectGqlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProjectGql"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateProjectGqlMutation, CreateProjectGqlMutationVariables>;
export const CreateTrainableModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTrainableModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"architecture"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"servable"}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTrainableModelMutation, CreateTrainableModelMutationVariables>;
export const UploadDatasetFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadDatasetFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadDataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"imageCount"}},{"kind":"Field","name":{"kind":"Name","value":"classCount"}},{"kind":"Field","name":{"kind":"Name","value":"splits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"imageCount"}}]}}]}}]}}]} as unknown as DocumentNode<UploadDatasetFileMutation, UploadDatasetFileMutationVariables>;
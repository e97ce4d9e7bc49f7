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
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  /** The `Upload` scalar type represents a file upload. */
  Upload: { input: unknown; output: unknown; }
};

/** Which entries: some by id, or all of them. */
export type ActivitySelectionInput = {
  all?: InputMaybe<Scalars['Boolean']['input']>;
  eventIds?: InputMaybe<Array<Scalars['ID']['input']>>;
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

export type CreateDeploymentInput = {
  /** Default 1; at most the plan's limit. */
  maxInstances?: InputMaybe<Scalars['Int']['input']>;
  /** Default 0 (scale to zero). */
  minInstances?: InputMaybe<Scalars['Int']['input']>;
  modelId: Scalars['ID']['input'];
  /** Default: the model and the region city, e.g. yolo26n-iowa. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** One of deploymentRegions. */
  region: Scalars['String']['input'];
  /** The docs form; minInstances/maxInstances also here. */
  resources?: InputMaybe<DeploymentResourcesInput>;
};

export type CreateExportInput = {
  /** Dynamic input size, where the format supports it */
  dynamic?: InputMaybe<Scalars['Boolean']['input']>;
  /** onnx, torchscript, openvino, tensorrt (engine), coreml, tflite, saved_model, graphdef (pb), ... */
  format: Scalars['String']['input'];
  /** FP16, where the format supports it */
  half?: InputMaybe<Scalars['Boolean']['input']>;
  /** 32-1280, default 640 */
  imageSize?: InputMaybe<Scalars['Int']['input']>;
  modelId: Scalars['ID']['input'];
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

/** Severity of a deployment log entry. */
export type DeploymentLogSeverity =
  | 'CRITICAL'
  | 'DEBUG'
  | 'ERROR'
  | 'INFO'
  | 'WARNING';

export type DeploymentResourcesInput = {
  /** onnxruntime threads per instance, 1-8 (default 1) */
  cpu?: InputMaybe<Scalars['Int']['input']>;
  maxInstances?: InputMaybe<Scalars['Int']['input']>;
  /** 0.5-32 (default 2) */
  memoryGi?: InputMaybe<Scalars['Float']['input']>;
  minInstances?: InputMaybe<Scalars['Int']['input']>;
};

/** Which model weights are uploaded for: modelId, or project and name as Ultralytics sends them. */
export type ModelUploadInput = {
  /** e.g. best.pt */
  filename: Scalars['String']['input'];
  modelId?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** <username>/<project> or <project> */
  project?: InputMaybe<Scalars['String']['input']>;
};

/** What a run on the user's own machine reports at its end (training_complete). */
export type ReportedResultsInput = {
  /** 0-based, as Ultralytics counts. */
  bestEpoch?: InputMaybe<Scalars['Int']['input']>;
  bestFitness?: InputMaybe<Scalars['Float']['input']>;
  classNames?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Metric name -> number (or null). */
  metrics?: InputMaybe<Scalars['JSONObject']['input']>;
  /** The gcsPath of the upload URL the weights went to. */
  modelPath?: InputMaybe<Scalars['String']['input']>;
  modelSize?: InputMaybe<Scalars['Float']['input']>;
  plots?: InputMaybe<Array<Scalars['JSONObject']['input']>>;
};

/** A run on the user's own machine starting, as the Ultralytics client reports it (training_started). */
export type ReportedTrainingInput = {
  /** The trainer's data argument, e.g. ul://<username>/datasets/<slug>. */
  data?: InputMaybe<Scalars['String']['input']>;
  /** cpu, cuda:0, ... */
  device?: InputMaybe<Scalars['String']['input']>;
  epochs: Scalars['Int']['input'];
  imageSize?: InputMaybe<Scalars['Int']['input']>;
  /** The trainer's model argument, e.g. yolo11n.pt or yolov8n.yaml. */
  model?: InputMaybe<Scalars['String']['input']>;
  /** The model's name; its slug is numbered when taken (exp -> exp-2). */
  name: Scalars['String']['input'];
  /** <username>/<project> or <project>; the API key's account owns the run. */
  project: Scalars['String']['input'];
  /** The trainer's task argument. */
  task?: InputMaybe<Scalars['String']['input']>;
};

export type StartTrainingInput = {
  datasetId: Scalars['ID']['input'];
  /** 1-1000, default 100 */
  epochs?: InputMaybe<Scalars['Int']['input']>;
  /** One of gpuTypes; default the first */
  gpuType?: InputMaybe<Scalars['String']['input']>;
  /** 32-1280, a multiple of 32, default 640 */
  imageSize?: InputMaybe<Scalars['Int']['input']>;
  modelId: Scalars['ID']['input'];
};

export type WebhookEndpointInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  events?: InputMaybe<Array<Scalars['String']['input']>>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'Account', id: string, email: string, username: string, plan: string } };

export type ApiKeyEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type ApiKeyEventsSubscription = { __typename?: 'Subscription', apiKeyEvents: { __typename?: 'ApiKeyEvent', type: string, keyId: string, name: string } };

export type LiveActivitySubscriptionVariables = Exact<{ [key: string]: never; }>;


export type LiveActivitySubscription = { __typename?: 'Subscription', activity: { __typename?: 'ActivityEntry', id: string, type: string, action: string, summary: string, resource: { __typename?: 'ActivityResource', type: string, id: string, name?: string | null } } };

export type BalanceChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type BalanceChangedSubscription = { __typename?: 'Subscription', balanceChanged: { __typename?: 'Balance', cashBalance: number, creditBalance: number, reservedAmount: number, totalBalance: number, availableBalance: number } };

export type OperatorGrantMonthlyCreditsMutationVariables = Exact<{ [key: string]: never; }>;


export type OperatorGrantMonthlyCreditsMutation = { __typename?: 'Mutation', operatorGrantMonthlyCredits: number };

export type BillingOverviewQueryVariables = Exact<{ [key: string]: never; }>;


export type BillingOverviewQuery = { __typename?: 'Query', balance: { __typename?: 'Balance', totalBalance: number, availableBalance: number }, usageSummary: { __typename?: 'UsageSummary', plan: string, usage: { __typename?: 'PeriodUsage', apiRequests: number } }, transactions: { __typename?: 'TransactionPage', items: Array<{ __typename?: 'Transaction', kind: string, amount: number }>, meta: { __typename?: 'PageMeta', total: number } }, gpuAvailability: Array<{ __typename?: 'GpuAvailability', gpuType: string, available: boolean }> };

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

export type ModelBySlugQueryVariables = Exact<{
  project: Scalars['String']['input'];
  slug: Scalars['String']['input'];
}>;


export type ModelBySlugQuery = { __typename?: 'Query', modelBySlug: { __typename?: 'Model', id: string, slug: string, status: string, files: Array<{ __typename?: 'ModelFile', format: string, name: string, size: number }> } };

export type DeploymentLogsLiveSubscriptionVariables = Exact<{
  deploymentId: Scalars['ID']['input'];
  severity?: InputMaybe<Array<DeploymentLogSeverity> | DeploymentLogSeverity>;
}>;


export type DeploymentLogsLiveSubscription = { __typename?: 'Subscription', deploymentLogs: { __typename?: 'DeploymentLogEntry', id: string, at: string, severity: DeploymentLogSeverity, kind: string, message: string, status?: number | null, latencyMs?: number | null, imageBytes?: number | null, imageWidth?: number | null, imageHeight?: number | null, resultCount?: number | null, coldStartMs?: number | null } };

export type TrainingProgressSubscriptionVariables = Exact<{
  modelId: Scalars['ID']['input'];
}>;


export type TrainingProgressSubscription = { __typename?: 'Subscription', trainingProgress: { __typename?: 'TrainingProgress', type: string, trainingId: string, modelId: string, status: string, epoch: number, epochs: number, secondsLeft?: number | null, error?: string | null, metrics?: { __typename?: 'TrainingEpoch', epoch: number, precision?: number | null, recall?: number | null, mAP50?: number | null, mAP50_95?: number | null, top1?: number | null, top5?: number | null, losses: Array<{ __typename?: 'TrainingValue', name: string, value: number }> } | null } };

export type GpuTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type GpuTypesQuery = { __typename?: 'Query', gpuTypes: Array<{ __typename?: 'GpuType', name: string, hourlyPriceMicroUsd: number }> };

export type TrainingStatusQueryVariables = Exact<{
  modelId: Scalars['ID']['input'];
}>;


export type TrainingStatusQuery = { __typename?: 'Query', training: { __typename?: 'Training', id: string, status: string, epoch: number, epochs: number, attempts: number, error?: string | null, costMicroUsd: number } };

export type TrainingLogQueryVariables = Exact<{
  modelId: Scalars['ID']['input'];
  afterChunk?: InputMaybe<Scalars['Int']['input']>;
}>;


export type TrainingLogQuery = { __typename?: 'Query', trainingLog: Array<{ __typename?: 'TrainingLogChunk', chunkId: number, content: string, lineCount: number }> };


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"plan"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ApiKeyEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ApiKeyEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ApiKeyEventsSubscription, ApiKeyEventsSubscriptionVariables>;
export const LiveActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"LiveActivity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"resource"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<LiveActivitySubscription, LiveActivitySubscriptionVariables>;
export const BalanceChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"BalanceChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceChanged"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cashBalance"}},{"kind":"Field","name":{"kind":"Name","value":"creditBalance"}},{"kind":"Field","name":{"kind":"Name","value":"reservedAmount"}},{"kind":"Field","name":{"kind":"Name","value":"totalBalance"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"}}]}}]}}]} as unknown as DocumentNode<BalanceChangedSubscription, BalanceChangedSubscriptionVariables>;
export const OperatorGrantMonthlyCreditsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorGrantMonthlyCredits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorGrantMonthlyCredits"}}]}}]} as unknown as DocumentNode<OperatorGrantMonthlyCreditsMutation, OperatorGrantMonthlyCreditsMutationVariables>;
export const BillingOverviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BillingOverview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalBalance"}},{"kind":"Field","name":{"kind":"Name","value":"availableBalance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"usageSummary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"}},{"kind":"Field","name":{"kind":"Name","value":"usage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiRequests"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"transactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"gpuAvailability"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpuType"}},{"kind":"Field","name":{"kind":"Name","value":"available"}}]}}]}}]} as unknown as DocumentNode<BillingOverviewQuery, BillingOverviewQueryVariables>;
export const ModelsWithProjectsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelsWithProjects"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"models"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"meta"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}}]}}]}}]}}]} as unknown as DocumentNode<ModelsWithProjectsQuery, ModelsWithProjectsQueryVariables>;
export const ProjectsWithModelsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProjectsWithModels"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"projects"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"page"},"value":{"kind":"IntValue","value":"1"}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"models"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProjectsWithModelsQuery, ProjectsWithModelsQueryVariables>;
export const UploadModelFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadModelFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}},{"kind":"Argument","name":{"kind":"Name","value":"projectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"projectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"classNames"}},{"kind":"Field","name":{"kind":"Name","value":"imageSize"}},{"kind":"Field","name":{"kind":"Name","value":"kptShape"}},{"kind":"Field","name":{"kind":"Name","value":"servable"}},{"kind":"Field","name":{"kind":"Name","value":"project"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<UploadModelFileMutation, UploadModelFileMutationVariables>;
export const CreateProjectGqlDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateProjectGql"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<CreateProjectGqlMutation, CreateProjectGqlMutationVariables>;
export const CreateTrainableModelDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTrainableModel"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateModelInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createModel"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"architecture"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"servable"}},{"kind":"Field","name":{"kind":"Name","value":"dataset"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"task"}}]}}]}}]}}]} as unknown as DocumentNode<CreateTrainableModelMutation, CreateTrainableModelMutationVariables>;
export const UploadDatasetFileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UploadDatasetFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"file"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Upload"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uploadDataset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"file"},"value":{"kind":"Variable","name":{"kind":"Name","value":"file"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"imageCount"}},{"kind":"Field","name":{"kind":"Name","value":"classCount"}},{"kind":"Field","name":{"kind":"Name","value":"splits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"imageCount"}}]}}]}}]}}]} as unknown as DocumentNode<UploadDatasetFileMutation, UploadDatasetFileMutationVariables>;
export const ModelBySlugDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ModelBySlug"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"project"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"modelBySlug"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"project"},"value":{"kind":"Variable","name":{"kind":"Name","value":"project"}}},{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"files"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"format"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]}}]} as unknown as DocumentNode<ModelBySlugQuery, ModelBySlugQueryVariables>;
export const DeploymentLogsLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DeploymentLogsLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deploymentId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"severity"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeploymentLogSeverity"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deploymentLogs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deploymentId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deploymentId"}}},{"kind":"Argument","name":{"kind":"Name","value":"severity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"severity"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"imageBytes"}},{"kind":"Field","name":{"kind":"Name","value":"imageWidth"}},{"kind":"Field","name":{"kind":"Name","value":"imageHeight"}},{"kind":"Field","name":{"kind":"Name","value":"resultCount"}},{"kind":"Field","name":{"kind":"Name","value":"coldStartMs"}}]}}]}}]} as unknown as DocumentNode<DeploymentLogsLiveSubscription, DeploymentLogsLiveSubscriptionVariables>;
export const TrainingProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TrainingProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"trainingId"}},{"kind":"Field","name":{"kind":"Name","value":"modelId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"epoch"}},{"kind":"Field","name":{"kind":"Name","value":"epochs"}},{"kind":"Field","name":{"kind":"Name","value":"metrics"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"epoch"}},{"kind":"Field","name":{"kind":"Name","value":"losses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"recall"}},{"kind":"Field","name":{"kind":"Name","value":"mAP50"}},{"kind":"Field","name":{"kind":"Name","value":"mAP50_95"}},{"kind":"Field","name":{"kind":"Name","value":"top1"}},{"kind":"Field","name":{"kind":"Name","value":"top5"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secondsLeft"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<TrainingProgressSubscription, TrainingProgressSubscriptionVariables>;
export const GpuTypesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GpuTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gpuTypes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"hourlyPriceMicroUsd"}}]}}]}}]} as unknown as DocumentNode<GpuTypesQuery, GpuTypesQueryVariables>;
export const TrainingStatusDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"training"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"epoch"}},{"kind":"Field","name":{"kind":"Name","value":"epochs"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"costMicroUsd"}}]}}]}}]} as unknown as DocumentNode<TrainingStatusQuery, TrainingStatusQueryVariables>;
export const TrainingLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrainingLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterChunk"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trainingLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"modelId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"modelId"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterChunk"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterChunk"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"chunkId"}},{"kind":"Field","name":{"kind":"Name","value":"content"}},{"kind":"Field","name":{"kind":"Name","value":"lineCount"}}]}}]}}]} as unknown as DocumentNode<TrainingLogQuery, TrainingLogQueryVariables>;
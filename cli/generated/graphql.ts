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

export type OperatorCreateAccountMutationVariables = Exact<{
  email: Scalars['String']['input'];
  plan?: InputMaybe<Scalars['String']['input']>;
  username?: InputMaybe<Scalars['String']['input']>;
}>;


export type OperatorCreateAccountMutation = { __typename?: 'Mutation', operatorCreateAccount: { __typename?: 'CreatedAccount', account: { __typename?: 'Account', id: string, email: string, username: string, plan: string }, apiKey: { __typename?: 'CreatedApiKey', key: string, apiKey: { __typename?: 'ApiKey', id: string, scopes: Array<string> } } } };

export type OperatorCreateApiKeyMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  input?: InputMaybe<CreateApiKeyInput>;
}>;


export type OperatorCreateApiKeyMutation = { __typename?: 'Mutation', operatorCreateApiKey: { __typename?: 'CreatedApiKey', key: string, apiKey: { __typename?: 'ApiKey', id: string, name: string, scopes: Array<string> } } };

export type OperatorRevokeApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type OperatorRevokeApiKeyMutation = { __typename?: 'Mutation', operatorRevokeApiKey: { __typename?: 'ApiKey', id: string } };

export type OperatorPurgeExpiredTrashMutationVariables = Exact<{ [key: string]: never; }>;


export type OperatorPurgeExpiredTrashMutation = { __typename?: 'Mutation', operatorPurgeExpiredTrash: number };

export type OperatorDeadLettersQueryVariables = Exact<{
  consumer?: InputMaybe<Scalars['String']['input']>;
  pending: Scalars['Boolean']['input'];
}>;


export type OperatorDeadLettersQuery = { __typename?: 'Query', operatorDeadLetters: Array<{ __typename?: 'DeadLetter', id: string, consumer: string, eventId: string, type: string, error: string, attempts: number, deadAt: string, replayRequestedAt?: string | null, replayedAt?: string | null }> };

export type OperatorReplayDeadLettersMutationVariables = Exact<{
  ids?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  consumer?: InputMaybe<Scalars['String']['input']>;
}>;


export type OperatorReplayDeadLettersMutation = { __typename?: 'Mutation', operatorReplayDeadLetters: number };

export type OperatorAddCreditsMutationVariables = Exact<{
  accountId: Scalars['ID']['input'];
  amountMicroUsd: Scalars['Float']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
}>;


export type OperatorAddCreditsMutation = { __typename?: 'Mutation', operatorAddCredits: { __typename?: 'Transaction', id: string, amount: number, balanceAfter: number, description: string, createdAt: string } };


export const OperatorCreateAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorCreateAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"plan"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"username"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorCreateAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"plan"},"value":{"kind":"Variable","name":{"kind":"Name","value":"plan"}}},{"kind":"Argument","name":{"kind":"Name","value":"username"},"value":{"kind":"Variable","name":{"kind":"Name","value":"username"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"plan"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]}}]}}]} as unknown as DocumentNode<OperatorCreateAccountMutation, OperatorCreateAccountMutationVariables>;
export const OperatorCreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorCreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorCreateApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]}}]} as unknown as DocumentNode<OperatorCreateApiKeyMutation, OperatorCreateApiKeyMutationVariables>;
export const OperatorRevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorRevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorRevokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<OperatorRevokeApiKeyMutation, OperatorRevokeApiKeyMutationVariables>;
export const OperatorPurgeExpiredTrashDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorPurgeExpiredTrash"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorPurgeExpiredTrash"}}]}}]} as unknown as DocumentNode<OperatorPurgeExpiredTrashMutation, OperatorPurgeExpiredTrashMutationVariables>;
export const OperatorDeadLettersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OperatorDeadLetters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consumer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"pending"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorDeadLetters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"consumer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consumer"}}},{"kind":"Argument","name":{"kind":"Name","value":"pending"},"value":{"kind":"Variable","name":{"kind":"Name","value":"pending"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"consumer"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"error"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"deadAt"}},{"kind":"Field","name":{"kind":"Name","value":"replayRequestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"replayedAt"}}]}}]}}]} as unknown as DocumentNode<OperatorDeadLettersQuery, OperatorDeadLettersQueryVariables>;
export const OperatorReplayDeadLettersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorReplayDeadLetters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"consumer"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorReplayDeadLetters"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"consumer"},"value":{"kind":"Variable","name":{"kind":"Name","value":"consumer"}}}]}]}}]} as unknown as DocumentNode<OperatorReplayDeadLettersMutation, OperatorReplayDeadLettersMutationVariables>;
export const OperatorAddCreditsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OperatorAddCredits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"amountMicroUsd"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Float"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"operatorAddCredits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"accountId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"accountId"}}},{"kind":"Argument","name":{"kind":"Name","value":"amountMicroUsd"},"value":{"kind":"Variable","name":{"kind":"Name","value":"amountMicroUsd"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amount"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfter"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}}]}}]} as unknown as DocumentNode<OperatorAddCreditsMutation, OperatorAddCreditsMutationVariables>;
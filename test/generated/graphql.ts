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

export type CreateApiKeyInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to every scope of the key making the request. */
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Creates an API key with at most the scopes of the key making the request. */
  createApiKey: CreatedApiKey;
  /** Operator only: creates an account with a first API key holding every scope. */
  operatorCreateAccount: CreatedAccount;
  /** Operator only: creates a key for any account. */
  operatorCreateApiKey: CreatedApiKey;
  /** Operator only: revokes any key. */
  operatorRevokeApiKey: ApiKey;
  /** Revokes one of your API keys; it stops working at once. */
  revokeApiKey: ApiKey;
};


export type MutationCreateApiKeyArgs = {
  input?: InputMaybe<CreateApiKeyInput>;
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


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};

export type PageMeta = {
  __typename?: 'PageMeta';
  limit: Scalars['Int']['output'];
  page: Scalars['Int']['output'];
  total: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The caller's API keys (revoked keys are not listed). */
  apiKeys: ApiKeyPage;
  /** The account that owns the API key making the request. */
  me: Account;
};


export type QueryApiKeysArgs = {
  limit?: Scalars['Int']['input'];
  page?: Scalars['Int']['input'];
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


export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"plan"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const ApiKeyEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ApiKeyEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKeyEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ApiKeyEventsSubscription, ApiKeyEventsSubscriptionVariables>;
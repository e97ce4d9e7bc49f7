import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { PageOf } from '../../../kernel/pagination.js';

@Directive('@key(fields: "id")')
@ObjectType('Account', { description: 'A customer account; every resource belongs to exactly one.' })
export class AccountType {
  @Field(() => ID) id!: string;
  @Field(() => String) email!: string;
  @Field(() => String, { description: 'Unique; addresses your resources as Ultralytics clients do: ul://<username>/datasets/<slug>.' })
  username!: string;
  @Field(() => String, { description: 'free, pro or enterprise' }) plan!: string;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType('ApiKey', { description: 'An API key; its secret is shown once, at creation.' })
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'The first characters of the secret, to recognise the key by.' }) prefix!: string;
  @Field(() => [String]) scopes!: string[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt?: Date | null;
}

export const ApiKeyPage = PageOf(ApiKeyType, 'ApiKeyPage');
export type ApiKeyPage = InstanceType<typeof ApiKeyPage>;

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
  @Field(() => String, { description: 'The full secret (`ul_…`). It is not stored and cannot be shown again.' })
  key!: string;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => [String], { nullable: true, description: 'Defaults to every scope of the key making the request.' })
  scopes?: string[] | null;
}

@ObjectType()
export class CreatedAccount {
  @Field(() => AccountType) account!: AccountType;
  @Field(() => CreatedApiKey) apiKey!: CreatedApiKey;
}

@ObjectType({ description: 'Something that happened to one of your API keys.' })
export class ApiKeyEvent {
  @Field(() => String, { description: 'apikey.created or apikey.revoked' }) type!: string;
  @Field(() => ID) keyId!: string;
  @Field(() => String) name!: string;
  @Field(() => Date) occurredAt!: Date;
}

@Directive('@inaccessible')
@ObjectType('KeyIdentity', { description: 'Internal: who owns a key, asked by the gateway only.' })
export class KeyIdentityType {
  @Field(() => ID) keyId!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => String) username!: string;
  @Field(() => String) plan!: string;
  @Field(() => [String]) scopes!: string[];
}

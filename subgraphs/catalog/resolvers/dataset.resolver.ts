import type { FileUpload } from 'graphql-upload-minimal';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { CatalogContext } from '../services.js';
import { checkOwner, datasetBySlug } from '../services/addresses.js';
import { exportDataset } from '../services/dataset-export.js';
import { checkBaseUrl } from '../services/files.js';
import { CreateDatasetInput, DatasetExport, DatasetPage, DatasetType } from './types.js';
import { checkId } from '../../../kernel/ids.js';

@Resolver(() => DatasetType)
export class DatasetResolver {
  @Query(() => DatasetPage, { description: 'Your datasets, newest first, optionally of one task.' })
  async datasets(
    @Ctx() ctx: CatalogContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('task', () => String, { nullable: true }) task: string | null,
  ): Promise<DatasetPage> {
    const caller = requireAccount(ctx.caller, 'datasets');
    const paging = toPage(page, limit);
    return pageOf(paging, await ctx.services.datasets.list(ctx.em, caller.accountId, task, paging), DatasetType.from);
  }

  @Query(() => DatasetType)
  async dataset(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<DatasetType> {
    const caller = requireAccount(ctx.caller, 'datasets');
    return DatasetType.from(await ctx.services.datasets.get(ctx.em, caller.accountId, checkId('dataset', id)));
  }

  @Query(() => DatasetType, { description: 'One of your datasets by its address: ul://<username>/datasets/<slug>.' })
  async datasetBySlug(
    @Ctx() ctx: CatalogContext,
    @Arg('slug', () => String) slug: string,
    @Arg('username', () => String, { nullable: true, description: 'Yours (anything else is not found).' }) username: string | null,
  ): Promise<DatasetType> {
    const caller = requireAccount(ctx.caller, 'datasets');
    checkOwner(caller, username, 'Dataset');
    return DatasetType.from(await datasetBySlug(ctx.em, caller.accountId, slug));
  }

  @Mutation(() => DatasetType)
  async createDataset(@Ctx() ctx: CatalogContext, @Arg('input', () => CreateDatasetInput) input: CreateDatasetInput): Promise<DatasetType> {
    const caller = requireAccount(ctx.caller, 'datasets');
    return DatasetType.from(await ctx.services.datasets.create(caller.accountId, input));
  }

  @Mutation(() => DatasetType, { description: 'Moves the dataset to the trash (restorable for 30 days).' })
  async deleteDataset(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<DatasetType> {
    const caller = requireAccount(ctx.caller, 'datasets');
    return DatasetType.from(await ctx.services.datasets.delete(caller.accountId, checkId('dataset', id)));
  }

  @Mutation(() => DatasetType, {
    description: 'Adds images and labels: a zip in Ultralytics YOLO layout or an Ultralytics NDJSON file.',
  })
  async uploadDataset(
    @Ctx() ctx: CatalogContext,
    @Arg('id', () => ID) id: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
  ): Promise<DatasetType> {
    const caller = requireAccount(ctx.caller, 'datasets');
    return DatasetType.from(await ctx.services.datasets.upload(caller, checkId('dataset', id), file, ctx.signal));
  }

  @Mutation(() => DatasetExport, { description: 'Exports the dataset as Ultralytics NDJSON; returns a signed download link.' })
  async exportDataset(
    @Ctx() ctx: CatalogContext,
    @Arg('id', () => ID) id: string,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL the links start with.' }) baseUrl: string | null,
  ): Promise<DatasetExport> {
    const caller = requireAccount(ctx.caller, 'datasets');
    const { files, datasets } = ctx.services;
    const dataset = await datasets.get(ctx.em, caller.accountId, checkId('dataset', id));
    return exportDataset(ctx.db, files, dataset, checkBaseUrl(baseUrl));
  }

  @Mutation(() => DatasetExport, {
    description: 'Exports your dataset ul://<username>/datasets/<slug> as Ultralytics NDJSON; the link ends in <slug>.ndjson.',
  })
  async exportDatasetBySlug(
    @Ctx() ctx: CatalogContext,
    @Arg('username', () => String) username: string,
    @Arg('slug', () => String) slug: string,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL the links start with.' }) baseUrl: string | null,
  ): Promise<DatasetExport> {
    const caller = requireAccount(ctx.caller, 'datasets');
    checkOwner(caller, username, 'Dataset');
    const dataset = await datasetBySlug(ctx.em, caller.accountId, slug);
    return exportDataset(ctx.db, ctx.services.files, dataset, checkBaseUrl(baseUrl));
  }
}

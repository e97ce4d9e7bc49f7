import type { FileUpload } from 'graphql-upload-minimal';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { CatalogContext } from '../services.js';
import { checkBaseUrl } from '../services/files.js';
import { CreateModelInput, DatasetType, ModelDownload, ModelPage, ModelType, ProjectType } from './types.js';
import { checkId } from '../../../kernel/ids.js';

@Resolver(() => ModelType)
export class ModelResolver {
  @Query(() => ModelPage, { description: 'Your models, newest first, optionally of one project or task.' })
  async models(
    @Ctx() ctx: CatalogContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('projectId', () => ID, { nullable: true }) projectId: string | null,
    @Arg('task', () => String, { nullable: true }) task: string | null,
  ): Promise<ModelPage> {
    const caller = requireAccount(ctx.caller, 'models');
    const paging = toPage(page, limit);
    if (projectId) checkId('project', projectId, 'projectId');
    return pageOf(paging, await ctx.services.models.list(ctx.em, caller.accountId, { projectId, task }, paging), ModelType.from);
  }

  @Query(() => ModelType)
  async model(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    return ModelType.from(await ctx.services.models.get(ctx.em, caller.accountId, checkId('model', id)));
  }

  @Query(() => [ModelDownload], { description: "Signed, expiring download links to the model's weights files." })
  async modelDownloads(
    @Ctx() ctx: CatalogContext,
    @Arg('id', () => ID) id: string,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL the links start with.' }) baseUrl: string | null,
  ): Promise<ModelDownload[]> {
    const caller = requireAccount(ctx.caller, 'models');
    return ctx.services.models.downloads(ctx.em, caller.accountId, checkId('model', id), checkBaseUrl(baseUrl));
  }

  @Mutation(() => ModelType, { description: 'Creates a model to be trained from scratch.' })
  async createModel(@Ctx() ctx: CatalogContext, @Arg('input', () => CreateModelInput) input: CreateModelInput): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    if (input.projectId) checkId('project', input.projectId, 'projectId');
    if (input.datasetId) checkId('dataset', input.datasetId, 'datasetId');
    return ModelType.from(await ctx.services.models.create(caller.accountId, input));
  }

  @Mutation(() => ModelType, { description: 'Uploads an Ultralytics ONNX export (servable at once) or .pt weights.' })
  async uploadModel(
    @Ctx() ctx: CatalogContext,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('name', () => String) name: string,
  ): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    if (projectId) checkId('project', projectId, 'projectId');
    return ModelType.from(await ctx.services.models.upload(caller, { file, projectId, name }));
  }

  @Mutation(() => ModelType, { description: 'Moves the model to the trash (restorable for 30 days).' })
  async deleteModel(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    return ModelType.from(await ctx.services.models.delete(caller.accountId, checkId('model', id)));
  }

  @FieldResolver(() => ProjectType, { nullable: true })
  async project(@Ctx() ctx: CatalogContext, @Root() model: ModelType): Promise<ProjectType | null> {
    const project = await ctx.services.loaders(ctx).project.load(model.projectId);
    return project && ProjectType.from(project);
  }

  @FieldResolver(() => DatasetType, { nullable: true, description: 'The dataset the model trains on, if any.' })
  async dataset(@Ctx() ctx: CatalogContext, @Root() model: ModelType): Promise<DatasetType | null> {
    if (!model.datasetId) return null;
    const dataset = await ctx.services.loaders(ctx).dataset.load(model.datasetId);
    return dataset && DatasetType.from(dataset);
  }
}

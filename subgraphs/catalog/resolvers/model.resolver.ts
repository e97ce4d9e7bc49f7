import type { FileUpload } from 'graphql-upload-minimal';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAccount, requireGateway } from '../../../kernel/auth.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { CatalogContext } from '../services.js';
import { checkOwner, modelBySlug } from '../services/addresses.js';
import { checkBaseUrl } from '../services/files.js';
import {
  CreateModelInput,
  DatasetType,
  ModelDownload,
  ModelPage,
  ModelType,
  ModelUploadInput,
  ModelUploadReceipt,
  ModelUploadTicket,
  ProjectType,
  ReportedTrainingInput,
} from './types.js';
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

  @Query(() => ModelType, { description: 'One of your models by its address: ul://<username>/<project slug>/<model slug>.' })
  async modelBySlug(
    @Ctx() ctx: CatalogContext,
    @Arg('project', () => String, { description: "The project's slug." }) project: string,
    @Arg('slug', () => String) slug: string,
    @Arg('username', () => String, { nullable: true, description: 'Yours (anything else is not found).' }) username: string | null,
  ): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    checkOwner(caller, username, 'Model');
    return ModelType.from(await modelBySlug(ctx.em, caller.accountId, project, slug));
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

  @Mutation(() => ModelType, {
    description: "Registers a run on your own machine (Ultralytics' training_started): a new model in the project (made when missing).",
  })
  async registerReportedTraining(
    @Ctx() ctx: CatalogContext,
    @Arg('input', () => ReportedTrainingInput) input: ReportedTrainingInput,
  ): Promise<ModelType> {
    requireAccount(ctx.caller, 'models');
    const caller = requireAccount(ctx.caller, 'training');
    return ModelType.from(await ctx.services.reportedTraining.register(caller, input));
  }

  @Mutation(() => ModelUploadTicket, { description: 'A signed, single-use URL to PUT .pt weights of one of your models to.' })
  async requestModelUpload(
    @Ctx() ctx: CatalogContext,
    @Arg('input', () => ModelUploadInput) input: ModelUploadInput,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL the link starts with.' }) baseUrl: string | null,
  ): Promise<ModelUploadTicket> {
    const caller = requireAccount(ctx.caller, 'models');
    return ctx.services.modelUploads.request(caller, input, checkBaseUrl(baseUrl));
  }

  @Mutation(() => ModelUploadReceipt, { description: 'Internal: the gateway hands over the PUT to a signed upload URL.' })
  async receiveModelUpload(
    @Ctx() ctx: CatalogContext,
    @Arg('key', () => String) key: string,
    @Arg('expires', () => String) expires: string,
    @Arg('signature', () => String) signature: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
  ): Promise<ModelUploadReceipt> {
    requireGateway(ctx.caller);
    return ctx.services.modelUploads.receive(key, expires, signature, file);
  }

  @Mutation(() => ModelType, { description: 'Moves the model to the trash (restorable for 30 days).' })
  async deleteModel(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    return ModelType.from(await ctx.services.models.delete(caller.accountId, checkId('model', id)));
  }

  @FieldResolver(() => [ModelDownload], { description: "Signed, expiring download links to the model's weights files." })
  async downloads(
    @Ctx() ctx: CatalogContext,
    @Root() model: ModelType,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL the links start with.' }) baseUrl: string | null,
  ): Promise<ModelDownload[]> {
    requireAccount(ctx.caller, 'models');
    const row = await ctx.services.loaders(ctx).model.load(model.id);
    return row ? ctx.services.models.downloadsOf(row, checkBaseUrl(baseUrl)) : [];
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

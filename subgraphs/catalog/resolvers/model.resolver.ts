import type { FileUpload } from 'graphql-upload-minimal';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { PageMeta, toPage } from '../../../kernel/pagination.js';
import type { SubgraphContext } from '../../../kernel/subgraph.js';
import { catalogOf } from '../services/catalog.js';
import { checkBaseUrl } from '../services/files.js';
import { CreateModelInput, DatasetType, ModelDownload, ModelPage, ModelType, ProjectType } from './types.js';

@Resolver(() => ModelType)
export class ModelResolver {
  @Query(() => ModelPage, { description: 'Your models, newest first, optionally of one project or task.' })
  async models(
    @Ctx() ctx: SubgraphContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('projectId', () => ID, { nullable: true }) projectId: string | null,
    @Arg('task', () => String, { nullable: true }) task: string | null,
  ): Promise<ModelPage> {
    const caller = requireAccount(ctx.caller, 'models');
    const paging = toPage(page, limit);
    const { items, total } = await catalogOf(ctx).models.list(ctx.em, caller.accountId, { projectId, task }, paging);
    return { items: items.map(ModelType.from), meta: PageMeta.of(paging, total) };
  }

  @Query(() => ModelType)
  async model(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    return ModelType.from(await catalogOf(ctx).models.get(ctx.em, caller.accountId, id));
  }

  @Query(() => [ModelDownload], { description: "Signed, expiring download links to the model's weights files." })
  async modelDownloads(
    @Ctx() ctx: SubgraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL the links start with.' }) baseUrl: string | null,
  ): Promise<ModelDownload[]> {
    const caller = requireAccount(ctx.caller, 'models');
    return catalogOf(ctx).models.downloads(ctx.em, caller.accountId, id, checkBaseUrl(baseUrl));
  }

  @Mutation(() => ModelType, { description: 'Creates a model to be trained from scratch.' })
  async createModel(@Ctx() ctx: SubgraphContext, @Arg('input', () => CreateModelInput) input: CreateModelInput): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    return ModelType.from(await catalogOf(ctx).models.create(caller.accountId, input));
  }

  @Mutation(() => ModelType, { description: 'Uploads an Ultralytics ONNX export (servable at once) or .pt weights.' })
  async uploadModel(
    @Ctx() ctx: SubgraphContext,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('projectId', () => ID) projectId: string,
    @Arg('name', () => String) name: string,
  ): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    return ModelType.from(await catalogOf(ctx).models.upload(caller, { file, projectId, name }));
  }

  @Mutation(() => ModelType, { description: 'Moves the model to the trash (restorable for 30 days).' })
  async deleteModel(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ModelType> {
    const caller = requireAccount(ctx.caller, 'models');
    return ModelType.from(await catalogOf(ctx).models.delete(caller.accountId, id));
  }

  @FieldResolver(() => ProjectType, { nullable: true })
  async project(@Ctx() ctx: SubgraphContext, @Root() model: ModelType): Promise<ProjectType | null> {
    const project = await catalogOf(ctx).loaders().project.load(model.projectId);
    return project && ProjectType.from(project);
  }

  @FieldResolver(() => DatasetType, { nullable: true, description: 'The dataset the model trains on, if any.' })
  async dataset(@Ctx() ctx: SubgraphContext, @Root() model: ModelType): Promise<DatasetType | null> {
    if (!model.datasetId) return null;
    const dataset = await catalogOf(ctx).loaders().dataset.load(model.datasetId);
    return dataset && DatasetType.from(dataset);
  }
}

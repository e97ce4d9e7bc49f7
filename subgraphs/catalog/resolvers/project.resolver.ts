import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { CatalogContext } from '../services.js';
import { checkOwner, projectBySlug } from '../services/addresses.js';
import { CreateProjectInput, ModelType, ProjectPage, ProjectType } from './types.js';
import { checkId } from '../../../kernel/ids.js';

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Query(() => ProjectPage, { description: 'Your projects, newest first.' })
  async projects(
    @Ctx() ctx: CatalogContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<ProjectPage> {
    const caller = requireAccount(ctx.caller, 'projects');
    const paging = toPage(page, limit);
    return pageOf(paging, await ctx.services.projects.list(ctx.em, caller.accountId, paging), ProjectType.from);
  }

  @Query(() => ProjectType)
  async project(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<ProjectType> {
    const caller = requireAccount(ctx.caller, 'projects');
    return ProjectType.from(await ctx.services.projects.get(ctx.em, caller.accountId, checkId('project', id)));
  }

  @Query(() => ProjectType, { description: 'One of your projects by its slug.' })
  async projectBySlug(
    @Ctx() ctx: CatalogContext,
    @Arg('slug', () => String) slug: string,
    @Arg('username', () => String, { nullable: true, description: 'Yours (anything else is not found).' }) username: string | null,
  ): Promise<ProjectType> {
    const caller = requireAccount(ctx.caller, 'projects');
    checkOwner(caller, username, 'Project');
    return ProjectType.from(await projectBySlug(ctx.em, caller.accountId, slug));
  }

  @Mutation(() => ProjectType)
  async createProject(@Ctx() ctx: CatalogContext, @Arg('input', () => CreateProjectInput) input: CreateProjectInput): Promise<ProjectType> {
    const caller = requireAccount(ctx.caller, 'projects');
    return ProjectType.from(await ctx.services.projects.create(caller.accountId, input));
  }

  @Mutation(() => ProjectType, { description: 'Moves the project and its models to the trash (restorable for 30 days).' })
  async deleteProject(@Ctx() ctx: CatalogContext, @Arg('id', () => ID) id: string): Promise<ProjectType> {
    const caller = requireAccount(ctx.caller, 'projects');
    return ProjectType.from(await ctx.services.projects.delete(caller.accountId, checkId('project', id)));
  }

  @FieldResolver(() => [ModelType], { description: "The project's models, newest first." })
  async models(@Ctx() ctx: CatalogContext, @Root() project: ProjectType): Promise<ModelType[]> {
    requireAccount(ctx.caller, 'models');
    return (await ctx.services.loaders(ctx).modelsOfProject.load(project.id)).map(ModelType.from);
  }
}

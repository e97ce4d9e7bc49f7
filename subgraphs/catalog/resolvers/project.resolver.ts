import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { PageMeta, toPage } from '../../../kernel/pagination.js';
import type { SubgraphContext } from '../../../kernel/subgraph.js';
import { catalogOf } from '../services/catalog.js';
import { CreateProjectInput, ModelType, ProjectPage, ProjectType } from './types.js';

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Query(() => ProjectPage, { description: 'Your projects, newest first.' })
  async projects(
    @Ctx() ctx: SubgraphContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
  ): Promise<ProjectPage> {
    const caller = requireAccount(ctx.caller, 'projects');
    const paging = toPage(page, limit);
    const { items, total } = await catalogOf(ctx).projects.list(ctx.em, caller.accountId, paging);
    return { items: items.map(ProjectType.from), meta: PageMeta.of(paging, total) };
  }

  @Query(() => ProjectType)
  async project(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ProjectType> {
    const caller = requireAccount(ctx.caller, 'projects');
    return ProjectType.from(await catalogOf(ctx).projects.get(ctx.em, caller.accountId, id));
  }

  @Mutation(() => ProjectType)
  async createProject(
    @Ctx() ctx: SubgraphContext,
    @Arg('input', () => CreateProjectInput) input: CreateProjectInput,
  ): Promise<ProjectType> {
    const caller = requireAccount(ctx.caller, 'projects');
    return ProjectType.from(await catalogOf(ctx).projects.create(caller.accountId, input));
  }

  @Mutation(() => ProjectType, { description: 'Moves the project and its models to the trash (restorable for 30 days).' })
  async deleteProject(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<ProjectType> {
    const caller = requireAccount(ctx.caller, 'projects');
    return ProjectType.from(await catalogOf(ctx).projects.delete(caller.accountId, id));
  }

  @FieldResolver(() => [ModelType], { description: "The project's models, newest first." })
  async models(@Ctx() ctx: SubgraphContext, @Root() project: ProjectType): Promise<ModelType[]> {
    requireAccount(ctx.caller, 'models');
    return (await catalogOf(ctx).loaders().modelsOfProject.load(project.id)).map(ModelType.from);
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { DeploymentContext } from '../services.js';
import { checkBaseUrl } from '../services/links.js';
import { CreateExportInput, ExportCancellationType, ExportDownloadType, ExportPage, ExportType } from './types.js';

@Resolver(() => ExportType)
export class ExportResolver {
  @Query(() => ExportPage, { description: 'Your exports, newest first, optionally of one model or status.' })
  async exports(
    @Ctx() ctx: DeploymentContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('modelId', () => ID, { nullable: true }) modelId: string | null,
    @Arg('status', () => String, { nullable: true }) status: string | null,
  ): Promise<ExportPage> {
    const caller = requireAccount(ctx.caller, 'exports');
    const paging = toPage(page, limit);
    return pageOf(paging, await ctx.services.exports.list(ctx.em, caller.accountId, { modelId, status }, paging), ExportType.from);
  }

  @Query(() => ExportType, { name: 'export' })
  async exportJob(@Ctx() ctx: DeploymentContext, @Arg('id', () => ID) id: string): Promise<ExportType> {
    const caller = requireAccount(ctx.caller, 'exports');
    return ExportType.from(await ctx.services.exports.get(ctx.em, caller.accountId, id));
  }

  @Mutation(() => ExportType, { description: "Queues an export of your model's .pt weights (yolo export on a worker)." })
  async createExport(@Ctx() ctx: DeploymentContext, @Arg('input', () => CreateExportInput) input: CreateExportInput): Promise<ExportType> {
    const caller = requireAccount(ctx.caller, 'exports');
    return ExportType.from(await ctx.services.exports.create(caller.accountId, input));
  }

  @Mutation(() => ExportCancellationType, {
    description: 'Cancels a queued or running export (the exporter is stopped); deletes a finished one.',
  })
  async cancelExport(@Ctx() ctx: DeploymentContext, @Arg('id', () => ID) id: string): Promise<ExportCancellationType> {
    const caller = requireAccount(ctx.caller, 'exports');
    const { job, deleted } = await ctx.services.exports.cancel(caller.accountId, id);
    return Object.assign(new ExportCancellationType(), { export: ExportType.from(job), deleted });
  }

  @FieldResolver(() => ExportDownloadType, { nullable: true, description: 'A signed link to the file, once completed (valid an hour).' })
  download(
    @Ctx() ctx: DeploymentContext,
    @Root() exported: ExportType,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL the link starts with (else a path).' })
    baseUrl: string | null,
  ): ExportDownloadType | null {
    const link = ctx.services.exports.download(exported.job, checkBaseUrl(baseUrl));
    return link && Object.assign(new ExportDownloadType(), link);
  }
}

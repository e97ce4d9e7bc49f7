import { GraphQLUpload } from 'graphql-upload-minimal';
import { Arg, Ctx, Float, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { DeploymentLogged, type DeploymentLogEntry } from '../../../contracts/index.js';
import { requireAccount } from '../../../kernel/auth.js';
import { pageOf, toPage } from '../../../kernel/pagination.js';
import type { DeploymentContext } from '../services.js';
import { eachOf } from '../services/live-entries.js';
import { checkBaseUrl, endpointPath } from '../services/links.js';
import type { FileUpload } from '../services/uploads.js';
import { EndpointPrediction } from './prediction-types.js';
import {
  CreateDeploymentInput,
  DeploymentHealthType,
  DeploymentLogEntryType,
  DeploymentLogPageType,
  DeploymentMetricsType,
  DeploymentPage,
  DeploymentRegionType,
  DeploymentType,
  LogSeverity,
} from './types.js';

@Resolver(() => DeploymentType)
export class DeploymentResolver {
  @Query(() => DeploymentPage, { description: 'Your deployments, newest first, optionally of one model or status.' })
  async deployments(
    @Ctx() ctx: DeploymentContext,
    @Arg('page', () => Int, { defaultValue: 1 }) page: number,
    @Arg('limit', () => Int, { defaultValue: 20 }) limit: number,
    @Arg('modelId', () => ID, { nullable: true }) modelId: string | null,
    @Arg('status', () => String, { nullable: true }) status: string | null,
  ): Promise<DeploymentPage> {
    const caller = requireAccount(ctx.caller, 'deployments');
    const paging = toPage(page, limit);
    const rows = await ctx.services.deployments.list(ctx.em, caller.accountId, { modelId, status }, paging);
    return pageOf(paging, rows, (row) => DeploymentType.from(row));
  }

  @Query(() => DeploymentType)
  async deployment(@Ctx() ctx: DeploymentContext, @Arg('id', () => ID) id: string): Promise<DeploymentType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    return DeploymentType.from(await ctx.services.deployments.get(ctx.em, caller.accountId, id));
  }

  @Query(() => [DeploymentRegionType], { description: 'The regions a deployment may run in.' })
  deploymentRegions(@Ctx() ctx: DeploymentContext): DeploymentRegionType[] {
    requireAccount(ctx.caller, 'deployments');
    return ctx.config.deploymentRegions.map(DeploymentRegionType.from);
  }

  @Query(() => DeploymentMetricsType, { description: "A deployment's requests, errors, latency and instances over a range." })
  async deploymentMetrics(
    @Ctx() ctx: DeploymentContext,
    @Arg('id', () => ID) id: string,
    @Arg('range', () => String, { defaultValue: '24h', description: '1h, 6h, 24h, 7d or 30d' }) range: string,
    @Arg('sparkline', () => Boolean, { defaultValue: false, description: '24 points instead of full resolution' }) sparkline: boolean,
  ): Promise<DeploymentMetricsType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    await ctx.services.deployments.get(ctx.em, caller.accountId, id);
    return DeploymentMetricsType.from(await ctx.services.observability.metrics(ctx.em, id, range, sparkline));
  }

  @Query(() => DeploymentLogPageType, { name: 'deploymentLogs', description: "A deployment's log entries, newest first." })
  async deploymentLogPage(
    @Ctx() ctx: DeploymentContext,
    @Arg('id', () => ID) id: string,
    @Arg('severity', () => [LogSeverity], { nullable: true, description: 'Only these severities.' }) severity: LogSeverity[] | null,
    @Arg('limit', () => Int, { nullable: true, description: '1-200, default 50' }) limit: number | null,
    @Arg('pageToken', () => String, { nullable: true }) pageToken: string | null,
  ): Promise<DeploymentLogPageType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    await ctx.services.deployments.get(ctx.em, caller.accountId, id);
    return DeploymentLogPageType.from(await ctx.services.observability.logs(ctx.em, id, { severity, limit, pageToken }));
  }

  @Query(() => DeploymentHealthType, { description: "Whether the deployment's endpoint serves now." })
  async deploymentHealth(@Ctx() ctx: DeploymentContext, @Arg('id', () => ID) id: string): Promise<DeploymentHealthType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    return Object.assign(new DeploymentHealthType(), await ctx.services.deployments.health(ctx.em, caller.accountId, id));
  }

  @Mutation(() => DeploymentType, { description: 'Deploys one of your models to a dedicated endpoint (status deploying, then ready).' })
  async createDeployment(
    @Ctx() ctx: DeploymentContext,
    @Arg('input', () => CreateDeploymentInput) input: CreateDeploymentInput,
  ): Promise<DeploymentType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    return DeploymentType.from(await ctx.services.deployments.create(caller, input));
  }

  @Mutation(() => DeploymentType, { description: 'Starts a stopped deployment again.' })
  async startDeployment(@Ctx() ctx: DeploymentContext, @Arg('id', () => ID) id: string): Promise<DeploymentType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    return DeploymentType.from(await ctx.services.deployments.start(caller.accountId, id));
  }

  @Mutation(() => DeploymentType, { description: 'Stops a deployment: its endpoint refuses requests and its instances are released.' })
  async stopDeployment(@Ctx() ctx: DeploymentContext, @Arg('id', () => ID) id: string): Promise<DeploymentType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    return DeploymentType.from(await ctx.services.deployments.stop(caller.accountId, id));
  }

  @Mutation(() => DeploymentType, { description: 'Deletes a deployment for good, with its logs and metrics.' })
  async deleteDeployment(@Ctx() ctx: DeploymentContext, @Arg('id', () => ID) id: string): Promise<DeploymentType> {
    const caller = requireAccount(ctx.caller, 'deployments');
    return DeploymentType.from(await ctx.services.deployments.delete(caller.accountId, id), 'deleted');
  }

  @Mutation(() => EndpointPrediction, {
    description:
      "Predicts with a deployment's own instances (its endpoint URL takes the same call over HTTP): an image, or a video (one entry per frame).",
  })
  async deploymentPredict(
    @Ctx() ctx: DeploymentContext,
    @Arg('deploymentId', () => ID) deploymentId: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('modelId', () => ID, { nullable: true, description: "Optional; when given it must be the deployment's model." })
    modelId: string | null,
    @Arg('imgsz', () => Int, { nullable: true, description: '32-1280, default 640 (fixed-size models use their own)' })
    imgsz: number | null,
    @Arg('conf', () => Float, { nullable: true, description: '0.01-1.0, default 0.25' }) conf: number | null,
    @Arg('iou', () => Float, { nullable: true, description: '0.0-0.95, default 0.7' }) iou: number | null,
    @Arg('frameStride', () => Int, { nullable: true, description: 'Videos: every n-th frame, default 1' }) frameStride: number | null,
    @Arg('maxFrames', () => Int, { nullable: true, description: 'Videos: at most this many frames, default 300' }) maxFrames: number | null,
  ): Promise<EndpointPrediction> {
    const caller = requireAccount(ctx.caller, 'predict');
    return ctx.services.endpoint.predict(ctx.em, caller, {
      deploymentId,
      file,
      modelId,
      options: { imgsz, conf, iou, frameStride, maxFrames },
    }) as Promise<EndpointPrediction>;
  }

  @FieldResolver(() => Int, { description: 'Instances up now (in the deployment process answering).' })
  instances(@Ctx() ctx: DeploymentContext, @Root() deployment: DeploymentType): number {
    return ctx.services.pool.instances(deployment.id);
  }

  @FieldResolver(() => String, {
    description: "The endpoint's URL: POST <url>/predict with the HUB predict fields and your API key (not rate limited).",
  })
  endpointUrl(
    @Root() deployment: DeploymentType,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL it starts with (else a path).' })
    baseUrl: string | null,
  ): string {
    return `${checkBaseUrl(baseUrl) ?? ''}${endpointPath(deployment.id)}`;
  }
}

/** Live log entries of a deployment, through the gateway's WebSocket. */
@Resolver()
export class DeploymentLiveResolver {
  @Subscription(() => DeploymentLogEntryType, {
    description: "Your deployment's log entries as they are written (requests within a second), optionally of some severities.",
    subscribe: async ({
      args,
      context,
    }: {
      args: { deploymentId: string; severity?: LogSeverity[] | null };
      context: DeploymentContext;
    }) => {
      const { accountId } = requireAccount(context.caller, 'deployments');
      await context.services.deployments.get(context.em, accountId, args.deploymentId); // another account's: not found
      const severities = args.severity?.length ? new Set<string>(args.severity) : undefined;
      return eachOf(
        context.live.subscribe(accountId, [DeploymentLogged], (event) => event.payload.deploymentId === args.deploymentId),
        (event) => event.payload.entries.filter((entry) => !severities || severities.has(entry.severity)),
      );
    },
  })
  deploymentLogs(
    @Root() entry: DeploymentLogEntry,
    @Arg('deploymentId', () => ID) _deploymentId: string,
    @Arg('severity', () => [LogSeverity], { nullable: true }) _severity: LogSeverity[] | null,
  ): DeploymentLogEntryType {
    return DeploymentLogEntryType.from(entry);
  }
}

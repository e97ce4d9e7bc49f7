import { Arg, Ctx, Field, Float, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { requireAccount } from '../../../kernel/auth.js';
import type { GdprJob } from '../entities/gdpr-job.js';
import type { AccountContext } from '../services.js';

@ObjectType('GdprJob', { description: 'A GDPR export or erasure of your account.' })
export class GdprJobType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'export or delete' }) action!: string;
  @Field(() => String, { description: 'running, ready or failed' }) status!: string;
  @Field(() => [String], { description: 'Parts of the platform that have answered.' }) completedParts!: string[];
  @Field(() => Float, { nullable: true, description: 'Bytes of the export archive.' }) sizeBytes!: number | null;
  @Field(() => String, { nullable: true, description: 'A ready export: a signed link, valid for an hour.' }) downloadUrl!: string | null;
  @Field(() => Date, { nullable: true }) downloadUrlExpiresAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;

  static from(job: GdprJob, link: { url: string; expiresAt: Date } | null): GdprJobType {
    return Object.assign(new GdprJobType(), {
      id: job.id,
      action: job.action === 'erase' ? 'delete' : 'export',
      status: job.status,
      completedParts: job.parts,
      sizeBytes: job.sizeBytes ?? null,
      downloadUrl: link?.url ?? null,
      downloadUrlExpiresAt: link?.expiresAt ?? null,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt ?? null,
    });
  }
}

@Resolver()
export class GdprResolver {
  @Query(() => GdprJobType, { description: 'A GDPR job of yours (the latest when no id is given).' })
  async gdprJob(
    @Ctx() ctx: AccountContext,
    @Arg('jobId', () => ID, { nullable: true }) jobId: string | null,
    @Arg('baseUrl', () => String, { nullable: true, description: 'The platform URL download links start with.' }) baseUrl: string | null,
  ): Promise<GdprJobType> {
    const caller = requireAccount(ctx.caller, 'account');
    const job = await ctx.services.gdpr.status(ctx.em, caller.accountId, jobId);
    return GdprJobType.from(job, ctx.services.gdpr.downloadUrl(job, baseUrl));
  }

  @Mutation(() => GdprJobType, {
    description: 'Starts an export of everything your account holds: records of every part of the platform and your files.',
  })
  async requestGdprExport(@Ctx() ctx: AccountContext): Promise<GdprJobType> {
    return GdprJobType.from(await ctx.services.gdpr.requestExport(requireAccount(ctx.caller, 'account')), null);
  }

  @Mutation(() => GdprJobType, {
    description:
      'Deletes your account and everything in it, irreversibly; your API keys stop working at once. confirmationWord must be DELETE.',
  })
  async requestAccountDeletion(
    @Ctx() ctx: AccountContext,
    @Arg('confirmationWord', () => String) confirmationWord: string,
  ): Promise<GdprJobType> {
    return GdprJobType.from(await ctx.services.gdpr.requestErase(requireAccount(ctx.caller, 'account'), confirmationWord), null);
  }
}

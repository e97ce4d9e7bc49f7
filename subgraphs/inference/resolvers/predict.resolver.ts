import path from 'node:path';
import { Arg, Ctx, Float, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLUpload } from 'graphql-upload-minimal';
import { requireAccount } from '../../../kernel/auth.js';
import type { InferenceContext } from '../services.js';
import { PREDICT_DEFAULTS, PREDICT_RANGES, predictOptions } from '../services/options.js';
import { LIMITS } from '../../../kernel/limits.js';
import { receiveUpload, type FileUpload } from '../services/uploads.js';
import { Prediction, PredictLimits } from './types.js';
import { checkId } from '../../../kernel/ids.js';

@Resolver()
export class PredictResolver {
  @Query(() => PredictLimits, { description: 'The options predict takes, with their defaults and ranges.' })
  predictLimits(): PredictLimits {
    return {
      defaultImgsz: PREDICT_DEFAULTS.imgsz,
      defaultConf: PREDICT_DEFAULTS.conf,
      defaultIou: PREDICT_DEFAULTS.iou,
      imgszRange: PREDICT_RANGES.imgsz,
      confRange: PREDICT_RANGES.conf,
      iouRange: PREDICT_RANGES.iou,
      maxImageBytes: LIMITS.predictImageBytes,
      maxVideoBytes: LIMITS.predictVideoBytes,
      maxFrames: PREDICT_RANGES.maxFrames[1],
    };
  }

  @Mutation(() => Prediction, {
    description: 'Runs one of your ONNX models on an image (JPEG, PNG, WebP, TIFF, BMP) or a video (one entry per processed frame).',
  })
  async predict(
    @Ctx() ctx: InferenceContext,
    @Arg('modelId', () => ID) modelId: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('imgsz', () => Int, { nullable: true, description: '32-1280, default 640 (fixed-size models use their own)' })
    imgsz: number | null,
    @Arg('conf', () => Float, { nullable: true, description: '0.01-1.0, default 0.25' }) conf: number | null,
    @Arg('iou', () => Float, { nullable: true, description: '0.0-0.95, default 0.45' }) iou: number | null,
    @Arg('frameStride', () => Int, { nullable: true, description: 'Videos: every n-th frame, default 1' }) frameStride: number | null,
    @Arg('maxFrames', () => Int, { nullable: true, description: 'Videos: at most this many frames, default 300' }) maxFrames: number | null,
  ): Promise<Prediction> {
    const caller = requireAccount(ctx.caller, 'predict');
    const options = predictOptions({ imgsz, conf, iou, frameStride, maxFrames });
    const model = await ctx.services.servedModels.servable(ctx.em, caller.accountId, checkId('model', modelId, 'modelId'));
    const upload = await receiveUpload(
      file,
      { imageBytes: LIMITS.predictImageBytes, videoBytes: LIMITS.predictVideoBytes, tempDir: path.join(ctx.config.dataDir, 'tmp') },
      ctx.signal,
    );
    try {
      return await ctx.services.predictor.predict(model, upload, options, ctx.signal);
    } finally {
      if (upload.kind === 'video') await upload.dispose();
    }
  }
}

import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Box corners in original-image pixels; x3..y4 are set for oriented boxes (OBB) only.' })
export class Box {
  @Field(() => Float) x1!: number;
  @Field(() => Float) y1!: number;
  @Field(() => Float) x2!: number;
  @Field(() => Float) y2!: number;
  @Field(() => Float, { nullable: true }) x3?: number;
  @Field(() => Float, { nullable: true }) y3?: number;
  @Field(() => Float, { nullable: true }) x4?: number;
  @Field(() => Float, { nullable: true }) y4?: number;
}

@ObjectType({ description: 'A segmentation mask as one polygon, in original-image pixels.' })
export class Segments {
  @Field(() => [Float]) x!: number[];
  @Field(() => [Float]) y!: number[];
}

@ObjectType({ description: 'Keypoints in original-image pixels with their visibility scores.' })
export class Keypoints {
  @Field(() => [Float]) x!: number[];
  @Field(() => [Float]) y!: number[];
  @Field(() => [Float]) visible!: number[];
}

@ObjectType({ description: "One result, as Ultralytics' Results.summary() gives it for the model's task." })
export class Detection {
  @Field(() => String) name!: string;
  @Field(() => Int, { name: 'class' }) class!: number;
  @Field(() => Float) confidence!: number;
  @Field(() => Box, { nullable: true }) box?: Box;
  @Field(() => Segments, { nullable: true }) segments?: Segments;
  @Field(() => Keypoints, { nullable: true }) keypoints?: Keypoints;
}

@ObjectType({ description: 'Milliseconds measured for each stage of this image.' })
export class Speed {
  @Field(() => Float) preprocess!: number;
  @Field(() => Float) inference!: number;
  @Field(() => Float) postprocess!: number;
}

@ObjectType({ description: 'The predictions for one image, or one frame of a video.' })
export class ImagePrediction {
  @Field(() => [Detection]) results!: Detection[];
  @Field(() => [Int], { description: '[height, width] of the image as decoded (after EXIF rotation).' }) shape!: number[];
  @Field(() => Speed) speed!: Speed;
  @Field(() => Int, { nullable: true, description: 'For videos: the index of the decoded frame.' }) frame?: number;
}

@ObjectType()
export class PredictionMetadata {
  @Field(() => ID) modelId!: string;
  @Field(() => String) task!: string;
  @Field(() => [String]) names!: string[];
  @Field(() => [Int], { description: '[height, width] the model ran at.' }) imageSize!: number[];
}

@ObjectType()
export class Prediction {
  @Field(() => [ImagePrediction]) images!: ImagePrediction[];
  @Field(() => PredictionMetadata) metadata!: PredictionMetadata;
}

@ObjectType({ description: 'What predict accepts: defaults and ranges of its options, and file limits.' })
export class PredictLimits {
  @Field(() => Int) defaultImgsz!: number;
  @Field(() => Float) defaultConf!: number;
  @Field(() => Float) defaultIou!: number;
  @Field(() => [Int], { description: '[min, max]' }) imgszRange!: number[];
  @Field(() => [Float], { description: '[min, max]' }) confRange!: number[];
  @Field(() => [Float], { description: '[min, max]' }) iouRange!: number[];
  @Field(() => Int) maxImageBytes!: number;
  @Field(() => Int) maxVideoBytes!: number;
  @Field(() => Int) maxFrames!: number;
}

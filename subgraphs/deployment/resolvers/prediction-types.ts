import { Field, Float, ID, Int, ObjectType } from 'type-graphql';

/**
 * A dedicated endpoint's answer: the same fields as the shared `predict` (the HUB Inference API's JSON), under names
 * of this subgraph's own (federation keeps object types apart unless both subgraphs share them).
 */

@ObjectType({ description: 'Box corners in original-image pixels; x3..y4 are set for oriented boxes (OBB) only.' })
export class EndpointBox {
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
export class EndpointSegments {
  @Field(() => [Float]) x!: number[];
  @Field(() => [Float]) y!: number[];
}

@ObjectType({ description: 'Keypoints in original-image pixels, with visibility scores when the model has them.' })
export class EndpointKeypoints {
  @Field(() => [Float]) x!: number[];
  @Field(() => [Float]) y!: number[];
  @Field(() => [Float], { nullable: true }) visible?: number[];
}

@ObjectType({ description: "One result, as Ultralytics' Results.summary() gives it for the model's task." })
export class EndpointResult {
  @Field(() => String) name!: string;
  @Field(() => Int, { name: 'class' }) class!: number;
  @Field(() => Float) confidence!: number;
  @Field(() => EndpointBox, { nullable: true }) box?: EndpointBox;
  @Field(() => EndpointSegments, { nullable: true }) segments?: EndpointSegments;
  @Field(() => EndpointKeypoints, { nullable: true }) keypoints?: EndpointKeypoints;
}

@ObjectType({ description: 'Milliseconds measured for each stage of this image.' })
export class EndpointSpeed {
  @Field(() => Float) preprocess!: number;
  @Field(() => Float) inference!: number;
  @Field(() => Float) postprocess!: number;
}

@ObjectType({ description: 'The predictions for one image, or one frame of a video.' })
export class EndpointImage {
  @Field(() => [EndpointResult]) results!: EndpointResult[];
  @Field(() => [Int], { description: '[height, width] of the image as decoded (after EXIF rotation).' }) shape!: number[];
  @Field(() => EndpointSpeed) speed!: EndpointSpeed;
  @Field(() => Int, { nullable: true, description: 'For videos: the index of the decoded frame.' }) frame?: number;
}

@ObjectType()
export class EndpointMetadata {
  @Field(() => ID) modelId!: string;
  @Field(() => String) task!: string;
  @Field(() => [String]) names!: string[];
  @Field(() => [Int], { description: '[height, width] the model ran at.' }) imageSize!: number[];
}

@ObjectType({ description: "A prediction by a deployment's own instances." })
export class EndpointPrediction {
  @Field(() => [EndpointImage]) images!: EndpointImage[];
  @Field(() => EndpointMetadata) metadata!: EndpointMetadata;
  @Field(() => ID) deploymentId!: string;
  @Field(() => Float, { nullable: true, description: 'Set when the request waited for an instance to start (scale from zero).' })
  coldStartMs!: number | null;
}

import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageOf } from '../../../kernel/pagination.js';
import type { TrashItem } from '../../../kernel/trash.js';
import type { Dataset } from '../entities/dataset.js';
import type { Model } from '../entities/model.js';
import type { Project } from '../entities/project.js';

@Directive('@key(fields: "id")')
@ObjectType('Project', { description: 'A project: a group of models.' })
export class ProjectType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  static from(project: Project): ProjectType {
    const { id, name, slug, description, createdAt, updatedAt } = project;
    return Object.assign(new ProjectType(), { id, name, slug, description, createdAt, updatedAt });
  }
}

@ObjectType('ModelFile', { description: 'A stored weights file of a model.' })
export class ModelFileType {
  @Field(() => String, { description: 'onnx or pt' }) format!: string;
  @Field(() => String) name!: string;
  @Field(() => Float, { description: 'Bytes.' }) size!: number;
  @Field(() => String) sha256!: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Model', { description: 'A model: weights uploaded (ONNX, .pt) or to be trained.' })
export class ModelType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'Unique among the live models of its project.' }) slug!: string;
  @Field(() => ID) projectId!: string;
  @Field(() => ID, { nullable: true }) datasetId!: string | null;
  @Field(() => String, { nullable: true, description: 'detect, segment, pose, obb or classify; unknown for .pt uploads' })
  task!: string | null;
  @Field(() => String, { nullable: true, description: 'e.g. yolo11n, for models to be trained' }) architecture!: string | null;
  @Field(() => [String], { description: 'Class names, index = class id.' }) classNames!: string[];
  @Field(() => [Int], { nullable: true, description: 'Input image size [height, width] of the ONNX export.' })
  imageSize!: number[] | null;
  @Field(() => Int, { nullable: true }) stride!: number | null;
  @Field(() => [Int], { nullable: true, description: 'Pose: [keypoints, values per keypoint].' }) kptShape!: number[] | null;
  @Field(() => Boolean, { description: 'ONNX exported with dynamic input size.' }) dynamic!: boolean;
  @Field(() => String, { description: 'pending (no weights yet) or ready' }) status!: string;
  @Field(() => Boolean, { description: 'True when an ONNX file is stored: the model can predict.' }) servable!: boolean;
  @Field(() => String, { nullable: true, description: 'Format of the main weights file: onnx or pt.' }) format!: string | null;
  @Field(() => [ModelFileType]) files!: ModelFileType[];
  @Field(() => Float, { description: 'Bytes stored for this model.' }) sizeBytes!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  static from(model: Model): ModelType {
    const facts = model.facts;
    const files = model.files.map(({ format, name, size, sha256 }) => ({ format, name, size, sha256 }));
    return Object.assign(new ModelType(), {
      id: model.id,
      name: model.name,
      slug: model.slug,
      projectId: model.projectId,
      datasetId: model.datasetId ?? null,
      task: model.task ?? null,
      architecture: model.architecture ?? null,
      classNames: model.classNames,
      imageSize: facts?.imgsz ?? null,
      stride: facts?.stride ?? null,
      kptShape: facts?.kptShape ?? null,
      dynamic: facts?.dynamic ?? false,
      status: model.status,
      servable: model.files.some((file) => file.format === 'onnx') && facts !== null,
      format: files[0]?.format ?? null,
      files,
      sizeBytes: model.sizeBytes,
      createdAt: model.createdAt,
      updatedAt: model.updatedAt,
    });
  }
}

@ObjectType('DatasetSplit')
export class DatasetSplitType {
  @Field(() => String, { description: 'train, val, test ...' }) name!: string;
  @Field(() => Int) imageCount!: number;
}

@Directive('@key(fields: "id")')
@ObjectType('Dataset', { description: 'A dataset of labelled images for one task.' })
export class DatasetType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => String) slug!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String) task!: string;
  @Field(() => Int) imageCount!: number;
  @Field(() => Int) classCount!: number;
  @Field(() => [String]) classNames!: string[];
  @Field(() => [Int], { nullable: true }) kptShape!: number[] | null;
  @Field(() => [DatasetSplitType]) splits!: DatasetSplitType[];
  @Field(() => String, { description: 'Always private for now.' }) visibility!: string;
  @Field(() => Float) sizeBytes!: number;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;

  static from(dataset: Dataset): DatasetType {
    return Object.assign(new DatasetType(), {
      id: dataset.id,
      name: dataset.name,
      slug: dataset.slug,
      description: dataset.description ?? null,
      task: dataset.task,
      imageCount: dataset.imageCount,
      classCount: dataset.classNames.length,
      classNames: dataset.classNames,
      kptShape: dataset.kptShape ?? null,
      splits: Object.entries(dataset.splits).map(([name, imageCount]) => ({ name, imageCount })),
      visibility: dataset.visibility,
      sizeBytes: dataset.sizeBytes,
      createdAt: dataset.createdAt,
      updatedAt: dataset.updatedAt,
    });
  }
}

export const ProjectPage = PageOf(ProjectType, 'ProjectPage');
export type ProjectPage = InstanceType<typeof ProjectPage>;

export const ModelPage = PageOf(ModelType, 'ModelPage');
export type ModelPage = InstanceType<typeof ModelPage>;

export const DatasetPage = PageOf(DatasetType, 'DatasetPage');
export type DatasetPage = InstanceType<typeof DatasetPage>;

@ObjectType({ description: 'A signed, expiring download link to one model file.' })
export class ModelDownload {
  @Field(() => String) format!: string;
  @Field(() => String) name!: string;
  @Field(() => Float) size!: number;
  @Field(() => String) sha256!: string;
  @Field(() => String, { description: 'Absolute when baseUrl was given, else relative to the platform.' }) url!: string;
  @Field(() => Date) expiresAt!: Date;
}

@ObjectType({ description: 'A signed, expiring link to an Ultralytics NDJSON export of a dataset.' })
export class DatasetExport {
  @Field(() => String) url!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => Int) imageCount!: number;
}

@ObjectType({ description: "Storage the account's datasets and models use, against its plan's limit." })
export class StorageUsageType {
  @Field(() => Float, { description: 'Bytes.' }) used!: number;
  @Field(() => Float, { description: 'Bytes.' }) limit!: number;
  @Field(() => Float, { description: 'used / limit in percent, 2 decimals.' }) percentage!: number;
}

@InputType()
export class CreateProjectInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@InputType()
export class CreateModelInput {
  @Field(() => ID) projectId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'detect, segment, pose, obb or classify' }) task!: string;
  @Field(() => String, { nullable: true, description: 'e.g. yolov8n or yolo11n (default yolo11n for the task)' })
  architecture?: string | null;
  @Field(() => ID, { nullable: true, description: 'The dataset it will train on.' }) datasetId?: string | null;
}

@InputType()
export class CreateDatasetInput {
  @Field(() => String) name!: string;
  @Field(() => String, { description: 'detect, segment, pose, obb or classify' }) task!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
}

@ObjectType('TrashItem', { description: 'A project, dataset or model in the trash: restorable until purgeAt, then deleted for good.' })
export class TrashItemType {
  @Field(() => String, { description: 'project, dataset or model' }) type!: string;
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => Float, { description: 'Bytes it still takes from your storage.' }) sizeBytes!: number;
  @Field(() => Date) deletedAt!: Date;
  @Field(() => Date, { description: 'When it is deleted for good.' }) purgeAt!: Date;
  @Field(() => Int, { description: "Items that went to the trash with it (a project's models)." }) cascadedItems!: number;
  @Field(() => ID, { nullable: true, description: "A model's project." }) parentId!: string | null;

  static from(item: TrashItem): TrashItemType {
    return Object.assign(new TrashItemType(), item);
  }
}

export const TrashPage = PageOf(TrashItemType, 'TrashPage');
export type TrashPage = InstanceType<typeof TrashPage>;

@ObjectType({ description: 'A signed, single-use URL to PUT weights to (no API key needed), valid for an hour.' })
export class ModelUploadTicket {
  @Field(() => ID, { description: 'Opaque; Ultralytics reports it back as modelPath.' }) uploadId!: string;
  @Field(() => String) uploadUrl!: string;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => ID) modelId!: string;
}

@ObjectType({ description: 'Weights received through a signed upload URL and attached to their model.' })
export class ModelUploadReceipt {
  @Field(() => ID) modelId!: string;
  @Field(() => Float, { description: 'Bytes stored.' }) size!: number;
}

@InputType({ description: 'Which model weights are uploaded for: modelId, or project and name as Ultralytics sends them.' })
export class ModelUploadInput {
  @Field(() => ID, { nullable: true }) modelId?: string | null;
  @Field(() => String, { nullable: true, description: '<username>/<project> or <project>' }) project?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => String, { description: 'e.g. best.pt' }) filename!: string;
}

@InputType({ description: "A run on the user's own machine starting, as the Ultralytics client reports it (training_started)." })
export class ReportedTrainingInput {
  @Field(() => String, { description: "<username>/<project> or <project>; the API key's account owns the run." }) project!: string;
  @Field(() => String, { description: "The model's name; its slug is numbered when taken (exp -> exp-2)." }) name!: string;
  @Field(() => String, { nullable: true, description: "The trainer's task argument." }) task?: string | null;
  @Field(() => String, { nullable: true, description: "The trainer's model argument, e.g. yolo11n.pt or yolov8n.yaml." })
  model?: string | null;
  @Field(() => String, { nullable: true, description: "The trainer's data argument, e.g. ul://<username>/datasets/<slug>." })
  data?: string | null;
  @Field(() => Int) epochs!: number;
  @Field(() => Int, { nullable: true }) imageSize?: number | null;
  @Field(() => String, { nullable: true, description: 'cpu, cuda:0, ...' }) device?: string | null;
}

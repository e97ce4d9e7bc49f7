import { TrainingReported } from '../../../contracts/index.js';
import type { AccountCaller } from '../../../kernel/auth.js';
import type { Database } from '../../../kernel/database.js';
import { validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { Dataset } from '../entities/dataset.js';
import type { Model } from '../entities/model.js';
import { Project } from '../entities/project.js';
import { datasetUri, projectPart } from './addresses.js';
import { architectureOf, type Models } from './models.js';
import { checkName, slugify } from './names.js';
import type { Projects } from './projects.js';
import { isTask, type Task } from './tasks.js';

/** What the Ultralytics client says when a run on the user's own machine starts (`training_started`). */
export interface ReportedTrainingInput {
  /** `project=` as the client sends it: `<username>/<project>` or `<project>`. */
  project: string;
  /** `name=` (the model's name; its slug is numbered when taken). */
  name: string;
  /** The trainer's `task`, `model` and `data` arguments. */
  task?: string | null;
  model?: string | null;
  data?: string | null;
  epochs: number;
  imageSize?: number | null;
  device?: string | null;
}

const MAX_EPOCHS = 100_000;

/**
 * A run on the user's own machine registers here: its project is found by slug or created, and a new model is made
 * for it (its slug numbered when taken, as the client expects: `exp` → `exp-2`). Training is told in the same
 * transaction (`training.reported`) and keeps the run's record, so it shows like a run of the platform's own.
 */
export class ReportedTraining {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly projects: Projects,
    private readonly models: Models,
  ) {}

  register(caller: AccountCaller, input: ReportedTrainingInput): Promise<Model> {
    const { accountId } = caller;
    const projectName = checkName(projectPart(input.project), 'project');
    const name = checkName(input.name);
    if (!Number.isInteger(input.epochs) || input.epochs < 1 || input.epochs > MAX_EPOCHS) {
      throw validationError(`epochs must be an integer from 1 to ${MAX_EPOCHS}`, { epochs: input.epochs });
    }
    const imageSize = input.imageSize && Number.isInteger(input.imageSize) && input.imageSize > 0 ? input.imageSize : null;
    return this.db.transaction(async (em) => {
      const project =
        (await em.findOne(Project, { accountId, slug: slugify(projectName) })) ??
        (await this.projects.createIn(em, accountId, { name: projectName }));
      // The dataset when it is one of the caller's (`data=ul://<own username>/datasets/<slug>`).
      const uri = datasetUri(input.data);
      const dataset =
        uri && uri.username === caller.username ? await em.findOne(Dataset, { accountId, slug: uri.slug.toLowerCase() }) : null;
      const task: Task = isTask(input.task) ? input.task : (dataset?.task ?? 'detect');
      const model = await this.models.createForRunIn(em, accountId, {
        projectId: project.id,
        name,
        task,
        architecture: architectureOf(input.model, task),
        datasetId: dataset?.task === task ? dataset.id : null,
        classNames: dataset?.task === task ? dataset.classNames : [],
      });
      await this.events.publish(em, TrainingReported, accountId, {
        modelId: model.id,
        datasetId: model.datasetId ?? null,
        task,
        architecture: model.architecture ?? null,
        epochs: input.epochs,
        imageSize,
        device: input.device?.slice(0, 100) || null,
      });
      return model;
    });
  }
}

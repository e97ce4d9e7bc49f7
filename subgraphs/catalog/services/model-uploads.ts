import { LockMode } from '@mikro-orm/core';
import type { FileUpload } from 'graphql-upload-minimal';
import { ModelWeightsAttached } from '../../../contracts/index.js';
import type { AccountCaller } from '../../../kernel/auth.js';
import type { Clock } from '../../../kernel/clock.js';
import type { Database, EntityManager } from '../../../kernel/database.js';
import { forbidden, notFound, validationError } from '../../../kernel/errors.js';
import type { EventBus } from '../../../kernel/events.js';
import { fileKeys } from '../../../kernel/file-keys.js';
import { newId } from '../../../kernel/ids.js';
import { LIMITS } from '../../../kernel/limits.js';
import { Model, type ModelFile } from '../entities/model.js';
import { ModelUpload } from '../entities/model-upload.js';
import { modelBySlug, projectPart } from './addresses.js';
import { safeFileName, storeUpload, type CatalogFiles } from './files.js';
import { modelRef } from './model-events.js';
import { isTorchWeights } from './models.js';
import { slugify } from './names.js';
import type { Storage } from './storage.js';

/** An upload URL lives an hour: the client PUTs at once (its final upload of `best.pt` blocks the end of training). */
const UPLOAD_TTL_MS = 60 * 60 * 1000;
/** A PUT that claimed an upload and went silent this long has died: another PUT to the same URL may take over. */
const STALE_CLAIM_MS = 15 * 60 * 1000;

export interface ModelUploadRequest {
  /** The model, by id (what the client sends once it knows it) ... */
  modelId?: string | null;
  /** ... or by `project=` and `name=` as the client spells them. */
  project?: string | null;
  name?: string | null;
  filename: string;
}

export interface ModelUploadTicket {
  uploadId: string;
  uploadUrl: string;
  expiresAt: Date;
  modelId: string;
}

/**
 * Weights uploaded through signed, single-use URLs, as the Ultralytics client sends `best.pt` at the end of a run on
 * the user's own machine: asked for with the API key, PUT without one. The PUT streams into the file store, and the
 * bytes become the model's weights; a refused or failed PUT leaves no file and can be tried again.
 */
export class ModelUploads {
  constructor(
    private readonly db: Database,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly files: CatalogFiles,
    private readonly storage: Storage,
  ) {}

  async request(caller: AccountCaller, input: ModelUploadRequest, baseUrl: string | null): Promise<ModelUploadTicket> {
    const fileName = safeFileName(input.filename, 'weights.pt');
    if (!fileName.toLowerCase().endsWith('.pt'))
      throw validationError('Only PyTorch weights (.pt) are uploaded here', { filename: input.filename });
    return this.db.transaction(async (em) => {
      const model = await this.target(em, caller.accountId, input);
      const id = newId('upload');
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + UPLOAD_TTL_MS);
      const upload = em.create(ModelUpload, {
        id,
        accountId: caller.accountId,
        modelId: model.id,
        plan: caller.plan,
        fileName,
        fileKey: fileKeys.modelUpload(caller.accountId, model.id, id, fileName),
        expiresAt,
        claimedAt: null,
        completedAt: null,
        size: null,
        sha256: null,
        createdAt: now,
      });
      await em.flush();
      const uploadUrl = this.files.store.signedUrl(upload.fileKey, { expiresAt, baseUrl, method: 'PUT' });
      return { uploadId: id, uploadUrl, expiresAt, modelId: model.id };
    });
  }

  /**
   * The PUT to a signed upload URL (the gateway hands it over as it comes, no API key): checked, claimed, stored,
   * attached. Answers the stored size; an invalid, expired or used URL is refused before a byte is written.
   */
  async receive(key: string, expires: string, signature: string, file: Promise<FileUpload>): Promise<{ modelId: string; size: number }> {
    const upload = await this.checkAndClaim(key, expires, signature).catch(async (error: unknown) => {
      (await file).createReadStream().resume(); // refused: the bytes still on their way are read and dropped
      throw error;
    });
    try {
      const stored = await storeUpload(this.files.store, key, (await file).createReadStream(), LIMITS.modelBytes);
      if (!isTorchWeights(await this.files.head(key, 4))) throw validationError('The file is not PyTorch weights (.pt)');
      await this.attach(upload, { format: 'pt', name: upload.fileName, key, size: stored.size, sha256: stored.sha256 });
      return { modelId: upload.modelId, size: stored.size };
    } catch (error) {
      await this.files.store.delete(key);
      await this.db.em().nativeUpdate(ModelUpload, { id: upload.id, completedAt: null }, { claimedAt: null });
      throw error;
    }
  }

  private async target(em: EntityManager, accountId: string, input: ModelUploadRequest): Promise<Model> {
    if (input.modelId) {
      const model = await em.findOne(Model, { id: input.modelId, accountId });
      if (!model) throw notFound('Model', input.modelId);
      return model;
    }
    if (!input.project || !input.name) throw validationError('Say which model: modelId, or project and name');
    return modelBySlug(em, accountId, slugify(projectPart(input.project)), slugify(input.name));
  }

  /** Takes the upload for this PUT: signed, unused, unexpired, and not being written by another PUT still alive. */
  private checkAndClaim(key: string, expires: string, signature: string): Promise<ModelUpload> {
    if (!this.files.store.verifySignature(key, expires, signature, this.clock.now().getTime(), 'PUT')) {
      return Promise.reject(forbidden('The upload link is invalid or has expired'));
    }
    return this.db.transaction(async (em) => {
      const upload = await em.findOne(ModelUpload, { fileKey: key }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const now = this.clock.now();
      if (!upload || upload.completedAt || upload.expiresAt <= now) throw forbidden('The upload link was used already or has expired');
      if (upload.claimedAt && now.getTime() - upload.claimedAt.getTime() < STALE_CLAIM_MS) {
        throw forbidden('The upload link is being used by another upload');
      }
      upload.claimedAt = now;
      await em.flush();
      return upload;
    });
  }

  /** The bytes become the model's weights (the `.pt` it had before is erased once this commits). */
  private async attach(upload: ModelUpload, file: ModelFile): Promise<void> {
    await this.db.transaction(async (em) => {
      const model = await em.findOne(Model, { id: upload.modelId, accountId: upload.accountId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!model) throw notFound('Model', upload.modelId);
      // Earlier .pt weights are replaced; an ONNX export stays (and stays served) until the model is trained or exported anew.
      const replaced = model.files.filter((old) => old.format === 'pt' && old.key !== file.key);
      const kept = model.files.filter((old) => old.format !== 'pt');
      const files = [file, ...kept];
      const sizeBytes = files.reduce((sum, each) => sum + each.size, 0);
      await this.storage.check(em, upload.accountId, upload.plan, sizeBytes - model.sizeBytes);
      Object.assign(model, { files, status: 'ready', sizeBytes, updatedAt: this.clock.now() });
      await em.nativeUpdate(ModelUpload, { id: upload.id }, { completedAt: this.clock.now(), size: file.size, sha256: file.sha256 });
      await em.flush();
      await this.events.publish(em, ModelWeightsAttached, upload.accountId, { ...modelRef(model), weightsKey: file.key, size: file.size });
      this.db.onCommit(em, () => {
        for (const old of replaced) void this.files.store.delete(old.key);
      });
    });
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { fileKeys } from '../../kernel/file-keys.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { detectZip, postForm } from './support.js';

/** A clock the test moves forward: the platform's trash reads it. */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
const DAY = 24 * 60 * 60 * 1000;

let platform: TestPlatform;
let owner: TestAccount;
let stranger: TestAccount;

beforeAll(async () => {
  platform = await startTestPlatform({}, { clock });
  [owner, stranger] = await Promise.all([createAccount(platform, 'pro'), createAccount(platform, 'pro')]);
});
afterAll(() => platform?.stop());

const ptBytes = (size: number) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(size - 4, 7)]);
const call = (method: string, route: string, body?: unknown, key = owner.apiKey) => api(platform, key, method, route, body);
const storage = async () => (await call('GET', '/api/storage')).body.data.used as number;
const folder = (key: string) => path.join(platform.config.dataDir, 'files', ...key.split('/').filter(Boolean));

async function projectWithModels(name: string, models: number, bytes = 1000): Promise<{ projectId: string; modelIds: string[] }> {
  const projectId = (await call('POST', '/api/projects', { name })).body.data.id as string;
  const modelIds: string[] = [];
  for (let i = 0; i < models; i++) {
    const res = await postForm(
      platform,
      owner.apiKey,
      '/api/models',
      { projectId, name: `weights ${i}` },
      { name: 'w.pt', bytes: ptBytes(bytes) },
    );
    expect(res.status).toBe(201);
    modelIds.push(res.body.data.id);
  }
  return { projectId, modelIds };
}

/** The purge's file deletions follow its events: wait until the consumers have caught up. */
const settle = () => platform.platform.subgraphs.events.settle();

describe('trash', () => {
  it('lists a deleted project with its models as one item that still counts towards storage', async () => {
    const before = await storage();
    const { projectId, modelIds } = await projectWithModels('Listed', 2);
    expect(await storage()).toBe(before + 2000);
    expect((await call('DELETE', `/api/projects/${projectId}`)).status).toBe(200);
    expect((await call('GET', `/api/models/${modelIds[0]}`)).status).toBe(404);

    const listed = await call('GET', '/api/trash?type=project');
    expect(listed.status).toBe(200);
    const item = listed.body.data.find((entry: { id: string }) => entry.id === projectId);
    expect(item).toMatchObject({ type: 'project', name: 'Listed', cascadedItems: 2 });
    expect(Date.parse(item.purgeAt) - Date.parse(item.deletedAt)).toBe(30 * DAY);
    // Its models went with it: they are not items of their own.
    expect((await call('GET', '/api/trash?type=model')).body.data.map((entry: { id: string }) => entry.id)).not.toContain(modelIds[0]);
    expect(listed.body.meta).toMatchObject({ page: 1, limit: 20 });
    // Trash still takes storage, as the docs say.
    expect(await storage()).toBe(before + 2000);
    // Nobody else sees it or can touch it.
    expect((await call('GET', '/api/trash', undefined, stranger.apiKey)).body.data).toEqual([]);
    expect((await call('POST', '/api/trash', { itemId: projectId, type: 'project' }, stranger.apiKey)).status).toBe(404);
    expect((await call('DELETE', '/api/trash', { itemId: projectId, type: 'project' }, stranger.apiKey)).status).toBe(404);
  });

  it("refuses a model's restore while its project is in the trash, then restores the project with its models", async () => {
    const { projectId, modelIds } = await projectWithModels('Restorable', 2);
    await call('DELETE', `/api/projects/${projectId}`);
    const early = await call('POST', '/api/trash', { itemId: modelIds[0], type: 'model' });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({
      code: 'VALIDATION_ERROR',
      message: 'Cannot restore model while its parent project is in trash. Restore the project first.',
    });

    const restored = await call('POST', '/api/trash', { id: projectId, type: 'project' });
    expect(restored.status).toBe(200);
    expect(restored.body.data).toMatchObject({ id: projectId, type: 'project', restored: true });
    for (const modelId of modelIds) expect((await call('GET', `/api/models/${modelId}`)).status).toBe(200);
    expect((await call('GET', `/api/projects/${projectId}`)).body.data.slug).toBe('restorable');
  });

  it('gives a restored item a free slug when its own was taken meanwhile', async () => {
    const first = (await call('POST', '/api/datasets', { name: 'Shapes', task: 'detect' })).body.data;
    expect(first.slug).toBe('shapes');
    await call('DELETE', `/api/datasets/${first.id}`);
    const second = (await call('POST', '/api/datasets', { name: 'Shapes', task: 'detect' })).body.data;
    expect(second.slug).toBe('shapes');
    expect((await call('POST', '/api/trash', { itemId: first.id, type: 'dataset' })).status).toBe(200);
    expect((await call('GET', `/api/datasets/${first.id}`)).body.data.slug).toBe('shapes-2');
  });

  it('deletes one item for good: its rows, its files and its storage go, and it cannot come back', async () => {
    const { projectId, modelIds } = await projectWithModels('Doomed', 1, 5000);
    const modelFolder = folder(fileKeys.model(owner.userId, modelIds[0]!));
    expect(existsSync(modelFolder)).toBe(true);
    const before = await storage();
    await call('DELETE', `/api/models/${modelIds[0]}`);
    expect(await storage()).toBe(before);

    const gone = await call('DELETE', '/api/trash', { itemId: modelIds[0], type: 'model' });
    expect(gone.status).toBe(200);
    expect(gone.body.data).toMatchObject({ id: modelIds[0], type: 'model', deleted: true, sizeBytes: 5000, parentId: projectId });
    expect(await storage()).toBe(before - 5000);
    await settle();
    expect(existsSync(modelFolder)).toBe(false);
    expect((await call('POST', '/api/trash', { itemId: modelIds[0], type: 'model' })).status).toBe(404);
  });

  it('purges what has been in the trash over 30 days, and only that, when the job runs', async () => {
    const dataset = (await call('POST', '/api/datasets', { name: 'Old data', task: 'detect' })).body.data;
    expect(
      (await postForm(platform, owner.apiKey, `/api/datasets/${dataset.id}/upload`, {}, { name: 'd.zip', bytes: await detectZip() }))
        .status,
    ).toBe(200);
    const datasetFolder = folder(fileKeys.dataset(owner.userId, dataset.id));
    expect(existsSync(datasetFolder)).toBe(true);
    const { projectId } = await projectWithModels('Old project', 1);
    await call('DELETE', `/api/datasets/${dataset.id}`);
    await call('DELETE', `/api/projects/${projectId}`);
    const before = await storage();

    clock.offsetMs = 29 * DAY;
    expect(await runCli(['trash', 'purge'], platform.config, { url: platform.url })).toEqual({ purged: 0 });
    clock.offsetMs = 31 * DAY;
    // Too late to restore, before the job has even run.
    expect((await call('POST', '/api/trash', { itemId: dataset.id, type: 'dataset' })).status).toBe(404);
    const purged = (await runCli(['trash', 'purge'], platform.config, { url: platform.url })) as {
      purged: number;
    };
    expect(purged.purged).toBeGreaterThanOrEqual(3); // the dataset, the project and its model (and older items)
    await settle();
    expect(existsSync(datasetFolder)).toBe(false);
    expect(await storage()).toBeLessThan(before);
    const listed = (await call('GET', '/api/trash')).body.data.map((item: { id: string }) => item.id);
    expect(listed).not.toContain(dataset.id);
    expect(listed).not.toContain(projectId);
    clock.offsetMs = 0;
  });

  it('empties the trash for good, and storage falls back to what live items use', async () => {
    await projectWithModels('Kept', 1, 300);
    const { projectId } = await projectWithModels('Thrown', 2, 700);
    await call('DELETE', `/api/projects/${projectId}`);
    const emptied = await call('POST', '/api/trash/empty');
    expect(emptied.status).toBe(200);
    expect(emptied.body.data.deleted).toBeGreaterThanOrEqual(3);
    expect((await call('GET', '/api/trash')).body).toMatchObject({ data: [], meta: { total: 0 } });
    const live = (await call('GET', '/api/models?limit=100')).body.data.reduce(
      (sum: number, model: { sizeBytes: number }) => sum + model.sizeBytes,
      0,
    );
    const datasets = (await call('GET', '/api/datasets?limit=100')).body.data.reduce(
      (sum: number, d: { sizeBytes: number }) => sum + d.sizeBytes,
      0,
    );
    expect(await storage()).toBe(live + datasets);
  });

  it('answers a bad type or a missing item with VALIDATION_ERROR', async () => {
    expect((await call('GET', '/api/trash?type=spaceship')).status).toBe(400);
    expect((await call('POST', '/api/trash', { type: 'model' })).body.error.code).toBe('VALIDATION_ERROR');
    expect((await call('POST', '/api/trash', { itemId: 'model_x', type: 'spaceship' })).status).toBe(400);
  });
});

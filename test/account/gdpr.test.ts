import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { GDPR_PARTICIPANTS } from '../../contracts/index.js';
import { fileKeys } from '../../kernel/file-keys.js';
import { SUBGRAPHS } from '../../platform/subgraphs.js';
import { postForm } from '../catalog/support.js';
import { buildOnnxModel, channelMajor } from '../support/onnx-builder.js';
import { startGateway } from '../../gateway/server.js';
import { readSupergraph } from '../../platform/schema.js';
import { gatewaySecret } from '../../platform/secret.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { freePort, spawnBin } from '../support/processes.js';
import { FAKE_YOLO, trainingSetup, waitForTraining } from '../training/support.js';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform({
    ULTRALYTICS_CLI: FAKE_YOLO,
    GPU_TYPES_JSON: JSON.stringify({ 'gdpr-cpu': 100_000 }),
    TRAINING_HEARTBEAT_MS: '300',
  });
  const onnx = buildOnnxModel({
    task: 'detect',
    names: ['a', 'b'],
    imgsz: [64, 64],
    outputs: [{ name: 'output0', ...channelMajor([[32, 32, 20, 10, 0.9, 0.1]]) }],
  });
  process.env.FAKE_YOLO_ONNX = path.join(platform.config.dataDir, 'export-gdpr.onnx');
  process.env.FAKE_YOLO_EPOCH_MS = '50';
  await writeFile(process.env.FAKE_YOLO_ONNX, onnx);
});
afterAll(() => platform?.stop());

const ptBytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 3)]);

/** An account with something in every subgraph: a project and uploaded weights, a dataset, a finished training run. */
async function populated(): Promise<{ account: TestAccount; modelId: string; datasetId: string; projectId: string; weightsId: string }> {
  const account = await createAccount(platform);
  const { modelId, datasetId, projectId } = await trainingSetup(platform, account.apiKey);
  const weights = await postForm(
    platform,
    account.apiKey,
    '/api/models',
    { projectId, name: 'uploaded' },
    { name: 'w.pt', bytes: ptBytes },
  );
  expect(weights.status).toBe(201);
  const started = await api(platform, account.apiKey, 'POST', '/api/training/start', {
    modelId,
    datasetId,
    epochs: 2,
    imageSize: 64,
    gpuType: 'gdpr-cpu',
  });
  expect(started.status).toBe(201);
  await waitForTraining(platform, account.apiKey, modelId, (training) => training.status === 'completed');
  return { account, modelId, datasetId, projectId, weightsId: weights.body.data.id };
}

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(entries));
      zip.readEntry();
    });
  });
}

/** Every row of every table of the platform's schemas whose text mentions `needle`. */
async function rowsMentioning(needle: string): Promise<string[]> {
  const em = platform.platform.subgraphs.runtime.db.em();
  const tables = await em.execute<{ table_schema: string; table_name: string }[]>(
    `select table_schema, table_name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema', 'public')`,
  );
  const found: string[] = [];
  for (const { table_schema: schema, table_name: table } of tables) {
    const [row] = await em.execute<{ count: string }[]>(`select count(*) from "${schema}"."${table}" t where t::text like ?`, [
      `%${needle}%`,
    ]);
    if (Number(row!.count) > 0) found.push(`${schema}.${table}: ${row!.count}`);
  }
  return found;
}

describe('GDPR', () => {
  it('has every subgraph answer every request', () => {
    expect([...GDPR_PARTICIPANTS].sort()).toEqual(SUBGRAPHS.map(({ definition }) => definition.name).sort());
  });

  it("exports every subgraph's records and the account's files into one archive behind a signed, expiring link", async () => {
    const { account, modelId, datasetId, projectId, weightsId } = await populated();
    const stranger = await createAccount(platform);
    const requested = await api(platform, account.apiKey, 'POST', '/api/gdpr', { action: 'export' });
    expect(requested.status).toBe(202);
    expect(requested.body.data).toMatchObject({ action: 'export', status: 'running', downloadUrl: null });
    const jobId = requested.body.data.id as string;
    expect((await api(platform, stranger.apiKey, 'GET', `/api/gdpr?jobId=${jobId}`)).status).toBe(404);

    let job: any;
    await expect
      .poll(async () => (job = (await api(platform, account.apiKey, 'GET', `/api/gdpr?jobId=${jobId}`)).body.data).status, {
        timeout: 20_000,
      })
      .toBe('ready');
    expect(job.completedParts.sort()).toEqual([...GDPR_PARTICIPANTS].sort());
    expect(Date.parse(job.downloadUrlExpiresAt) - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    const download = await fetch(job.downloadUrl);
    expect(download.status).toBe(200);
    const entries = await unzip(Buffer.from(await download.arrayBuffer()));
    expect(job.sizeBytes).toBeGreaterThan(0);

    const records = (subgraph: string) => JSON.parse(entries.get(`records/${subgraph}.json`)!.toString('utf8')).records;
    expect(records('account').account[0]).toMatchObject({ id: account.userId });
    expect(records('account').apiKeys[0]).not.toHaveProperty('secretHash');
    expect(records('catalog').projects.map((project: { id: string }) => project.id)).toContain(projectId);
    expect(records('catalog').models.map((model: { id: string }) => model.id)).toEqual(expect.arrayContaining([modelId, weightsId]));
    expect(records('catalog').datasets[0]).toMatchObject({ id: datasetId });
    expect(records('catalog').datasetImages.length).toBeGreaterThan(0);
    expect(records('training').trainingRuns[0]).toMatchObject({ modelId, status: 'completed' });
    expect(records('training').trainingRuns[0].history.length).toBe(2);
    expect(entries.has('records/inference.json')).toBe(true);
    const files = [...entries.keys()].filter((name) => name.startsWith('files/'));
    expect(files).toContain(`files/models/${weightsId}/w.pt`);
    expect(files.some((name) => name.startsWith(`files/datasets/${datasetId}/images/`))).toBe(true);
    expect(files.some((name) => name.startsWith(`files/models/${modelId}/trained/`))).toBe(true);
    expect(JSON.stringify([...entries.keys()])).not.toContain('gdpr/');

    // An activity entry says it is ready.
    await expect
      .poll(async () =>
        (await api(platform, account.apiKey, 'GET', '/api/activity?search=export')).body.data.map((entry: { type: string }) => entry.type),
      )
      .toContain('gdpr.export-ready');
  });

  it('erases the account everywhere on an explicit confirmation: no row, no file, and its keys refused at once', async () => {
    const { account } = await populated();
    // A second gateway has the key's identity cached (5 s otherwise) before the erasure.
    const second = await secondGateway();
    expect((await api(second, account.apiKey, 'GET', '/api/projects')).status).toBe(200);
    const refused = await api(platform, account.apiKey, 'POST', '/api/gdpr', { action: 'delete' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain('DELETE');
    expect((await api(platform, account.apiKey, 'POST', '/api/gdpr', { action: 'wipe' })).status).toBe(400);
    expect(await rowsMentioning(account.userId)).not.toEqual([]);

    const erased = await api(platform, account.apiKey, 'POST', '/api/gdpr', { action: 'delete', confirmationWord: 'DELETE' });
    expect(erased.status).toBe(202);
    // The keys stop working in the request's own transaction, and on the other gateway as soon as it hears of it.
    expect((await api(platform, account.apiKey, 'GET', '/api/projects')).status).toBe(401);
    const erasedAt = Date.now();
    await expect
      .poll(async () => (await api(second, account.apiKey, 'GET', '/api/projects')).status, { timeout: 2_000, interval: 50 })
      .toBe(401);
    expect(Date.now() - erasedAt).toBeLessThan(2_500);
    await second.stop();

    await expect.poll(() => rowsMentioning(account.userId), { timeout: 20_000 }).toEqual([]);
    expect(existsSync(path.join(platform.config.dataDir, 'files', fileKeys.account(account.userId)))).toBe(false);
    // Events the erasure caused afterwards leave nothing behind either.
    await platform.platform.subgraphs.events.settle();
    expect(await rowsMentioning(account.userId)).toEqual([]);
  });
});

/**
 * Another gateway over the same subgraphs: on PostgreSQL a process of its own (`bin/start-gateway.ts`, the split
 * layout's gateway, hearing events on its own connection); on PGlite, which one process owns, a second gateway in
 * this process on the same bus.
 */
async function secondGateway(): Promise<{ url: string; stop(): Promise<void> }> {
  const { config } = platform;
  const subgraphs = platform.platform.subgraphs.subgraphs;
  const secret = gatewaySecret(config, { generate: false });
  if (!config.databaseUrl) {
    const subgraphUrls = Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url]));
    const supergraphSdl = await readSupergraph();
    return startGateway({ config, supergraphSdl, subgraphUrls, secret, port: 0, events: platform.platform.subgraphs.events });
  }
  const port = await freePort();
  const urls = Object.fromEntries(subgraphs.map((subgraph) => [`SUBGRAPH_${subgraph.name.toUpperCase()}_URL`, subgraph.url]));
  const env = { DATABASE_URL: config.databaseUrl, GATEWAY_SECRET: secret, HOST: '127.0.0.1', DATA_DIR: config.dataDir, PORT: String(port) };
  const spawned = await spawnBin('start-gateway.ts', [], { ...env, ...urls }, /listening/);
  return { url: `http://127.0.0.1:${port}`, stop: () => spawned.stop() };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm } from '../catalog/support.js';
import { hubPredict } from '../inference/support.js';
import { buildOnnxModel } from '../support/onnx-builder.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';

/** A real receiver on loopback: checks every signature, and answers as the test tells it to. */
class Receiver {
  readonly received: Array<{ id: string; type: string; body: any; valid: boolean }> = [];
  answer: (req: IncomingMessage) => number | 'hang' = () => 200;
  secret = '';
  open = 0;
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      this.open++;
      res.on('close', () => this.open--);
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(text);
        this.received.push({ id: body.id, type: body.type, body, valid: this.verify(String(req.headers['ultralytics-signature']), text) });
        const answer = this.answer(req);
        if (answer === 'hang') return; // never answers: the platform must give up on its own
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  private verify(header: string, body: string): boolean {
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    if (!match) return false;
    const expected = createHmac('sha256', this.secret).update(`${match[1]}.${body}`).digest();
    return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex')) && Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let platform: TestPlatform;
let owner: TestAccount;
let other: TestAccount;
const receiver = new Receiver();
const hanging = new Receiver();
let receiverUrl: string;
let hangingUrl: string;

beforeAll(async () => {
  [receiverUrl, hangingUrl] = await Promise.all([receiver.start(), hanging.start()]);
  platform = await startTestPlatform({
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
    WEBHOOK_RETRY_BASE_MS: '150',
    WEBHOOK_MAX_ATTEMPTS: '6',
    WEBHOOK_TIMEOUT_MS: '8000',
  });
  [owner, other] = await Promise.all([createAccount(platform, 'enterprise'), createAccount(platform, 'enterprise')]);
});
afterAll(async () => {
  await platform?.stop();
  await Promise.all([receiver.stop(), hanging.stop()]);
});

const call = (method: string, route: string, body?: unknown, key = owner.apiKey) => api(platform, key, method, route, body);

describe('webhooks', () => {
  it('refuses other plans, internal targets and unknown events with a clear error', async () => {
    const pro = await createAccount(platform, 'pro');
    const forbidden = await call('POST', '/api/webhook-endpoints', { url: receiverUrl, events: ['training.completed'] }, pro.apiKey);
    expect(forbidden.status).toBe(403);
    for (const url of [
      'http://169.254.169.254/latest',
      'http://[::ffff:10.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      'ftp://example.com/',
      'not a url',
    ]) {
      const refused = await call('POST', '/api/webhook-endpoints', { url, events: ['training.completed'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.message).toBe('url must be an http(s) URL on a public address');
    }
    expect((await call('POST', '/api/webhook-endpoints', { url: receiverUrl, events: ['training.exploded'] })).status).toBe(400);
    expect((await call('POST', '/api/webhook-endpoints', { url: receiverUrl, events: [] })).status).toBe(400);
  });

  it('signs deliveries, retries while the receiver fails, then delivers each event once; the log shows every attempt', async () => {
    const created = await call('POST', '/api/webhook-endpoints', {
      url: receiverUrl,
      events: ['project.created', 'dataset.created', 'webhook.test'],
      description: 'ci',
    });
    expect(created.status).toBe(201);
    expect(created.body.data.secret).toMatch(/^whsec_/);
    receiver.secret = created.body.data.secret;
    const endpointId = created.body.data.id as string;
    // The secret is shown once.
    expect(JSON.stringify((await call('GET', '/api/webhook-endpoints')).body)).not.toContain(receiver.secret);

    expect((await call('POST', `/api/webhook-endpoints/${endpointId}/test`)).status).toBe(202);
    await expect.poll(() => receiver.received.filter((entry) => entry.type === 'webhook.test').length).toBe(1);
    expect(receiver.received.every((entry) => entry.valid)).toBe(true);

    // The receiver fails the next three calls.
    let failures = 3;
    receiver.answer = () => (failures-- > 0 ? 500 : 200);
    const project = (await call('POST', '/api/projects', { name: 'Hooked' })).body.data;
    await call('POST', '/api/datasets', { name: 'Hooked data', task: 'detect' });
    await expect
      .poll(() => receiver.received.filter((entry) => entry.body.data?.projectId === project.id).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => receiver.received.filter((entry) => entry.type === 'dataset.created').length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await expect
      .poll(
        async () =>
          (await call('GET', `/api/webhook-endpoints/${endpointId}/deliveries`)).body.data.every(
            (d: { status: string }) => d.status === 'succeeded',
          ),
        {
          timeout: 15_000,
        },
      )
      .toBe(true);

    const deliveries = (await call('GET', `/api/webhook-endpoints/${endpointId}/deliveries`)).body.data as any[];
    expect(deliveries).toHaveLength(3);
    const attempts = deliveries.flatMap((delivery) => delivery.attempts);
    expect(attempts.filter((attempt: { statusCode: number }) => attempt.statusCode === 500)).toHaveLength(3);
    expect(attempts.every((attempt: { latencyMs: number }) => attempt.latencyMs >= 0)).toBe(true);
    // Once it recovered, each event arrived exactly once with a 2xx answer, signed, with its public data only.
    const projectDelivery = receiver.received.filter((entry) => entry.body.data?.projectId === project.id);
    const answered =
      projectDelivery.length -
      deliveries.find((d) => d.eventType === 'project.created').attempts.filter((a: any) => a.statusCode === 500).length;
    expect(answered).toBe(1);
    expect(projectDelivery[0]!.body).toMatchObject({
      type: 'project.created',
      resource: { type: 'project', id: project.id, name: 'Hooked' },
    });
    expect(receiver.received.every((entry) => entry.valid)).toBe(true);

    // Redelivered from the log on request.
    const delivery = deliveries.find((d) => d.eventType === 'project.created');
    expect((await call('POST', `/api/webhook-deliveries/${delivery.id}/redeliver`)).status).toBe(202);
    await expect
      .poll(() => receiver.received.filter((entry) => entry.body.data?.projectId === project.id).length)
      .toBe(projectDelivery.length + 1);

    // Nobody else sees or touches the log.
    expect((await call('GET', `/api/webhook-endpoints/${endpointId}/deliveries`, undefined, other.apiKey)).status).toBe(404);
    expect((await call('POST', `/api/webhook-deliveries/${delivery.id}/redeliver`, undefined, other.apiKey)).status).toBe(404);
  });

  it('never lets a hanging receiver slow a predict request or other receivers', async () => {
    const slow = await call('POST', '/api/webhook-endpoints', { url: hangingUrl, events: ['project.created'] });
    hanging.secret = slow.body.data.secret;
    hanging.answer = () => 'hang';
    receiver.answer = () => 200;
    const before = receiver.received.length;
    const project = (await call('POST', '/api/projects', { name: 'While hanging' })).body.data;
    await expect.poll(() => hanging.open).toBe(1);
    // The healthy endpoint got its copy meanwhile.
    await expect.poll(() => receiver.received.slice(before).some((entry) => entry.body.data?.projectId === project.id)).toBe(true);

    const model = Buffer.from(
      buildOnnxModel({
        task: 'classify',
        names: ['a', 'b'],
        imgsz: [32, 32],
        outputs: [{ name: 'output0', dims: [1, 2], data: [0.2, 0.8] }],
      }),
    );
    const uploaded = await postForm(
      platform,
      owner.apiKey,
      '/api/models',
      { projectId: project.id, name: 'm' },
      { name: 'm.onnx', bytes: model },
    );
    const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#345678' } })
      .jpeg()
      .toBuffer();
    const started = performance.now();
    const predicted = await hubPredict(platform, owner.apiKey, { model: uploaded.body.data.id }, { name: 'x.jpg', bytes: image });
    expect(predicted.status).toBe(200);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(hanging.open).toBe(1); // still hanging while predict answered
  });
});

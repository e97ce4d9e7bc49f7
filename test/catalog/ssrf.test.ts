import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../subgraphs/catalog/services/dataset-import/image-source.js';
import { freePort } from '../support/processes.js';
import { api, createAccount, startTestPlatform, type TestAccount, type TestPlatform } from '../support/platform.js';
import { jpeg, postForm, storedFiles } from './support.js';

let platform: TestPlatform;
let owner: TestAccount;
/** A server inside the platform's network: no NDJSON image URL may ever reach it. */
let inside: Server;
let hits = 0;
let port: number;

beforeAll(async () => {
  const image = await jpeg();
  inside = createServer((_req, res) => {
    hits++;
    res.writeHead(200, { 'content-type': 'image/jpeg' }).end(image);
  });
  await new Promise<void>((resolve) => inside.listen(0, '127.0.0.1', resolve));
  port = (inside.address() as AddressInfo).port;
  platform = await startTestPlatform();
  owner = await createAccount(platform);
});
afterAll(async () => {
  inside?.close();
  await platform?.stop();
});

const ndjson = (url: string) =>
  Buffer.from(
    '{"type":"dataset","task":"detect","class_names":{"0":"a"}}\n' +
      `${JSON.stringify({ type: 'image', split: 'train', file: '1.jpg', url, annotations: {} })}\n`,
  );

async function importFrom(url: string) {
  const id = (await api(platform, owner.apiKey, 'POST', '/api/datasets', { name: 'urls', task: 'detect' })).body.data.id as string;
  return postForm(platform, owner.apiKey, `/api/datasets/${id}/upload`, {}, { name: 'd.ndjson', bytes: ndjson(url) });
}

describe('NDJSON image URLs never reach inside the network', () => {
  it('refuses every spelling of an internal address, with one neutral answer, and fetches nothing', async () => {
    const before = await storedFiles(platform);
    const spellings = [
      `http://127.0.0.1:${port}/1.jpg`,
      `http://[::ffff:127.0.0.1]:${port}/1.jpg`,
      `http://[::ffff:7f00:1]:${port}/1.jpg`,
      `http://[0:0:0:0:0:ffff:7f00:1]:${port}/1.jpg`,
      `http://2130706433:${port}/1.jpg`,
      `http://0177.0.0.1:${port}/1.jpg`,
      `http://0x7f.0.0.1:${port}/1.jpg`,
      `http://127.1:${port}/1.jpg`,
      `http://localhost:${port}/1.jpg`,
      `http://[::1]:${port}/1.jpg`,
      `http://[::7f00:1]:${port}/1.jpg`,
      `http://[64:ff9b::7f00:1]:${port}/1.jpg`,
      `http://0.0.0.0:${port}/1.jpg`,
      `https://127.0.0.1:${port}/1.jpg`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/1.jpg',
      'http://[fd00::1]/1.jpg',
    ];
    for (const url of spellings) {
      const res = await importFrom(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error, url).toEqual({
        code: 'VALIDATION_ERROR',
        message: 'NDJSON line 2: the image could not be downloaded',
        details: { url },
      });
    }
    expect(hits).toBe(0);
    expect(await storedFiles(platform)).toEqual(before);
  });

  it('answers an open and a closed port alike: no port oracle', async () => {
    const closed = await freePort();
    const open = await importFrom(`http://[::ffff:127.0.0.1]:${port}/1.jpg`);
    const shut = await importFrom(`http://[::ffff:127.0.0.1]:${closed}/1.jpg`);
    expect(open.body.error.message).toBe(shut.body.error.message);
    expect(Object.keys(open.body.error.details)).toEqual(Object.keys(shut.body.error.details));
    expect(hits).toBe(0);
  });

  it('decides on the address, for every family and spelling', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])
      expect(isPublicAddress(address), address).toBe(true);
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '::1',
      '::',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::7f00:1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      'fe80::1',
      'fd00::1',
      'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
  });
});

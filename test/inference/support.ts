import { readFile } from 'node:fs/promises';
import { api, type TestPlatform } from '../support/platform.js';
import { postForm } from '../catalog/support.js';

/** Uploads an ONNX (or .pt) file as a model of a new project; it can predict in the very next request. */
export async function uploadModel(platform: TestPlatform, key: string, name: string, bytes: Buffer): Promise<string> {
  const project = await api(platform, key, 'POST', '/api/projects', { name: `project-${name}` });
  const uploaded = await postForm(platform, key, '/api/models', { projectId: project.body.data.id, name }, { name, bytes });
  if (uploaded.status !== 201) throw new Error(`upload of ${name} failed: ${JSON.stringify(uploaded.body)}`);
  return uploaded.body.data.id as string;
}

export async function uploadModelFile(platform: TestPlatform, key: string, file: string): Promise<string> {
  return uploadModel(platform, key, file.split('/').pop()!, await readFile(file));
}

/** The HUB call exactly as the seed's curl / requests examples send it. */
export async function hubPredict(
  platform: { url: string },
  key: string,
  fields: Record<string, string>,
  file?: { name: string; bytes: Buffer },
  route = '/',
): Promise<{ status: number; body: any; headers: Headers }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const response = await fetch(`${platform.url}${route}`, { method: 'POST', headers: { 'x-api-key': key }, body: form });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

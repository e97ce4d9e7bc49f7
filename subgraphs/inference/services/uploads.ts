import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { validationError } from '../../../kernel/errors.js';

/** The shape graphql-upload-minimal gives an `Upload` argument. */
export interface FileUpload {
  filename: string;
  mimetype: string;
  createReadStream(): Readable;
}

/** An image in memory (decoders want the whole file), or a video spooled to a temporary file FFmpeg can seek in. */
export type ReceivedUpload = { kind: 'image'; bytes: Buffer } | { kind: 'video'; file: string; dispose(): Promise<void> };

export interface UploadLimits {
  imageBytes: number;
  videoBytes: number;
  /** Where videos are spooled. */
  tempDir: string;
}

const tooLarge = (kind: string, maxBytes: number) =>
  validationError(`${kind === 'video' ? 'Videos' : 'Images'} may be at most ${maxBytes / 1024 ** 2} MB`, { maxBytes });

/**
 * Receives a predict upload: the first bytes say whether it is a video; an image is read into memory up to its
 * limit, a video streamed to a temporary file up to its own (never 500 MB in memory). Anything over is refused as
 * soon as it is over; `signal` (the client went away) stops the transfer.
 */
export async function receiveUpload(
  upload: Promise<FileUpload> | FileUpload,
  limits: UploadLimits,
  signal?: AbortSignal,
): Promise<ReceivedUpload> {
  const stream = (await upload).createReadStream();
  const stop = () => stream.destroy(new Error('The request was cancelled'));
  signal?.addEventListener('abort', stop, { once: true });
  const chunks: Buffer[] = [];
  let size = 0;
  let directory: string | undefined;
  let video: { file: string; out: ReturnType<typeof createWriteStream> } | undefined;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (video) {
        if (size > limits.videoBytes) throw tooLarge('video', limits.videoBytes);
        if (!video.out.write(buffer)) await new Promise<void>((resolve) => video!.out.once('drain', () => resolve()));
        continue;
      }
      chunks.push(buffer);
      if (size >= 12 && isVideo(Buffer.concat(chunks))) {
        await mkdir(limits.tempDir, { recursive: true });
        directory = await mkdtemp(path.join(limits.tempDir, 'predict-'));
        const file = path.join(directory, 'video');
        video = { file, out: createWriteStream(file) };
        video.out.on('error', (error) => stream.destroy(error));
        video.out.write(Buffer.concat(chunks));
        chunks.length = 0;
        if (size > limits.videoBytes) throw tooLarge('video', limits.videoBytes);
        continue;
      }
      if (size > limits.imageBytes) throw tooLarge('image', limits.imageBytes);
    }
    if (size === 0) throw validationError('The file is empty');
    if (video) {
      video.out.end();
      await finished(video.out);
      const held = directory!;
      directory = undefined; // the caller disposes of it now
      return { kind: 'video', file: video.file, dispose: () => rm(held, { recursive: true, force: true }) };
    }
    return { kind: 'image', bytes: Buffer.concat(chunks, size) };
  } catch (error) {
    stream.destroy();
    video?.out.destroy();
    if (signal?.aborted) throw signal.reason;
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    if (directory) await rm(directory, { recursive: true, force: true });
  }
}

/** Video containers by their magic bytes: MP4/MOV (`ftyp`), AVI (`RIFF…AVI `), WebM/MKV (EBML). */
export function isVideo(bytes: Buffer): boolean {
  if (bytes.length < 12) return false;
  if (bytes.toString('latin1', 4, 8) === 'ftyp') return true;
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'AVI ') return true;
  return bytes.readUInt32BE(0) === 0x1a45dfa3;
}

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { InvalidImageError } from './errors.js';
import type { ChannelOrder, Pixels } from './pixels.js';

export interface VideoOptions {
  /** Ultralytics' vid_stride: of every `frameStride` decoded frames, the last one is returned (default 1: all). */
  frameStride?: number | undefined;
  /** Stop after this many returned frames. */
  maxFrames?: number | undefined;
  /** Channel order of the frames (default 'rgb'; cv2.VideoCapture gives 'bgr'). */
  order?: ChannelOrder | undefined;
}

export interface VideoFrame extends Pixels {
  /** Index of the frame among all decoded frames. */
  index: number;
}

// ffmpeg announces the converted stream before writing any frame, e.g. "Video: rawvideo (...), rgb24, 320x256"
// (newer versions write "rgb24(pc, gbr/unknown/unknown, progressive), 320x256").
const OUTPUT_STREAM = /Output #0[\s\S]*?Video: rawvideo[^\n]*?, (?:rgb24|bgr24)(?:\([^)\n]*\))?, (\d+)x(\d+)/;

/**
 * Decodes the frames of a video (mp4, mov, avi, webm, mkv, ...) as cv2.VideoCapture does: FFmpeg decode,
 * every frame as decoded (no frame-rate conversion), converted to 8-bit RGB/BGR by swscale.
 * `input` is a file path or the file's bytes. Non-video input raises InvalidImageError.
 */
export async function* decodeVideoFrames(input: string | Uint8Array, options: VideoOptions = {}): AsyncGenerator<VideoFrame> {
  const { frameStride = 1, maxFrames = Infinity, order = 'rgb' } = options;
  if (!Number.isInteger(frameStride) || frameStride < 1) throw new RangeError('frameStride must be a positive integer');
  if (typeof input !== 'string' && input.length === 0) throw new InvalidImageError('empty video');
  // Containers such as mp4 may keep their index at the end, so ffmpeg needs a seekable file, not a pipe.
  const tempDir = typeof input === 'string' ? null : await mkdtemp(join(tmpdir(), 'video-'));
  const file = tempDir ? join(tempDir, 'input') : (input as string);
  if (tempDir) await writeFile(file, input as Uint8Array);

  const args = ['-hide_banner', '-nostdin', '-i', file, '-map', '0:v:0', '-vsync', '0'];
  const child = spawn(ffmpeg.path, [...args, '-f', 'rawvideo', '-pix_fmt', order === 'rgb' ? 'rgb24' : 'bgr24', 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    log = (log + text).slice(-64 * 1024);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', resolve);
    child.on('error', () => resolve(null));
  });

  let frameSize = 0;
  let width = 0;
  let height = 0;
  const readHeader = (): boolean => {
    const match = OUTPUT_STREAM.exec(log);
    if (!match) return false;
    [width, height] = [Number(match[1]), Number(match[2])];
    frameSize = width * height * 3;
    return frameSize > 0;
  };

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let returned = 0;
  const takeFrames = function* (): Generator<VideoFrame> {
    if (!frameSize || pendingBytes < frameSize) return;
    const joined = Buffer.concat(pending);
    let at = 0;
    for (; at + frameSize <= joined.length && returned < maxFrames; at += frameSize, index++) {
      if ((index + 1) % frameStride !== 0) continue;
      returned++;
      const data = new Uint8Array(joined.buffer, joined.byteOffset + at, frameSize);
      yield { data, width, height, order, index };
    }
    pending = [joined.subarray(at)];
    pendingBytes = joined.length - at;
  };

  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (frameSize || readHeader()) yield* takeFrames();
      if (returned >= maxFrames) return;
    }
    const code = await exited;
    if (frameSize || readHeader()) yield* takeFrames();
    // Like cv2.VideoCapture, frames decoded before an error are kept; no frame at all is an error.
    if (index === 0) throw videoError(code, log.replaceAll(file, 'input'));
  } finally {
    child.kill('SIGKILL');
    await exited;
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

function videoError(code: number | null, log: string): InvalidImageError {
  const reason = log.trim().split('\n').slice(-2).join(' ').trim();
  return new InvalidImageError(`cannot decode video${code === null ? ' (ffmpeg did not start)' : ''}: ${reason || 'no video stream'}`);
}

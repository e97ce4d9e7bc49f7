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
  /** Refuse videos whose frames have more pixels than this (read from the stream header, before decoding). */
  maxFramePixels?: number | undefined;
  /** Never decode more frames than this, whatever `frameStride` and `maxFrames` ask. */
  maxDecodedFrames?: number | undefined;
  /** Give up (InvalidImageError) after this long. */
  timeoutMs?: number | undefined;
  /** Stops decoding at once (FFmpeg killed) and throws the signal's reason: the caller went away. */
  signal?: AbortSignal | undefined;
}

export const DEFAULT_MAX_FRAME_PIXELS = 4096 * 4096;
export const DEFAULT_MAX_DECODED_FRAMES = 10_000;
export const DEFAULT_VIDEO_TIMEOUT_MS = 120_000;

export interface VideoFrame extends Pixels {
  /** Index of the frame among all decoded frames. */
  index: number;
}

// ffmpeg announces the converted stream before writing any frame, e.g. "Video: rawvideo (...), rgb24, 320x256"
// (newer versions write "rgb24(pc, gbr/unknown/unknown, progressive), 320x256").
const OUTPUT_STREAM = /Output #0[\s\S]*?Video: rawvideo[^\n]*?, (?:rgb24|bgr24)(?:\([^)\n]*\))?, (\d+)x(\d+)/;
// ...and the input's first video stream as soon as the container is opened, before decoding anything:
// "Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(...), 8192x8192 [SAR 1:1 DAR 1:1], ...".
const INPUT_STREAM = /Stream #\d+:\d+[^\n]*?: Video: [^\n]*?, (\d+)x(\d+)(?=[ ,\r\n]|$)/m;

/**
 * Decodes the frames of a video (mp4, mov, avi, webm, mkv, ...) as cv2.VideoCapture does: FFmpeg decode,
 * every frame as decoded (no frame-rate conversion), converted to 8-bit RGB/BGR by swscale.
 * `input` is a file path or the file's bytes. Non-video input raises InvalidImageError.
 */
export async function* decodeVideoFrames(input: string | Uint8Array, options: VideoOptions = {}): AsyncGenerator<VideoFrame> {
  const { frameStride = 1, maxFrames = Infinity, order = 'rgb', signal } = options;
  const maxFramePixels = options.maxFramePixels ?? DEFAULT_MAX_FRAME_PIXELS;
  const maxDecodedFrames = options.maxDecodedFrames ?? DEFAULT_MAX_DECODED_FRAMES;
  if (!Number.isInteger(frameStride) || frameStride < 1) throw new RangeError('frameStride must be a positive integer');
  if (typeof input !== 'string' && input.length === 0) throw new InvalidImageError('empty video');
  signal?.throwIfAborted();
  // Containers such as mp4 may keep their index at the end, so ffmpeg needs a seekable file, not a pipe.
  const tempDir = typeof input === 'string' ? null : await mkdtemp(join(tmpdir(), 'video-'));
  const file = tempDir ? join(tempDir, 'input') : (input as string);
  if (tempDir) await writeFile(file, input as Uint8Array);

  // FFmpeg stops by itself after the frames asked for: a long video with maxFrames 10 decodes ~10 frames, not all.
  const frameLimit = Math.min(maxDecodedFrames, Number.isFinite(maxFrames) ? maxFrames * frameStride : Infinity);
  const args = ['-hide_banner', '-nostdin', '-threads', '2', '-i', file, '-map', '0:v:0', '-vsync', '0', '-frames:v', String(frameLimit)];
  const child = spawn(ffmpeg.path, [...args, '-f', 'rawvideo', '-pix_fmt', order === 'rgb' ? 'rgb24' : 'bgr24', 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Why FFmpeg was stopped early, thrown once its output ends; null while it runs as asked.
  let stopped: Error | null = null;
  const stop = (reason: Error) => {
    stopped ??= reason;
    child.kill('SIGKILL');
  };
  const onAbort = () => stop(signal!.reason instanceof Error ? signal!.reason : new Error('The video decoding was cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(
    () =>
      stop(
        new InvalidImageError(
          `the video takes longer than ${Math.round((options.timeoutMs ?? DEFAULT_VIDEO_TIMEOUT_MS) / 1000)} s to decode`,
        ),
      ),
    options.timeoutMs ?? DEFAULT_VIDEO_TIMEOUT_MS,
  );
  let log = '';
  let sizeChecked = false;
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    log = (log + text).slice(-64 * 1024);
    const input = sizeChecked ? null : INPUT_STREAM.exec(log);
    if (!input) return;
    sizeChecked = true;
    const [w, h] = [Number(input[1]), Number(input[2])];
    if (w * h > maxFramePixels) stop(new InvalidImageError(`video frames of ${w}x${h} have more than ${maxFramePixels} pixels`));
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
    // A stop (abort, budget) takes effect between frames too, not only when FFmpeg's next output arrives.
    for (; at + frameSize <= joined.length && returned < maxFrames && !stopped; at += frameSize, index++) {
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
      if (stopped) break;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (frameSize || readHeader()) {
        if (frameSize > maxFramePixels * 3)
          stop(new InvalidImageError(`video frames of ${width}x${height} have more than ${maxFramePixels} pixels`));
        else yield* takeFrames();
      }
      if (returned >= maxFrames) return;
    }
    const code = await exited;
    if (stopped) throw stopped;
    if (frameSize || readHeader()) yield* takeFrames();
    // Like cv2.VideoCapture, frames decoded before an error are kept; no frame at all is an error.
    if (index === 0) throw videoError(code, log.replaceAll(file, 'input'));
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    child.kill('SIGKILL');
    await exited;
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }
}

function videoError(code: number | null, log: string): InvalidImageError {
  const reason = log.trim().split('\n').slice(-2).join(' ').trim();
  return new InvalidImageError(`cannot decode video${code === null ? ' (ffmpeg did not start)' : ''}: ${reason || 'no video stream'}`);
}

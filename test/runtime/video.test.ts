import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidImageError } from '../../runtime/errors.js';
import { decodeVideoFrames, type VideoFrame, type VideoOptions } from '../../runtime/video.js';

const dir = mkdtempSync(path.join(tmpdir(), 'runtime-video-'));
const FRAMES = 7;

/** A 64x48 test-pattern clip of FRAMES frames in the given container. */
function makeClip(file: string, codec: string[]): string {
  const out = path.join(dir, file);
  execFileSync(ffmpeg.path, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=64x48:rate=5',
    '-frames:v',
    String(FRAMES),
    ...codec,
    '-y',
    out,
  ]);
  return out;
}

async function collect(input: string | Uint8Array, options?: VideoOptions): Promise<VideoFrame[]> {
  const frames: VideoFrame[] = [];
  for await (const frame of decodeVideoFrames(input, options)) frames.push({ ...frame, data: new Uint8Array(frame.data) });
  return frames;
}

describe('decodeVideoFrames', () => {
  let mp4: string;
  beforeAll(() => {
    mp4 = makeClip('clip.mp4', ['-c:v', 'mpeg4', '-q:v', '2']);
  });

  it.each([
    ['clip.avi', ['-c:v', 'mpeg4']],
    ['clip.mov', ['-c:v', 'mpeg4']],
    ['clip.mkv', ['-c:v', 'mpeg4']],
    ['clip.webm', ['-c:v', 'libvpx', '-b:v', '200k']],
  ])('decodes every frame of %s', async (file, codec) => {
    const frames = await collect(makeClip(file, codec));
    expect(frames).toHaveLength(FRAMES);
    expect(frames.map((f) => [f.index, f.width, f.height, f.data.length])).toEqual(
      Array.from({ length: FRAMES }, (_, i) => [i, 64, 48, 64 * 48 * 3]),
    );
  });

  it('accepts the file bytes as well as a path', async () => {
    const fromPath = await collect(mp4);
    const fromBytes = await collect(readFileSync(mp4));
    expect(fromBytes.map((f) => Array.from(f.data.subarray(0, 30)))).toEqual(fromPath.map((f) => Array.from(f.data.subarray(0, 30))));
  });

  it('gives BGR frames on request (what cv2.VideoCapture returns)', async () => {
    const [rgb] = await collect(mp4, { maxFrames: 1 });
    const [bgr] = await collect(mp4, { maxFrames: 1, order: 'bgr' });
    expect(bgr!.order).toBe('bgr');
    expect(Array.from(bgr!.data.subarray(0, 3))).toEqual(Array.from(rgb!.data.subarray(0, 3)).reverse());
  });

  it('follows Ultralytics vid_stride (the last frame of each group) and maxFrames', async () => {
    expect((await collect(mp4, { frameStride: 3 })).map((f) => f.index)).toEqual([2, 5]);
    expect((await collect(mp4, { maxFrames: 2 })).map((f) => f.index)).toEqual([0, 1]);
  });

  it.each([
    ['text', () => Buffer.from('this is not a video')],
    ['an empty buffer', () => Buffer.alloc(0)],
    ['a truncated mp4 header', () => readFileSync(mp4).subarray(0, 200)],
  ])('rejects %s with InvalidImageError', async (_, input) => {
    await expect(collect(input())).rejects.toThrow(InvalidImageError);
  });

  it('refuses frames over the pixel budget from the stream header, and stops at the frame and time budgets', async () => {
    await expect(collect(mp4, { maxFramePixels: 64 * 47 })).rejects.toThrow(/64x48 have more than 3008 pixels/);
    expect((await collect(mp4, { maxDecodedFrames: 3 })).map((f) => f.index)).toEqual([0, 1, 2]);
    await expect(collect(mp4, { timeoutMs: 1 })).rejects.toThrow(InvalidImageError);
  });

  it('stops at once, FFmpeg killed, when its signal aborts', async () => {
    const controller = new AbortController();
    const frames = decodeVideoFrames(mp4, { signal: controller.signal });
    expect((await frames.next()).done).toBe(false);
    controller.abort(new Error('client gone'));
    await expect(frames.next()).rejects.toThrow('client gone');
    await expect(collect(mp4, { signal: AbortSignal.abort(new Error('already gone')) })).rejects.toThrow('already gone');
  });
});

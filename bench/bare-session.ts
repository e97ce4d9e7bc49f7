/**
 * The reference for `bench predict`: onnxruntime alone in a process of its own (no server, no HTTP), running the same
 * model on the tensor the server builds for the same image, with the session options a lone process would choose
 * (every core for one inference). Prints one JSON line: per-run latencies in ms and back-to-back throughput.
 *
 *   node --import tsx bench/bare-session.ts <model.onnx> <image> <runs>
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { decodeImage, letterboxGeometry, letterboxTensor } from '../runtime/index.js';

const [modelPath, imagePath, runsArg] = process.argv.slice(2);
if (!modelPath || !imagePath) throw new Error('usage: bare-session.ts <model.onnx> <image> [runs]');
const runs = Number(runsArg ?? 100);

const session = await ort.InferenceSession.create(modelPath, {
  graphOptimizationLevel: 'all',
  executionMode: 'sequential',
  intraOpNumThreads: availableParallelism(),
  interOpNumThreads: 1,
});
const { shape } = session.inputMetadata[0] as unknown as { shape: number[] };
const [height, width] = [shape[2]!, shape[3]!];
const pixels = await decodeImage(await readFile(imagePath));
const data = letterboxTensor(pixels, letterboxGeometry(pixels.height, pixels.width, [height, width], false, 32));
const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', data, [1, 3, height, width]) };

for (let i = 0; i < 10; i++) await session.run(feeds); // warm-up
const samples: number[] = [];
const started = performance.now();
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  await session.run(feeds);
  samples.push(performance.now() - start);
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ samples, perSecond: runs / seconds }));
await session.release();

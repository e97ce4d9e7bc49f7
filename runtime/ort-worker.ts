/*
 * Worker thread that owns one onnxruntime session. onnxruntime-node's session.run executes synchronously on the
 * calling thread, so running it here keeps the main event loop free. Self-contained and type-strippable
 * (imports packages only, no TS-only syntax) so Node can load it directly, with or without a TS loader.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

interface WireTensor {
  type: string;
  data: Float32Array;
  dims: number[];
}
interface RunMessage {
  type: 'run';
  id: number;
  feeds: Record<string, WireTensor>;
}
interface ReleaseMessage {
  type: 'release';
}

const port = parentPort!;
const { path, options } = workerData as { path: string; options: ort.InferenceSession.SessionOptions };

function serve(session: ort.InferenceSession): void {
  port.on('message', async (message: RunMessage | ReleaseMessage) => {
    if (message.type === 'release') {
      await session.release();
      port.close();
      return;
    }
    try {
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(message.feeds)) feeds[name] = new ort.Tensor('float32', t.data, t.dims);
      const started = performance.now();
      const results = await session.run(feeds);
      const runMs = performance.now() - started;
      const outputs: Record<string, WireTensor> = {};
      const transfer: ArrayBuffer[] = [];
      for (const [name, tensor] of Object.entries(results)) {
        // Copy into a buffer this thread owns so it can be transferred, not cloned.
        const data = new Float32Array(tensor.data as Float32Array);
        outputs[name] = { type: tensor.type, data, dims: [...tensor.dims] };
        transfer.push(data.buffer);
      }
      port.postMessage({ type: 'result', id: message.id, outputs, runMs }, transfer);
    } catch (err) {
      port.postMessage({ type: 'result', id: message.id, error: (err as Error).message });
    }
  });
}

try {
  const session = await ort.InferenceSession.create(path, options);
  port.postMessage({
    type: 'ready',
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    inputMetadata: session.inputMetadata,
  });
  serve(session);
} catch (err) {
  port.postMessage({ type: 'failed', message: (err as Error).message });
  port.close();
}

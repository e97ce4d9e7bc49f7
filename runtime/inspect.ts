import { describeOutputLayout, type OutputLayout } from './layout.js';
import { parseUltralyticsMetadata, readOnnxModelProto, readOnnxModelProtoFromFile, type ModelMetadata } from './onnx-metadata.js';

/** What the runtime knows about a model before running it: its Ultralytics metadata and its output layout. */
export interface ModelDescription {
  metadata: ModelMetadata;
  layout: OutputLayout;
}

/**
 * Reads an ONNX file's metadata and its graph's declared input/output shapes (never its weights, no session) and
 * decides how to post-process it. Throws InvalidModelError with the reason when the runtime cannot serve the model:
 * not ONNX, no Ultralytics metadata, an unknown output layout, or shapes that contradict the metadata.
 */
export async function inspectModelFile(path: string): Promise<ModelDescription> {
  const { props, graph } = await readOnnxModelProtoFromFile(path);
  const metadata = parseUltralyticsMetadata(props);
  return { metadata, layout: describeOutputLayout(metadata, graph) };
}

/** inspectModelFile for a model held in memory. */
export function inspectModel(bytes: Uint8Array): ModelDescription {
  const { props, graph } = readOnnxModelProto(bytes);
  const metadata = parseUltralyticsMetadata(props);
  return { metadata, layout: describeOutputLayout(metadata, graph) };
}

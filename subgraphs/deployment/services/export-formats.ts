import { validationError } from '../../../kernel/errors.js';

/**
 * The export formats of the seed, each with the value `yolo export format=` takes and what the exporter writes
 * (Ultralytics' export table): a file, or a folder the platform stores as a zip.
 */
export const EXPORT_FORMATS = {
  onnx: 'onnx',
  torchscript: 'torchscript',
  openvino: 'openvino',
  tensorrt: 'engine',
  coreml: 'coreml',
  tflite: 'tflite',
  saved_model: 'saved_model',
  graphdef: 'pb',
  paddle: 'paddle',
  ncnn: 'ncnn',
  edgetpu: 'edgetpu',
  tfjs: 'tfjs',
  mnn: 'mnn',
  rknn: 'rknn',
  imx: 'imx',
  axelera: 'axelera',
  executorch: 'executorch',
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** The docs' names for two of them (the CLI's own values). */
const ALIASES: Record<string, ExportFormat> = { engine: 'tensorrt', pb: 'graphdef' };

export function exportFormat(name: string | null | undefined): ExportFormat {
  const lower = (name ?? '').trim().toLowerCase();
  if (lower in EXPORT_FORMATS) return lower as ExportFormat;
  if (ALIASES[lower]) return ALIASES[lower];
  throw validationError(`format must be one of ${Object.keys(EXPORT_FORMATS).join(', ')}`, { format: name ?? null });
}

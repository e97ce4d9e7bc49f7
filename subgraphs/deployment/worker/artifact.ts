import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ZipFile } from 'yazl';

/** What an exporter wrote beside its input: one file, or a folder (several files) to be stored as one zip. */
export interface Artifact {
  /** The name the download gets. */
  name: string;
  /** Streams the bytes to store (a file as it is, a folder zipped on the way). */
  open(): Readable;
}

/**
 * Finds what `yolo export` wrote into `workDir` (everything there but its input): a single file is the export
 * (`model.onnx`, `model.torchscript`), anything else — the `_openvino_model/`, `_saved_model/`, `_ncnn_model/` ... folders —
 * is zipped. The download is named after the model: `model.onnx` becomes `<stem>.onnx`.
 */
export async function findArtifact(workDir: string, input: string, stem: string): Promise<Artifact | undefined> {
  const written = (await readdir(workDir)).filter((name) => name !== input).sort();
  if (written.length === 0) return undefined;
  const inputStem = path.parse(input).name;
  const rename = (name: string) => (name.startsWith(inputStem) ? `${stem}${name.slice(inputStem.length)}` : name);
  const first = path.join(workDir, written[0]!);
  if (written.length === 1 && (await stat(first)).isFile()) {
    return { name: rename(written[0]!), open: () => createReadStream(first) };
  }
  const name = written.length === 1 ? `${rename(written[0]!)}.zip` : `${stem}-export.zip`;
  return { name, open: () => zipEntries(workDir, written, rename) };
}

/** A zip of `entries` (files and folders, recursively) under `root`, streamed: nothing is held whole in memory. */
function zipEntries(root: string, entries: string[], rename: (name: string) => string): Readable {
  const zip = new ZipFile();
  const output = zip.outputStream as unknown as Readable; // a PassThrough
  void (async () => {
    try {
      for (const entry of entries) {
        const full = path.join(root, entry);
        if ((await stat(full)).isDirectory()) {
          for (const file of (await readdir(full, { recursive: true })).sort()) {
            const filePath = path.join(full, file);
            if ((await stat(filePath)).isFile()) zip.addFile(filePath, `${rename(entry)}/${file.split(path.sep).join('/')}`);
          }
        } else zip.addFile(full, rename(entry));
      }
      zip.end();
    } catch (error) {
      output.destroy(error as Error);
    }
  })();
  return output;
}

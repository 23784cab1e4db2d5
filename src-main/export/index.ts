/**
 * Model export and re-import. A trained model lives in a folder (model.json + weights.bin +
 * preprocessing.json); exports write it as a TensorFlow.js folder, a Keras 3 `.keras` file, an
 * ONNX file or a self-contained zip bundle. Every write is atomic: a failed or cancelled export
 * leaves no partial file and existing files untouched.
 */
import { extname } from 'node:path';
import { writeFilesAtomically } from '../storage/atomic-write';
import { exportWriteError, throwIfCancelled } from './export-errors';
import type { ExportFormat } from '../shared/export-formats';
import { buildBundle, bundleModelFile } from './bundle-export';
import { buildKerasFile } from './keras-export';
import { loadTf } from '../tensorflow/load-tf';
import { readModelFolder } from '../engine/model/model-folder';
import { chainFromFolder } from './model-weights';
import { buildOnnxEnsemble, buildOnnxModel } from './onnx-export';
import {
  ensembleBundleKerasNote,
  ensembleRefusal,
  folderCombination,
  isEnsembleFolder,
  memberChainsFromFolder,
} from './ensemble-export';
import { UnsupportedModelError } from './model-chain';
import { tfjsExportFiles } from './tfjs-export';
import { kerasProjectFiles, kerasProjectRefusal } from './keras-project/keras-project-export';
import type { SearchTrials } from './keras-project/search-trials';
import type { PreprocessingFile } from '../shared/preprocessing';
import type { Tf } from '../tensorflow/load-tf';
import { isSeq2seqModel } from './seq2seq/seq2seq-parts';
import { seq2seqExportFiles } from './seq2seq/seq2seq-export';

export { ExportCancelledError, ExportWriteError } from './export-errors';
export { importTfjsModel, type ImportedModel } from '../engine/model/load-model-folder';
export { UnsupportedModelError } from './model-chain';
export { ModelFolderError } from '../engine/model/model-folder';

const EXTENSIONS: Record<Exclude<ExportFormat, 'tfjs' | 'keras-project'>, string> = {
  keras: '.keras',
  onnx: '.onnx',
  bundle: '.zip',
};

/** The file name an export will get: the extension the format requires is added when missing. */
export function exportTargetPath(format: ExportFormat, target: string): string {
  if (format === 'tfjs' || format === 'keras-project') return target;
  const ext = EXTENSIONS[format];
  return extname(target).toLowerCase() === ext ? target : `${target}${ext}`;
}

/**
 * Exports the model in `modelDir`.
 * @param target a folder for 'tfjs' and 'keras-project' (created if missing); a file path otherwise (the
 *   extension .keras / .onnx / .zip is added when missing)
 * @returns the files written
 */
export async function exportModel(
  modelDir: string,
  format: ExportFormat,
  target: string,
  /** trialsFor: a search plan's trials for a keras-project's search.py (the search layer expands them). */
  opts: { signal?: AbortSignal; trialsFor?: (tf: Tf, pre: PreprocessingFile) => SearchTrials } = {},
): Promise<{ files: string[] }> {
  const { signal } = opts;
  throwIfCancelled(signal);
  const folder = await readModelFolder(modelDir);
  if (format === 'tfjs')
    return { files: await writeFilesAtomically(tfjsExportFiles(folder, target), writeOptions(signal)) };
  throwIfCancelled(signal);
  if (isSeq2seqModel(folder.preprocessing)) {
    // An encoder and a decoder step rather than one chain of layers.
    const path = exportTargetPath(format, target);
    const files = await seq2seqExportFiles((await loadTf()).tf, folder, format, path);
    throwIfCancelled(signal);
    return { files: await writeFilesAtomically(files, writeOptions(signal)) };
  }
  const { tf } = await loadTf();
  if (isEnsembleFolder(folder)) {
    const members = await memberChainsFromFolder(tf, folder);
    const combine = folderCombination(folder);
    if (format === 'keras' || format === 'keras-project')
      throw new UnsupportedModelError(ensembleRefusal(members.length, combine));
    const onnx = buildOnnxEnsemble(members, {}, combine);
    // The members share their input and output shapes, which is all the README reads of a chain.
    const data =
      format === 'onnx'
        ? onnx
        : buildBundle(
            folder,
            members[0],
            { skipped: ensembleBundleKerasNote(members.length, combine) },
            { data: onnx },
          );
    return {
      files: await writeFilesAtomically([{ path: exportTargetPath(format, target), data }], writeOptions(signal)),
    };
  }
  const chain = await chainFromFolder(tf, folder);
  throwIfCancelled(signal);
  if (format === 'keras-project') {
    // A refused project says why first; the plan is only expanded for a project that can be written.
    const trials =
      opts.trialsFor && folder.preprocessing && !kerasProjectRefusal(folder)
        ? opts.trialsFor(tf, folder.preprocessing)
        : undefined;
    const files = await kerasProjectFiles(folder, chain, target, trials);
    return { files: await writeFilesAtomically(files, writeOptions(signal)) };
  }
  const path = exportTargetPath(format, target);
  let data: Uint8Array;
  if (format === 'keras') data = await buildKerasFile(chain);
  else if (format === 'onnx') data = buildOnnxModel(chain);
  else {
    const keras = await bundleModelFile(() => buildKerasFile(chain));
    throwIfCancelled(signal);
    data = buildBundle(folder, chain, keras, await bundleModelFile(() => buildOnnxModel(chain)));
  }
  return { files: await writeFilesAtomically([{ path, data }], writeOptions(signal)) };
}

/** Exports are flushed to disk and stop between files when the user cancels. */
function writeOptions(signal: AbortSignal | undefined) {
  return { durable: true, shouldStop: () => throwIfCancelled(signal), translateError: exportWriteError };
}

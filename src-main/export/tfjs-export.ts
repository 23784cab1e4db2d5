/**
 * The TensorFlow.js export: the model folder's own files (model.json, its weight files and
 * preprocessing.json), copied byte for byte so the copy loads exactly like the original.
 */
import { join } from 'node:path';
import type { PendingFile } from '../storage/atomic-write';
import type { ModelFolder } from '../engine/model/model-folder';

/** The files of a TensorFlow.js export into `targetDir`. */
export function tfjsExportFiles(folder: ModelFolder, targetDir: string): PendingFile[] {
  const files: PendingFile[] = [{ path: join(targetDir, 'model.json'), data: folder.modelJsonBytes }];
  for (const w of folder.weightFiles) files.push({ path: join(targetDir, ...w.relativePath.split('/')), data: w.data });
  if (folder.preprocessingBytes)
    files.push({ path: join(targetDir, 'preprocessing.json'), data: folder.preprocessingBytes });
  return files;
}

/**
 * Opens a model folder as a TensorFlow.js LayersModel. The bytes come from readModelFolder, so
 * the same checks (weights inside the folder, sizes matching) apply on every backend.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { PreprocessingFile } from '../../shared/preprocessing';
import { loadTf, type Tf } from '../../tensorflow/load-tf';
import { ModelFolderError, readModelFolder, type ModelFolder } from './model-folder';
import { messageOf } from '../../shared/error-message';

/** A loaded model and the preprocessing saved with it (null when the folder has none). */
export interface ImportedModel {
  model: tfTypes.LayersModel;
  preprocessing: PreprocessingFile | null;
  folder: ModelFolder;
}

/** Builds the in-memory IO handler tf.loadLayersModel reads from. */
export function folderIoHandler(folder: ModelFolder): tfTypes.io.IOHandler {
  const { modelJson } = folder;
  return {
    load: async () => ({
      modelTopology: modelJson.modelTopology as tfTypes.io.ModelArtifacts['modelTopology'],
      weightSpecs: folder.weightEntries as tfTypes.io.WeightsManifestEntry[],
      weightData: folder.weightData,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      convertedBy: modelJson.convertedBy ?? undefined,
    }),
  };
}

/** Loads a checked model folder with the given TensorFlow.js module. */
export async function loadFolderModel(tf: Tf, folder: ModelFolder): Promise<tfTypes.LayersModel> {
  try {
    return await tf.loadLayersModel(folderIoHandler(folder));
  } catch (err) {
    const reason = messageOf(err);
    throw new ModelFolderError(`${folder.dir}/model.json could not be opened as a model: ${reason}`);
  }
}

/**
 * Validates a folder (model.json + its weight files + optional preprocessing.json) and loads
 * the model. Throws ModelFolderError with a user-facing message for anything else.
 */
export async function importTfjsModel(dir: string, given?: Tf): Promise<ImportedModel> {
  const tf = given ?? (await loadTf()).tf;
  const folder = await readModelFolder(dir);
  const model = await loadFolderModel(tf, folder);
  return { model, preprocessing: folder.preprocessing, folder };
}

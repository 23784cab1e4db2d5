/**
 * Exports of a forecast ensemble (one saved model whose `member_k_` layers are k networks and
 * whose output is their median, see engine/training/ensemble-weights.ts). ONNX holds the median
 * as Min/Max/Mean operators and TensorFlow.js loads the model as it is; a Keras model file, the
 * Keras project and the bundle (which carries the Keras file) take one chain of layers, so they
 * refuse an ensemble and say what to export instead.
 */
import type { ExportFormat } from '../shared/export-formats';
import type { ModelFolder } from '../engine/model/model-folder';
import { loadFolderModel } from '../engine/model/load-model-folder';
import { memberCount, splitMembers } from '../engine/training/ensemble-weights';
import type { Tf } from '../tensorflow/load-tf';
import { describeModel, UnsupportedModelError, type ModelChain } from './model-chain';

/** True when the folder's model joins several networks (its topology names member layers). */
export function isEnsembleFolder(folder: ModelFolder): boolean {
  return JSON.stringify(folder.modelJson.modelTopology ?? null).includes('"member_1_');
}

/** The sentence a format that cannot hold an ensemble answers with. */
export function ensembleRefusal(format: ExportFormat, members: number): string {
  const what = format === 'bundle' ? 'The bundle carries a Keras model, which' : 'A Keras model';
  return `This model is an ensemble of ${members} networks whose forecast is their median. ${what} holds one chain of layers, not ${members} networks and a median: export it as ONNX or TensorFlow.js (both forecast the median), or train with an ensemble size of 1 for Keras.`;
}

/** Each member of the folder's ensemble as its own chain of standard layers. */
export async function memberChainsFromFolder(tf: Tf, folder: ModelFolder): Promise<ModelChain[]> {
  const model = await loadFolderModel(tf, folder);
  try {
    if (memberCount(model) === 0) throw new UnsupportedModelError('The model is not an ensemble.');
    const members = splitMembers(tf, model);
    try {
      return members.map((m) =>
        describeModel(m.toJSON(null, false), (name) =>
          m
            .getLayer(name)
            .getWeights()
            .map((w) => ({ shape: w.shape.slice(), values: Float32Array.from(w.dataSync()) })),
        ),
      );
    } finally {
      members.forEach((m) => m.dispose());
    }
  } finally {
    model.dispose();
  }
}

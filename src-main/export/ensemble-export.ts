/**
 * Exports of an ensemble (one saved model whose `member_k_` layers are k networks and whose
 * output is their median forecast or their mean class probabilities, see
 * engine/training/ensemble-weights.ts). ONNX holds the median as Min/Max/Mean operators, the mean
 * as one Mean operator, and TensorFlow.js loads the model as it is; a Keras model file and the
 * Keras project take one chain of layers, so they refuse an ensemble and say what to export
 * instead. The bundle carries everything but the Keras file and says why.
 */
import type { ModelFolder } from '../engine/model/model-folder';
import { loadFolderModel } from '../engine/model/load-model-folder';
import { ensembleCombination, memberCount, splitMembers } from '../engine/training/ensemble-weights';
import type { EnsembleCombination } from '../engine/training/ensemble-weights';
import type { Tf } from '../tensorflow/load-tf';
import { describeModel, UnsupportedModelError, type ModelChain } from './model-chain';

/** True when the folder's model joins several networks (its topology names member layers). */
export function isEnsembleFolder(folder: ModelFolder): boolean {
  return JSON.stringify(folder.modelJson.modelTopology ?? null).includes('"member_1_');
}

/** How the folder's ensemble combines its networks (from the task its preprocessing names). */
export function folderCombination(folder: ModelFolder): EnsembleCombination {
  return ensembleCombination(folder.preprocessing?.task ?? 'forecast');
}

/** What the ensemble answers with, in the user's words. */
function answer(combine: EnsembleCombination): { whole: string; short: string } {
  return combine === 'mean'
    ? { whole: 'whose answer is the mean of their class probabilities', short: 'the mean' }
    : { whole: 'whose forecast is their median', short: 'a median' };
}

/** The sentence a Keras format, which cannot hold an ensemble, answers with. */
export function ensembleRefusal(members: number, combine: EnsembleCombination = 'median'): string {
  const { whole, short } = answer(combine);
  const both = combine === 'mean' ? 'both answer with the mean' : 'both forecast the median';
  return `This model is an ensemble of ${members} networks ${whole}. A Keras model holds one chain of layers, not ${members} networks and ${short}: export it as ONNX or TensorFlow.js (${both}), or train with an ensemble size of 1 for Keras.`;
}

/** Why an ensemble's bundle has no Keras file (one sentence, shown in its README). */
export function ensembleBundleKerasNote(members: number, combine: EnsembleCombination = 'median'): string {
  const what =
    combine === 'mean'
      ? `answer with the mean of the ${members} networks' class probabilities`
      : `forecast the median of the ${members} networks`;
  return `this model is an ensemble of ${members} networks and a Keras model holds one chain of layers, so the bundle carries no \`.keras\` file; \`model/model.onnx\` and \`model/tfjs/\` both ${what}, as the app does.`;
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

/**
 * Reads a model folder into the format-neutral layer chain the Keras and ONNX writers use:
 * the model is loaded with TensorFlow.js (so only models it accepts are exported) and each
 * layer's getWeights() supplies the arrays.
 */
import { loadFolderModel } from '../engine/model/load-model-folder';
import type { Tf } from '../tensorflow/load-tf';
import { describeModel, UnsupportedModelError, type ModelChain } from './model-chain';
import type { ModelFolder } from '../engine/model/model-folder';

/** Loads the folder's model and describes it as a chain of standard layers. */
export async function chainFromFolder(tf: Tf, folder: ModelFolder): Promise<ModelChain> {
  const model = await loadFolderModel(tf, folder);
  try {
    return describeModel(folder.modelJson.modelTopology, (name) => {
      let layer;
      try {
        layer = model.getLayer(name);
      } catch {
        throw new UnsupportedModelError(`The layer ${name} named in model.json is missing from the loaded model.`);
      }
      return layer.getWeights().map((w) => ({ shape: w.shape.slice(), values: Float32Array.from(w.dataSync()) }));
    });
  } finally {
    model.dispose();
  }
}

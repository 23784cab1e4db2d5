/**
 * The bundle export: one self-contained zip with the model in all three formats,
 * preprocessing.json, prediction scripts and a README explaining how to reproduce the app's
 * predictions from raw values.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { bundleReadme } from './bundle-readme';
import { PREDICT_JS, PREDICT_PY } from './bundle-scripts';
import type { ModelChain } from './model-chain';
import type { ModelFolder } from './model-folder';

/** The zip bytes of a bundle. */
export function buildBundle(
  folder: ModelFolder,
  chain: ModelChain,
  keras: Uint8Array,
  onnxModel: Uint8Array,
): Uint8Array {
  const tfjs: Zippable = { 'model.json': folder.modelJsonBytes };
  for (const w of folder.weightFiles) tfjs[w.relativePath] = w.data;
  const entries: Zippable = {
    'README.md': strToU8(bundleReadme(folder.preprocessing, chain)),
    model: { tfjs, 'model.keras': keras, 'model.onnx': onnxModel },
  };
  if (folder.preprocessingBytes) {
    entries['preprocessing.json'] = folder.preprocessingBytes;
    if (folder.preprocessing?.task === 'forecast') {
      entries['predict.py'] = strToU8(PREDICT_PY);
      entries['predict.cjs'] = strToU8(PREDICT_JS);
    }
  }
  return zipSync(entries, { level: 6 });
}

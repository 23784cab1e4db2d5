/**
 * The bundle export: one self-contained zip with the model in every format it can be written in,
 * preprocessing.json, ready-to-run prediction scripts and a README explaining how to reproduce the
 * app's predictions from raw values.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { bundleReadme } from './bundle-readme';
import { bundleScripts } from './bundle-scripts';
import type { ModelChain } from './model-chain';
import { UnsupportedModelError } from './model-chain';
import type { ModelFolder } from '../engine/model/model-folder';

/** A model file of the bundle, or the reason the model cannot be written in that format. */
export type BundleModelFile = { data: Uint8Array } | { skipped: string };

/**
 * Builds one format for a bundle. A model the format cannot express still gets a bundle (the
 * other formats work); the README says why the file is missing. Other errors propagate.
 */
export async function bundleModelFile(build: () => Uint8Array | Promise<Uint8Array>): Promise<BundleModelFile> {
  try {
    return { data: await build() };
  } catch (err) {
    if (err instanceof UnsupportedModelError) return { skipped: err.message };
    throw err;
  }
}

/** The zip bytes of a bundle. */
export function buildBundle(
  folder: ModelFolder,
  chain: ModelChain,
  keras: BundleModelFile,
  onnxModel: BundleModelFile,
): Uint8Array {
  const tfjs: Zippable = { 'model.json': folder.modelJsonBytes };
  for (const w of folder.weightFiles) tfjs[w.relativePath] = w.data;
  const model: Zippable = { tfjs };
  if ('data' in keras) model['model.keras'] = keras.data;
  if ('data' in onnxModel) model['model.onnx'] = onnxModel.data;
  const entries: Zippable = {
    'README.md': strToU8(
      bundleReadme(folder.preprocessing, chain, {
        keras: 'skipped' in keras ? keras.skipped : null,
        onnx: 'skipped' in onnxModel ? onnxModel.skipped : null,
      }),
    ),
    model,
  };
  if (folder.preprocessingBytes) {
    entries['preprocessing.json'] = folder.preprocessingBytes;
    for (const [name, text] of Object.entries(bundleScripts(folder.preprocessing, 'data' in onnxModel))) {
      entries[name] = strToU8(text);
    }
  }
  return zipSync(entries, { level: 6 });
}

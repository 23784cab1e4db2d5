/**
 * Reads a Keras 3 `.keras` file (a zip of config.json and model.weights.h5): the model config
 * as JSON and every weight array by its HDF5 path, without running any code from the file.
 */
import { strFromU8, unzipSync } from 'fflate';
import type { TensorData } from '../model-chain';
import { KerasImportError } from './keras-import-error';

/** A `.keras` file's contents: config.json and the weights keyed by dataset path (e.g. layers/lstm/cell/vars/0). */
export interface KerasFile {
  config: unknown;
  weights: Map<string, TensorData>;
}

let fileCounter = 0;

/** Unpacks the zip and reads model.weights.h5 with h5wasm's in-memory file system. */
export async function readKerasFile(bytes: Uint8Array): Promise<KerasFile> {
  let members: Record<string, Uint8Array>;
  try {
    members = unzipSync(bytes, { filter: (f) => f.name === 'config.json' || f.name === 'model.weights.h5' });
  } catch {
    throw new KerasImportError('The file is not a Keras 3 .keras file (it is not a zip archive).');
  }
  const configBytes = members['config.json'];
  const weightBytes = members['model.weights.h5'];
  if (!configBytes || !weightBytes) {
    throw new KerasImportError('The file is not a Keras 3 .keras file: config.json or model.weights.h5 is missing.');
  }
  let config: unknown;
  try {
    config = JSON.parse(strFromU8(configBytes));
  } catch {
    throw new KerasImportError('config.json of the .keras file is not valid JSON.');
  }
  return { config, weights: await readWeights(weightBytes) };
}

async function readWeights(bytes: Uint8Array): Promise<Map<string, TensorData>> {
  const h5wasm = await import('h5wasm');
  const module = await h5wasm.ready;
  const path = `/import-${process.pid}-${++fileCounter}.weights.h5`;
  module.FS.writeFile(path, bytes);
  const weights = new Map<string, TensorData>();
  let file: InstanceType<typeof h5wasm.File> | null = null;
  try {
    file = new h5wasm.File(path, 'r');
    const visit = (group: InstanceType<typeof h5wasm.Group>, at: string) => {
      for (const key of group.keys()) {
        const item = group.get(key);
        const where = at ? `${at}/${key}` : key;
        if (item instanceof h5wasm.Group) visit(item, where);
        else if (item instanceof h5wasm.Dataset) {
          const value = item.value;
          if (!(value instanceof Float32Array || value instanceof Float64Array)) {
            throw new KerasImportError(`The weight ${where} is not an array of floating-point numbers.`);
          }
          weights.set(where, { shape: [...(item.shape ?? [])], values: Float32Array.from(value) });
        }
      }
    };
    // Only the layers' weights matter; a saved optimizer's state (step counters, moments) is left out.
    const layers = file.get('layers');
    if (layers instanceof h5wasm.Group) visit(layers, 'layers');
  } catch (err) {
    if (err instanceof KerasImportError) throw err;
    throw new KerasImportError(`model.weights.h5 of the .keras file cannot be read (${String(err)}).`);
  } finally {
    file?.close();
    module.FS.unlink(path);
  }
  return weights;
}

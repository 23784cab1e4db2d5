/**
 * Saves a model as model.json + weights.bin (the tfjs layers format) through a small IO handler
 * that writes files itself, so saving works on the native and the pure-JavaScript backend alike.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { writeFileAtomic } from '../../storage/atomic-write';
import type { Tf } from '../../tensorflow/load-tf';

/** Writes `dir/model.json` and `dir/weights.bin`; returns the file names written. */
export async function saveLayersModel(tf: Tf, model: tfTypes.LayersModel, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
      };
      // Weights first: model.json names them, so a reader never finds a model without its weights.
      await writeFileAtomic(path.join(dir, 'weights.bin'), new Uint8Array(weights));
      await writeFileAtomic(path.join(dir, 'model.json'), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  return ['model.json', 'weights.bin'];
}

/**
 * Exports of a sequence-to-sequence model: the encoder and the decoder step as two ONNX or two
 * Keras files, or a bundle with all of them, the TensorFlow.js model, preprocessing.json, the
 * scripts and a README. The Keras training project is for forecasts only.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ModelFolder } from '../../engine/model/model-folder';
import type { ExportFormat } from '../../shared/export-formats';
import type { PendingFile } from '../../storage/atomic-write';
import type { Tf } from '../../tensorflow/load-tf';
import { bundleModelFile } from '../bundle-export';
import { UnsupportedModelError } from '../model-chain';
import { SEQ2SEQ_JS } from '../scripts/seq2seq-js';
import { SEQ2SEQ_PY } from '../scripts/seq2seq-py';
import { buildDecoderStepOnnx, buildEncoderOnnx } from './seq2seq-onnx';
import { buildDecoderStepKeras, buildEncoderKeras } from './seq2seq-keras';
import { seq2seqPartsFromFolder } from './seq2seq-parts';
import { seq2seqReadme } from './seq2seq-readme';

/** The two files of `target` (…/name.onnx → name.encoder.onnx, name.decoder_step.onnx; the same for .keras). */
export function seq2seqPartPaths(target: string, ext: '.onnx' | '.keras'): { encoder: string; decoderStep: string } {
  const base = target.toLowerCase().endsWith(ext) ? target.slice(0, -ext.length) : target;
  return { encoder: `${base}.encoder${ext}`, decoderStep: `${base}.decoder_step${ext}` };
}

/**
 * The files of a sequence-to-sequence export.
 * @param target the file path the user chose (for 'onnx', the base name of the two graphs)
 */
export async function seq2seqExportFiles(
  tf: Tf,
  folder: ModelFolder,
  format: Exclude<ExportFormat, 'tfjs'>,
  target: string,
): Promise<PendingFile[]> {
  if (format === 'keras-project') {
    throw new UnsupportedModelError(
      'The Keras training project retrains forecasts only: for a sequence-to-sequence model export Keras (an encoder and a decoder step), ONNX, TensorFlow.js or the bundle.',
    );
  }
  const parts = await seq2seqPartsFromFolder(tf, folder);
  if (format === 'onnx') {
    const paths = seq2seqPartPaths(target, '.onnx');
    return [
      { path: paths.encoder, data: buildEncoderOnnx(parts) },
      { path: paths.decoderStep, data: buildDecoderStepOnnx(parts) },
    ];
  }
  if (format === 'keras') {
    const paths = seq2seqPartPaths(target, '.keras');
    return [
      { path: paths.encoder, data: await buildEncoderKeras(parts) },
      { path: paths.decoderStep, data: await buildDecoderStepKeras(parts) },
    ];
  }
  const encoder = await bundleModelFile(() => buildEncoderOnnx(parts));
  const decoderStep = await bundleModelFile(() => buildDecoderStepOnnx(parts));
  const onnxSkipped = 'skipped' in encoder ? encoder.skipped : 'skipped' in decoderStep ? decoderStep.skipped : null;
  const kerasEncoder = await bundleModelFile(() => buildEncoderKeras(parts));
  const kerasDecoderStep = await bundleModelFile(() => buildDecoderStepKeras(parts));
  const kerasSkipped =
    'skipped' in kerasEncoder ? kerasEncoder.skipped : 'skipped' in kerasDecoderStep ? kerasDecoderStep.skipped : null;
  const tfjs: Zippable = { 'model.json': folder.modelJsonBytes };
  for (const w of folder.weightFiles) tfjs[w.relativePath] = w.data;
  const model: Zippable = { tfjs };
  if ('data' in encoder && 'data' in decoderStep) {
    model['encoder.onnx'] = encoder.data;
    model['decoder_step.onnx'] = decoderStep.data;
  }
  if ('data' in kerasEncoder && 'data' in kerasDecoderStep) {
    model['encoder.keras'] = kerasEncoder.data;
    model['decoder_step.keras'] = kerasDecoderStep.data;
  }
  const entries: Zippable = {
    'README.md': strToU8(seq2seqReadme(folder.preprocessing!, parts, { onnx: onnxSkipped, keras: kerasSkipped })),
    model,
    'preprocessing.json': folder.preprocessingBytes!,
    'predict.cjs': strToU8(SEQ2SEQ_JS),
  };
  if (!onnxSkipped) entries['predict.py'] = strToU8(SEQ2SEQ_PY);
  return [{ path: target, data: zipSync(entries, { level: 6 }) }];
}

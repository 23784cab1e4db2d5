/**
 * Exports of a sequence-to-sequence model: the ONNX encoder and decoder step as two files, or a
 * bundle with those, the TensorFlow.js model, preprocessing.json, the scripts and a README.
 * Keras files are not written for this task yet; the message says what to use instead.
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
import { seq2seqPartsFromFolder } from './seq2seq-parts';
import { seq2seqReadme } from './seq2seq-readme';

/** The two ONNX graph files of `target` (…/name.onnx → name.encoder.onnx, name.decoder_step.onnx). */
export function seq2seqOnnxPaths(target: string): { encoder: string; decoderStep: string } {
  const base = target.toLowerCase().endsWith('.onnx') ? target.slice(0, -'.onnx'.length) : target;
  return { encoder: `${base}.encoder.onnx`, decoderStep: `${base}.decoder_step.onnx` };
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
  if (format === 'keras' || format === 'keras-project') {
    throw new UnsupportedModelError(
      'The Keras export of sequence-to-sequence models is not available yet: export ONNX (an encoder and a decoder step), TensorFlow.js or the bundle.',
    );
  }
  const parts = await seq2seqPartsFromFolder(tf, folder);
  if (format === 'onnx') {
    const paths = seq2seqOnnxPaths(target);
    return [
      { path: paths.encoder, data: buildEncoderOnnx(parts) },
      { path: paths.decoderStep, data: buildDecoderStepOnnx(parts) },
    ];
  }
  const encoder = await bundleModelFile(() => buildEncoderOnnx(parts));
  const decoderStep = await bundleModelFile(() => buildDecoderStepOnnx(parts));
  const onnxSkipped = 'skipped' in encoder ? encoder.skipped : 'skipped' in decoderStep ? decoderStep.skipped : null;
  const tfjs: Zippable = { 'model.json': folder.modelJsonBytes };
  for (const w of folder.weightFiles) tfjs[w.relativePath] = w.data;
  const model: Zippable = { tfjs };
  if ('data' in encoder && 'data' in decoderStep) {
    model['encoder.onnx'] = encoder.data;
    model['decoder_step.onnx'] = decoderStep.data;
  }
  const entries: Zippable = {
    'README.md': strToU8(seq2seqReadme(folder.preprocessing!, parts, onnxSkipped)),
    model,
    'preprocessing.json': folder.preprocessingBytes!,
    'predict.cjs': strToU8(SEQ2SEQ_JS),
  };
  if (!onnxSkipped) entries['predict.py'] = strToU8(SEQ2SEQ_PY);
  return [{ path: target, data: zipSync(entries, { level: 6 }) }];
}

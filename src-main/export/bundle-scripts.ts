/**
 * The ready-to-run scripts of an export bundle, chosen by task: forecasts from a CSV of history,
 * class probabilities of texts or of the sequences of a CSV, or generated text. Each comes as predict.cjs (TensorFlow.js for
 * Node) and predict.py (onnxruntime), and repeats the app's own steps with the numbers in
 * preprocessing.json.
 */
import type { PreprocessingFile } from '../shared/preprocessing';
import { FORECAST_JS } from './scripts/forecast-js';
import { FORECAST_PY } from './scripts/forecast-py';
import { CLASSIFY_JS, CLASSIFY_PY } from './scripts/text-classify';
import { GENERATE_JS, GENERATE_PY } from './scripts/text-generate';
import { SEQUENCES_JS, SEQUENCES_PY } from './scripts/sequence-classify';

/** Which prediction scripts a task gets; null when the bundle has none for it. */
export type BundleScriptKind = 'forecast' | 'text-classification' | 'text-generation' | 'sequence-classification';

/** The script kind for a model's preprocessing, or null when no ready-to-run script exists for its task. */
export function bundleScriptKind(pre: PreprocessingFile | null): BundleScriptKind | null {
  if (!pre) return null;
  if (pre.task === 'forecast' && pre.target) return 'forecast';
  if (pre.task === 'text-classification' && pre.text && pre.classes) return 'text-classification';
  if (pre.task === 'text-generation' && pre.text) return 'text-generation';
  if (pre.task === 'sequence-classification' && pre.classes) return 'sequence-classification';
  return null;
}

const SCRIPTS: Record<BundleScriptKind, { js: string; py: string }> = {
  forecast: { js: FORECAST_JS, py: FORECAST_PY },
  'text-classification': { js: CLASSIFY_JS, py: CLASSIFY_PY },
  'text-generation': { js: GENERATE_JS, py: GENERATE_PY },
  'sequence-classification': { js: SEQUENCES_JS, py: SEQUENCES_PY },
};

/**
 * The scripts for a bundle: file name → text. predict.py runs model.onnx, so it is left out when
 * the bundle has no ONNX file.
 */
export function bundleScripts(pre: PreprocessingFile | null, withOnnx: boolean): Record<string, string> {
  const kind = bundleScriptKind(pre);
  if (!kind) return {};
  const { js, py } = SCRIPTS[kind];
  return withOnnx ? { 'predict.cjs': js, 'predict.py': py } : { 'predict.cjs': js };
}

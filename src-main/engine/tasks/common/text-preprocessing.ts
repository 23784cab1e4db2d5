/** preprocessing.json for text tasks: the tokenizer settings and vocabulary the model was trained with. */
import { PREPROCESSING_FORMAT, PREPROCESSING_VERSION } from '../../../shared/preprocessing';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import type { ExperimentSpec } from '../../../shared/spec';

export function textPreprocessing(
  spec: ExperimentSpec,
  maxLength: number,
  vocabulary: string[],
  classes: string[] | null,
): PreprocessingFile {
  const t = spec.data.text;
  return {
    format: PREPROCESSING_FORMAT,
    version: PREPROCESSING_VERSION,
    task: spec.task,
    lookback: maxLength,
    horizon: 1,
    inputs: [],
    target: null,
    timeColumn: null,
    frequency: null,
    text: {
      tokens: t.tokens,
      lowercase: t.lowercase,
      maxLength,
      padding: t.padding,
      truncating: t.truncating,
      vocabulary,
    },
    classes,
    spec,
  };
}

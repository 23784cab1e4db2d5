/** A trained text model as the text predictions use it. */
import type * as tfTypes from '@tensorflow/tfjs';
import type { PreprocessingFile } from '../shared/preprocessing';

/** Preprocessing of a text task: the text section is always there. */
export type TextPreprocessing = PreprocessingFile & { text: NonNullable<PreprocessingFile['text']> };

/** A text model opened from a run folder (or a model folder); `dispose` frees its tensors. */
export interface TextModel {
  runId: string;
  model: tfTypes.LayersModel;
  pre: TextPreprocessing;
  dispose(): void;
}

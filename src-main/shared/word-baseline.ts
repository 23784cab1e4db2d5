/**
 * The baseline a network reading words should beat, whichever its task has: counting words for
 * text classification (engine/metrics/word-count-baseline.ts), each word's usual tag for labeling
 * words (engine/metrics/word-tag-baseline.ts). One description for the Results view, the CLI and
 * the log.
 */
import type { ClassificationEvaluation } from './types';

export interface WordBaselineView {
  kind: 'word-count' | 'word-tag';
  accuracy: number;
  /** What the baseline does, in a few words: "counting words". */
  name: string;
  /** How, in a clause: "naive Bayes over which words each text holds, their order ignored". */
  how: string;
  /** What is scored: "texts" or "words". */
  units: string;
  /** Main's sentence when the model is below the baseline; null otherwise. */
  verdict: string | null;
}

export const WORD_COUNT = {
  name: 'counting words',
  how: 'naive Bayes over which words each text holds, their order ignored',
};
export const WORD_TAG = {
  name: 'tagging each word alone',
  how: 'the tag each word had most often in the training sentences, its neighbours ignored',
};

export function wordBaselineOf(evaluation: ClassificationEvaluation): WordBaselineView | null {
  if (evaluation.wordTagBaseline) {
    return {
      kind: 'word-tag',
      accuracy: evaluation.wordTagBaseline.accuracy,
      ...WORD_TAG,
      units: 'words',
      verdict: evaluation.wordTagVerdict ?? null,
    };
  }
  if (evaluation.wordCountBaseline) {
    return {
      kind: 'word-count',
      accuracy: evaluation.wordCountBaseline.accuracy,
      ...WORD_COUNT,
      units: 'texts',
      verdict: evaluation.wordCountVerdict ?? null,
    };
  }
  return null;
}

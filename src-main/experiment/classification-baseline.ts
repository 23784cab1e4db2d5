/**
 * The baselines beside a classifier's accuracy: on 90% "positive" reviews a model that always
 * answers "positive" scores 0.90, so an accuracy of 0.88 is worse than no model; for texts,
 * counting words (word-count-baseline.ts), which a network reading them in order should beat; for
 * tagged words, each word's usual tag (word-tag-baseline.ts).
 */
import type { ClassificationEvaluation } from '../shared/types';
import { WORD_TAG } from '../shared/word-baseline';

/** The most common class among the test samples and the accuracy of always answering it. */
export function majorityBaseline(evaluation: ClassificationEvaluation): { label: string; accuracy: number } | null {
  const total = evaluation.perClass.reduce((sum, c) => sum + c.support, 0);
  if (total === 0) return null;
  const top = evaluation.perClass.reduce((best, c) => (c.support > best.support ? c : best));
  return { label: top.label, accuracy: top.support / total };
}

/** A plain sentence when the model does not beat the majority baseline; null when it does. */
export function classificationVerdict(evaluation: ClassificationEvaluation): string | null {
  const baseline = majorityBaseline(evaluation);
  if (!baseline || evaluation.accuracy > baseline.accuracy) return null;
  return (
    `On the test data the model's accuracy (${evaluation.accuracy.toFixed(2)}) does not beat always answering ` +
    `"${baseline.label}", the most common class (${baseline.accuracy.toFixed(2)}). ` +
    'Until it does, the model has learned nothing useful; more data, more epochs or balanced classes may help.'
  );
}

/**
 * A plain sentence when a text classifier does not beat the word-count baseline (naive Bayes over
 * which words each text holds), with what to try; null when it does or there is none. Not said
 * when the model does not even beat the most common class: that sentence comes first.
 */
export function wordCountVerdict(evaluation: ClassificationEvaluation): string | null {
  const words = evaluation.wordCountBaseline;
  if (!words || evaluation.accuracy >= words.accuracy || classificationVerdict(evaluation) !== null) return null;
  return (
    `On the test texts the model's accuracy (${evaluation.accuracy.toFixed(2)}) is below that of counting words ` +
    `(${words.accuracy.toFixed(2)}: naive Bayes over which words each text holds, their order ignored). ` +
    'The network has not yet learned more than which words occur. Learning what words mean from scratch ' +
    'takes many labelled texts: more texts help most (a smaller or more regularised network rarely closes ' +
    'such a gap). Where the order of words does not decide your labels, counting words is the better model.'
  );
}

/**
 * A plain sentence when a word tagger does not beat giving each word its most frequent training
 * tag, with what to try; null when it does or there is none (or the majority sentence comes first).
 */
export function wordTagVerdict(evaluation: ClassificationEvaluation): string | null {
  const words = evaluation.wordTagBaseline;
  if (!words || evaluation.accuracy >= words.accuracy || classificationVerdict(evaluation) !== null) return null;
  return (
    `On the test words the model's accuracy (${evaluation.accuracy.toFixed(2)}) is below that of tagging each word ` +
    `alone (${words.accuracy.toFixed(2)}: ${WORD_TAG.how}). The network has not yet learned more than each ` +
    "word's usual tag. More tagged sentences help most; a bidirectional layer lets it read the words after each " +
    'word too, and more epochs or a larger embedding help when the validation loss was still falling.'
  );
}

/** The evaluation with its baselines and verdicts filled in. */
export function withMajorityBaseline(evaluation: ClassificationEvaluation): ClassificationEvaluation {
  return {
    ...evaluation,
    majorityBaseline: majorityBaseline(evaluation),
    verdict: classificationVerdict(evaluation),
    wordCountVerdict: wordCountVerdict(evaluation),
    wordTagVerdict: wordTagVerdict(evaluation),
  };
}

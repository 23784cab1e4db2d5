/**
 * The majority-class baseline beside a classifier's accuracy: on 90% "positive" reviews a model
 * that always answers "positive" scores 0.90, so an accuracy of 0.88 is worse than no model.
 */
import type { ClassificationEvaluation } from '../shared/types';

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

/** The evaluation with its majority baseline and verdict filled in. */
export function withMajorityBaseline(evaluation: ClassificationEvaluation): ClassificationEvaluation {
  return { ...evaluation, majorityBaseline: majorityBaseline(evaluation), verdict: classificationVerdict(evaluation) };
}

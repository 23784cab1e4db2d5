/** Accuracy, per-class precision / recall / F1, the confusion matrix and (two classes) ROC AUC. */
import type { ClassificationEvaluation } from '../../shared/types';

/**
 * Scores predicted class probabilities against actual class ids.
 * @param probabilities row-major [samples × classes] (or [samples] for a single sigmoid unit)
 */
export function classificationMetrics(
  classes: string[],
  actual: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): ClassificationEvaluation {
  const k = classes.length;
  const n = actual.length;
  const width = probabilities.length === n ? 1 : k;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const positive = new Float64Array(n);
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let predicted: number;
    if (width === 1) {
      positive[i] = probabilities[i];
      predicted = probabilities[i] >= 0.5 ? 1 : 0;
    } else {
      predicted = 0;
      for (let c = 1; c < k; c++) if (probabilities[i * k + c] > probabilities[i * k + predicted]) predicted = c;
      if (k === 2) positive[i] = probabilities[i * k + 1];
    }
    confusion[actual[i]][predicted] += 1;
    if (predicted === actual[i]) correct += 1;
  }
  const perClass = classes.map((label, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedAs = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  // Macro averages run over the classes that occur as actual or predicted labels (as
  // scikit-learn does): a class predicted but never present still counts with F1 = 0.
  const present = perClass.filter((p, c) => p.support > 0 || confusion.some((row) => row[c] > 0));
  return {
    kind: 'classification',
    classes,
    accuracy: n ? correct / n : 0,
    macroF1: present.length ? present.reduce((a, p) => a + p.f1, 0) / present.length : 0,
    perClass,
    confusion,
    auc: k === 2 ? rocAuc(actual, positive) : null,
    ...(k === 2 ? { roc: rocCurve(actual, positive) } : {}),
  };
}

/**
 * The ROC curve of a binary score (label 1 positive): false and true positive rates as the
 * threshold falls through each distinct score, from (0, 0) to (1, 1), thinned to at most
 * `maxPoints` points for the chart. Empty when one class is absent.
 */
export function rocCurve(
  actual: ArrayLike<number>,
  score: ArrayLike<number>,
  maxPoints = 200,
): { fpr: number[]; tpr: number[] } {
  const order = Array.from({ length: actual.length }, (_, i) => i).sort((a, b) => score[b] - score[a]);
  const positives = order.filter((i) => actual[i] === 1).length;
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) return { fpr: [], tpr: [] };
  const fpr = [0];
  const tpr = [0];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; i++) {
    if (actual[order[i]] === 1) tp++;
    else fp++;
    // One point per distinct threshold: ties move together.
    if (i + 1 < order.length && score[order[i + 1]] === score[order[i]]) continue;
    fpr.push(fp / negatives);
    tpr.push(tp / positives);
  }
  if (fpr.length <= maxPoints) return { fpr, tpr };
  const step = (fpr.length - 1) / (maxPoints - 1);
  const keep = Array.from({ length: maxPoints }, (_, j) => Math.round(j * step));
  return { fpr: keep.map((j) => fpr[j]), tpr: keep.map((j) => tpr[j]) };
}

/** ROC AUC as the probability that a random positive scores above a random negative (ties count half). */
export function rocAuc(actual: ArrayLike<number>, score: ArrayLike<number>): number | null {
  const order = Array.from({ length: actual.length }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let positives = 0;
  let rankSum = 0;
  // Average ranks over ties (Mann–Whitney U).
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && score[order[j + 1]] === score[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let m = i; m <= j; m++) {
      if (actual[order[m]] === 1) {
        positives += 1;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = actual.length - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

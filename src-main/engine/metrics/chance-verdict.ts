/**
 * A plain sentence when a classifier ends at chance level: its test accuracy is no better than
 * always answering the most frequent class, within the noise of the test set's size. It names
 * what the model does and what to try, taken from the run's own spec; null for a model that
 * learned something.
 */
import type { ExperimentSpec } from '../../shared/spec';
import type { ClassificationEvaluation } from '../../shared/types';

/** Share of test predictions in one class above which the model "answers that to everything". */
const ONE_ANSWER_SHARE = 0.9;

export function chanceVerdict(e: ClassificationEvaluation, spec: ExperimentSpec): string | null {
  const actual = e.confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const total = actual.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const chance = Math.max(...actual) / total;
  // Two standard errors of an accuracy at the chance level on this many test samples.
  const margin = 2 * Math.sqrt((chance * (1 - chance)) / total);
  if (e.accuracy > chance + margin) return null;

  const predicted = e.classes.map((_, j) => e.confusion.reduce((a, row) => a + (row[j] ?? 0), 0));
  const top = predicted.indexOf(Math.max(...predicted));
  const behaviour =
    predicted[top] / total >= ONE_ANSWER_SHARE
      ? `it answers "${e.classes[top]}" to almost everything`
      : 'its answers are no better than guessing';
  return (
    `The model ends at chance level: test accuracy ${pct(e.accuracy)} against ${pct(chance)} for always answering ` +
    `the most frequent class; ${behaviour}. Try ${whatToTry(spec).join('; ')}.`
  );
}

/** Changes that help a network leave the plateau at chance level, those that apply first. */
function whatToTry(spec: ExperimentSpec): string[] {
  const t = spec.training;
  const tips: string[] = [];
  if (spec.task === 'text-classification' && spec.data.text.tokens === 'char') {
    tips.push('word tokens (Data → Text): whole words carry a negation or a topic more directly than characters');
  }
  if (t.reduceLrOnPlateau.enabled) {
    tips.push('turning off learning-rate reduction on plateau, which slows the escape from the starting plateau');
  }
  if (t.earlyStopping.enabled && t.earlyStopping.patience < 30) {
    tips.push(
      `more early-stopping patience (40 instead of ${t.earlyStopping.patience}), so training outlasts the plateau`,
    );
  }
  if (t.optimizer.learningRate < 0.003) tips.push(`a learning rate of 0.003 (now ${t.optimizer.learningRate})`);
  tips.push(
    spec.model.layers.every((l) => l.bidirectional)
      ? 'more labelled examples per class'
      : 'a bidirectional layer, or more labelled examples per class',
  );
  return tips;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

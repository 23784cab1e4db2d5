/** Plain-language diagnoses for training that goes wrong, with concrete things to try. */
import type { ExperimentSpec } from '../../shared/spec';

/** Explains a NaN / Infinity loss and what to change. */
export function diagnoseDivergence(
  spec: ExperimentSpec,
  at: { epoch: number; batch: number | null; value: number; learningRate: number },
): string {
  const what = Number.isNaN(at.value) ? 'NaN (not a number)' : 'infinite';
  const where =
    at.batch === null ? `on the validation data after epoch ${at.epoch}` : `at epoch ${at.epoch}, batch ${at.batch}`;
  const tips = [
    `lower the learning rate (now ${at.learningRate}; try ${Number((at.learningRate / 10).toPrecision(2))})`,
  ];
  if (spec.training.clip.mode === 'none') tips.push('turn on gradient clipping by norm (1.0)');
  else if (spec.training.clip.value > 5) tips.push(`clip gradients harder (now ${spec.training.clip.value}; try 1.0)`);
  if (spec.data.scaling === 'none') tips.push('scale the inputs (standard scaling)');
  if (spec.model.activation === 'relu' || spec.model.activation === 'elu' || spec.model.activation === 'selu') {
    tips.push(`use tanh instead of ${spec.model.activation} inside the recurrent layers`);
  }
  if (spec.training.optimizer.name === 'sgd' && spec.training.optimizer.momentum > 0.9)
    tips.push('reduce the SGD momentum');
  return `The training loss became ${what} ${where}: the training diverged. Try to ${tips.join(', ')}.`;
}

const EXPLODING = 1e3;
const VANISHING = 1e-7;

/** A warning when the epoch's mean gradient norms look exploding or vanishing; null when healthy. */
export function gradientWarning(
  gradNorms: Record<string, number>,
  loss: number,
  spec: ExperimentSpec,
  epoch: number,
): string | null {
  const entries = Object.entries(gradNorms);
  const exploding = entries.filter(([, n]) => n > EXPLODING || !Number.isFinite(n));
  if (exploding.length) {
    const [name, n] = exploding[0];
    const clip = spec.training.clip.mode === 'none' ? 'turn on gradient clipping by norm and ' : '';
    return `Exploding gradients (norm ${n.toExponential(1)} in ${name}): ${clip}lower the learning rate.`;
  }
  // A tiny gradient is expected once the loss is near zero; it only matters while there is still error to learn.
  const recurrent = entries.filter(([name]) => name.startsWith('recurrent'));
  const vanishing = recurrent.filter(([, n]) => n < VANISHING);
  // Epoch 1 is exempt: a forecast head starts at zero, so the first updates reach no recurrent layer.
  if (vanishing.length && loss > 1e-4 && epoch > 1) {
    const [name, n] = vanishing[0];
    const cell = spec.model.cell === 'SimpleRNN' ? 'use an LSTM or GRU cell, ' : '';
    return `Vanishing gradients (norm ${n.toExponential(1)} in ${name}): the layer barely learns. Try to ${cell}shorten the window or raise the learning rate.`;
  }
  return null;
}

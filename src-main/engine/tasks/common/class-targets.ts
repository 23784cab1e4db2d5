/** Class labels as training targets, in the layout the loss expects. */
import type { Loss, OUTPUT_ACTIVATIONS } from '../../../shared/spec';

type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];

const CLASS_LOSSES = new Set<Loss>(['binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy']);

/** Values per sample: one-hot for categorical cross-entropy, one class id otherwise. */
export function classTargetWidth(loss: Loss, classCount: number): number {
  return loss === 'categoricalCrossentropy' ? classCount : 1;
}

/** Throws a plain message when the loss cannot train a classifier with this many classes. */
export function checkClassLoss(loss: Loss, classCount: number, output?: OutputActivation): void {
  if (output === 'sigmoid' && classCount > 2) {
    throw new Error(
      `A sigmoid output fits two classes, but the labels hold ${classCount}: use a softmax output or leave the output on automatic.`,
    );
  }
  if (!CLASS_LOSSES.has(loss)) {
    throw new Error(`Classes need a cross-entropy loss, not ${loss.toUpperCase()}: leave the loss on automatic.`);
  }
  if (loss === 'binaryCrossentropy' && classCount > 2) {
    throw new Error(
      `Binary cross-entropy fits two classes, but the labels hold ${classCount}: use sparse categorical cross-entropy.`,
    );
  }
}

/** Writes the target of class `id` for sample `s` into `out`. */
export function writeClassTarget(out: Float32Array, s: number, id: number, width: number): void {
  if (width === 1) out[s] = id;
  else out[s * width + id] = 1;
}

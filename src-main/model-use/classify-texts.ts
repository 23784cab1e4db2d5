/** Class probabilities for many texts at once, encoded exactly as the model was trained. */
import type * as tfTypes from '@tensorflow/tfjs';
import { encodeTexts } from '../data/prepare/text';
import type { Tf } from '../tensorflow/load-tf';
import type { TextModel } from './text-model';

/** Texts per forward pass: bounds memory for files of many thousand texts. */
const BATCH = 256;

/** One row of probabilities per text, in the model's class order. */
export function classifyTexts(tf: Tf, opened: TextModel, texts: string[]): number[][] {
  const { pre, model } = opened;
  const classCount = pre.classes?.length ?? 2;
  const L = pre.text.maxLength;
  const out: number[][] = [];
  for (let start = 0; start < texts.length; start += BATCH) {
    const batch = texts.slice(start, start + BATCH);
    const ids = encodeTexts(batch, pre.text.vocabulary, pre.text);
    const values = tf.tidy(() =>
      (model.predict(tf.tensor2d(Array.from(ids), [batch.length, L])) as tfTypes.Tensor).dataSync(),
    );
    const width = values.length / batch.length;
    for (let i = 0; i < batch.length; i++) {
      // One sigmoid unit is the probability of the second class.
      out.push(width === 1 ? [1 - values[i], values[i]] : Array.from(values.subarray(i * width, (i + 1) * width)));
    }
  }
  if (out.some((row) => row.length !== classCount)) {
    throw new Error(
      `The model gives ${out[0]?.length} outputs for ${classCount} classes; its files do not belong together.`,
    );
  }
  return out;
}

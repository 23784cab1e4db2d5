import { afterAll, describe, expect, it } from 'vitest';
import { BestWeights } from '../../../../src-main/engine/training/monitors/best-weights';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';

const { tf } = await loadTf();

/** A one-weight model whose weight we set by hand, standing for "the weights after epoch N". */
function tinyModel() {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], useBias: false })] });
  const set = (v: number) => {
    const w = tf.tensor2d([[v]]);
    model.setWeights([w]);
    w.dispose();
  };
  const get = () => (model.getWeights()[0].dataSync() as Float32Array)[0];
  return { model, set, get };
}

describe('BestWeights', () => {
  const models: { dispose(): void }[] = [];
  afterAll(() => models.forEach((m) => m.dispose()));

  it('restores the weights of the best epoch and says which', () => {
    const { model, set, get } = tinyModel();
    models.push(model);
    const best = new BestWeights(tf, model, true);
    set(1);
    expect(best.observe(1, 0.9)).toBe(true);
    set(2);
    expect(best.observe(2, 0.5)).toBe(true);
    set(3);
    expect(best.observe(3, 0.7)).toBe(false);
    const restored = best.restore(3, false, 'validation');
    expect(restored.epoch).toBe(2);
    expect(restored.line).toBe('Restored the weights of epoch 2, which had the lowest validation loss.');
    expect(get()).toBe(2);
    best.dispose();
  });

  it('keeps the starting weights when no epoch beats them', () => {
    const { model, set, get } = tinyModel();
    models.push(model);
    const best = new BestWeights(tf, model, true);
    set(7);
    expect(best.considerStart(0.1)).toBe(true);
    set(8);
    expect(best.observe(1, 0.2)).toBe(false);
    const restored = best.restore(1, false, 'validation');
    expect(restored.epoch).toBe(0);
    expect(get()).toBe(7);
    best.dispose();
  });

  it('leaves the last weights when the last epoch was the best, and does not copy without restoreBest', () => {
    const { model, set, get } = tinyModel();
    models.push(model);
    const before = tf.memory().numTensors;
    const best = new BestWeights(tf, model, false);
    expect(best.considerStart(0.1)).toBe(false);
    set(4);
    best.observe(1, 0.5);
    set(5);
    best.observe(2, 0.9);
    expect(tf.memory().numTensors).toBe(before);
    expect(best.restore(2, false, 'training').epoch).toBe(2);
    expect(get()).toBe(5);
  });

  it('gives no epoch after a failure but keeps the last good weights', () => {
    const { model, set, get } = tinyModel();
    models.push(model);
    const best = new BestWeights(tf, model, true);
    set(3);
    best.observe(1, 0.4);
    set(Number.NaN);
    expect(best.restore(1, true, 'validation').epoch).toBeNull();
    expect(get()).toBe(3);
    const before = tf.memory().numTensors;
    best.dispose();
    expect(tf.memory().numTensors).toBeLessThan(before);
  });
});

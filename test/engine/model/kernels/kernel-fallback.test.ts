/**
 * Without our native kernels (not built, or turned off as here) fused layers keep running on
 * TensorFlow's fused ops, match tfjs-layers, and the run log says why.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../../src-main/engine/model/fused/index';
import { nativeKernels } from '../../../../src-main/engine/model/kernels/native-kernels';
import type { Cell } from '../../../../src-main/shared/spec';
import { loadNativeTf } from '../fused/native-tf';
import { expectSamePrediction, smallLayer } from './fused-vs-standard';

// Read when the kernels are first asked for, which is after this line.
process.env.RECURRENT_RNN_KERNELS = 'off';
const tf = loadNativeTf();
const opts = smallLayer();

afterAll(() => tf.disposeVariables());

describe('fused layers without our native kernels', () => {
  it('are not loaded', () => expect(nativeKernels()).toBeNull());

  it.each(['LSTM', 'GRU', 'SimpleRNN'] as const)('%s runs on TensorFlow ops and matches tfjs-layers', (cell: Cell) => {
    const choice = createRecurrentLayer(tf, cell, opts, true);
    expect(choice.fused).toBe(true);
    expect(choice.note).toMatch(/fused TensorFlow kernels, because our native recurrent kernels are turned off/);
    expectSamePrediction(tf, choice.layer, cell, opts);
  });

  it('keep SimpleRNN activations TensorFlow has no fused form for on the standard layer', () => {
    const choice = createRecurrentLayer(tf, 'SimpleRNN', { ...opts, activation: 'elu' }, true);
    expect(choice.fused).toBe(false);
    expect(choice.note).toMatch(/activation 'elu'/);
  });
});

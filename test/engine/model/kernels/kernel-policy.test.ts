/**
 * Each fused layer runs on the kernels measured faster for its cell and shape, says which in the
 * run log, and computes what tfjs-layers computes on either path.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../../src-main/engine/model/fused/index';
import { nativeDirectionKernel } from '../../../../src-main/engine/model/kernels/kernel-choice';
import {
  measuredKernelChoice,
  useNativeKernelsEverywhere,
} from '../../../../src-main/engine/model/kernels/kernel-policy';
import { loadNativeTf } from '../fused/native-tf';
import { expectSamePrediction, smallLayer } from './fused-vs-standard';

const tf = loadNativeTf();

afterEach(() => useNativeKernelsEverywhere(false));
afterAll(() => tf.disposeVariables());

describe('the measured choice', () => {
  it.each(['GRU', 'SimpleRNN'] as const)('%s runs on our kernels, sequences or not', (cell) => {
    expect(measuredKernelChoice(cell, 'tanh', true).path).toBe('native');
    expect(measuredKernelChoice(cell, 'tanh', false).path).toBe('native');
  });

  it('an LSTM runs on ours, returning its last state or every state', () => {
    expect(measuredKernelChoice('LSTM', 'tanh', false).path).toBe('native');
    expect(measuredKernelChoice('LSTM', 'tanh', true)).toEqual({
      path: 'native',
      reason: expect.stringMatching(/returning every state/),
    });
  });

  it('cells TensorFlow has no fused form for run on ours', () => {
    expect(measuredKernelChoice('LSTM', 'elu', true)).toEqual({
      path: 'native',
      reason: 'TensorFlow has no fused LSTM with elu',
    });
    expect(measuredKernelChoice('SimpleRNN', 'selu', true).path).toBe('native');
  });

  it('can be overridden to run everything on ours', () => {
    useNativeKernelsEverywhere(true);
    expect(measuredKernelChoice('LSTM', 'tanh', true)).toEqual({
      path: 'native',
      reason: 'native kernels asked for everywhere',
    });
    expect(nativeDirectionKernel(tf, 'LSTM', 'tanh', true)).not.toBeNull();
    useNativeKernelsEverywhere(false);
    expect(nativeDirectionKernel(tf, 'LSTM', 'tanh', true)).not.toBeNull();
    expect(nativeDirectionKernel(tf, 'LSTM', 'tanh', false)).not.toBeNull();
  });
});

describe('the run log and the results on either path', () => {
  it('an LSTM returning sequences says it runs on ours and matches tfjs-layers', () => {
    const options = smallLayer({ returnSequences: true, bidirectional: true });
    const choice = createRecurrentLayer(tf, 'LSTM', options, true);
    expect(choice.fused).toBe(true);
    expect(choice.note).toMatch(/^LSTM: our native LSTM kernels \(.*\), measured .* returning every state\.$/);
    expectSamePrediction(tf, choice.layer, 'LSTM', options);
  });

  it('an LSTM returning its last state says it runs on ours and matches tfjs-layers', () => {
    const options = smallLayer({ returnSequences: false, bidirectional: true, name: 'recurrent_2' });
    const choice = createRecurrentLayer(tf, 'LSTM', options, true);
    expect(choice.note).toMatch(
      /^recurrent_2: our native LSTM kernels \((generic|avx2|avx512) build, (up to \d+ threads per call: 1 or \d+, as timed faster|\d+ threads? per call)\)/,
    );
    expectSamePrediction(tf, choice.layer, 'LSTM', options);
  });
});

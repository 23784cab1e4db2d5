/**
 * With our native kernels built, fused layers run on them: every SimpleRNN activation the forms
 * offer gets a fused layer, the log names our kernels, and a whole model still trains and
 * matches tfjs-layers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../../src-main/engine/model/fused/index';
import { defaultKernelThreads, nativeKernels } from '../../../../src-main/engine/model/kernels/native-kernels';
import { HIDDEN_ACTIVATIONS } from '../../../../src-main/shared/spec';
import { loadNativeTf } from '../fused/native-tf';
import { expectSamePrediction, smallLayer } from './fused-vs-standard';

const tf = loadNativeTf();
const opts = smallLayer({ returnSequences: false, bidirectional: true });

afterAll(() => tf.disposeVariables());

describe('fused layers on our native kernels', () => {
  it('are loaded with a build for this CPU', () => {
    expect(nativeKernels()?.instructionSet).toMatch(/^(generic|avx2|avx512)$/);
  });

  it.each(HIDDEN_ACTIVATIONS)('SimpleRNN with %s is fused and matches tfjs-layers (bidirectional)', (activation) => {
    const options = { ...opts, activation };
    const choice = createRecurrentLayer(tf, 'SimpleRNN', options, true);
    expect(choice.fused).toBe(true);
    expect(choice.note).toMatch(/our native SimpleRNN kernels/);
    expectSamePrediction(tf, choice.layer, 'SimpleRNN', options);
  });
});

describe('threads per kernel call', () => {
  it('follow RECURRENT_RNN_THREADS when it is a positive whole number', () => {
    expect(defaultKernelThreads({ RECURRENT_RNN_THREADS: '3' }, 8)).toBe(3);
  });
  it.each(['', '0', '-2', '1.5', 'many'])('use every core otherwise (%j)', (value) => {
    expect(defaultKernelThreads({ RECURRENT_RNN_THREADS: value }, 8)).toBe(8);
  });
});

/**
 * With our native kernels built, fused layers run on them: every SimpleRNN activation the forms
 * offer gets a fused layer, the log names our kernels, and a whole model still trains and
 * matches tfjs-layers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../../src-main/engine/model/fused/index';
import {
  defaultKernelThreads,
  describeKernelThreads,
  kernelThreading,
  nativeKernels,
  type NativeKernels,
} from '../../../../src-main/engine/model/kernels/native-kernels';
import { ThreadTuner } from '../../../../src-main/engine/model/kernels/thread-tuner';
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
  it('take RECURRENT_RNN_THREADS as a cap: with 2, each kind of call is still timed on 1 and 2', () => {
    const { threads, threadTuner } = kernelThreading({ RECURRENT_RNN_THREADS: '2' }, 8);
    expect(threads).toBe(2);
    expect(threadTuner).toBeInstanceOf(ThreadTuner);
    const tried = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const chosen = threadTuner!.choose('lstm', threads);
      tried.add(chosen);
      threadTuner!.record('lstm', chosen, chosen === 1 ? 1 : 2);
    }
    expect([...tried].sort()).toEqual([1, 2]);
    expect(threadTuner!.chosen('lstm')).toBe(1);
  });
  it('run every call on one thread, untimed, when RECURRENT_RNN_THREADS is 1 or there is one core', () => {
    expect(kernelThreading({ RECURRENT_RNN_THREADS: '1' }, 8)).toEqual({ threads: 1, threadTuner: null });
    expect(kernelThreading({}, 1)).toEqual({ threads: 1, threadTuner: null });
  });
  it('are timed between 1 and every core when nothing is set', () => {
    const { threads, threadTuner } = kernelThreading({}, 4);
    expect(threads).toBe(4);
    expect(threadTuner).toBeInstanceOf(ThreadTuner);
  });
  it('are described as a cap in the run log when timed, as a count when fixed', () => {
    const base = nativeKernels() ?? ({ addon: null, instructionSet: 'generic' } as unknown as NativeKernels);
    expect(describeKernelThreads({ ...base, threads: 2, threadTuner: new ThreadTuner() })).toBe(
      'up to 2 threads per call: 1 or 2, as timed faster',
    );
    expect(describeKernelThreads({ ...base, threads: 1, threadTuner: null })).toBe('1 thread per call');
    expect(describeKernelThreads({ ...base, threads: 3, threadTuner: null })).toBe('3 threads per call');
  });
});

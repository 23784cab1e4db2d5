/**
 * The native kernels under odd shapes and bad arguments: they must compute, or refuse with a
 * clear error, and never take the process down; and repeated training steps must not leak
 * tensors.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../../src-main/engine/model/fused/index';
import {
  nativeKernels,
  type KernelProblem,
  type NativeKernels,
} from '../../../../src-main/engine/model/kernels/native-kernels';
import { nativeRecurrentSequence, type NativeCell } from '../../../../src-main/engine/model/kernels/native-sequence';
import { loadNativeTf } from '../fused/native-tf';

const tf = loadNativeTf();
const loaded = nativeKernels();
if (!loaded) throw new Error('these tests need the native recurrent kernels: run `npm run setup`');
const native: NativeKernels = loaded;
const CELLS: NativeCell[] = ['LSTM', 'GRU', 'GRU-reset-after', 'SimpleRNN'];
const GATES: Record<NativeCell, number> = { LSTM: 4, GRU: 3, 'GRU-reset-after': 3, SimpleRNN: 1 };

afterAll(() => tf.disposeVariables());

/** Output and all four gradients of sum(h²) for a random problem of this shape, as plain arrays. */
function runShape(cell: NativeCell, steps: number, batch: number, features: number, units: number, threads: number) {
  return tf.tidy(() => {
    const width = GATES[cell] * units;
    const x = tf.randomNormal([steps, batch, features], 0, 1, 'float32', steps + batch);
    const weights = [[features, width], [units, width], cell === 'GRU-reset-after' ? [2, width] : [width]].map(
      (shape, i) => tf.randomUniform(shape, -0.5, 0.5, 'float32', i + units),
    );
    const config = { cell, activation: 'tanh', recurrentActivation: 'sigmoid' } as const;
    const kernels = { ...native, threads, threadTuner: null };
    const run = (...a: tfTypes.Tensor[]) => nativeRecurrentSequence(tf, kernels, config, a[0], a[1], a[2], a[3]);
    const h = run(x, ...weights);
    const grads = tf.grads((...a: tfTypes.Tensor[]) => tf.sum(tf.square(run(...a))) as tfTypes.Scalar)([x, ...weights]);
    return [h, ...grads].map((t) => ({ shape: t.shape, finite: t.dataSync().every(Number.isFinite) }));
  });
}

describe('shapes at the edges compute finite results', () => {
  const shapes: [string, number, number, number, number, number][] = [
    ['one of everything', 1, 1, 1, 1, 1],
    ['one step', 1, 8, 3, 4, 2],
    ['one sample, more threads than samples', 9, 1, 2, 3, 4],
    ['one unit', 12, 5, 2, 1, 2],
    ['a very long sequence', 20_000, 2, 1, 3, 2],
    ['more threads than the machine has', 5, 16, 4, 8, 64],
  ];
  it.each(CELLS)('%s', (cell) => {
    for (const [what, steps, batch, features, units, threads] of shapes) {
      const results = runShape(cell, steps, batch, features, units, threads);
      expect(results[0].shape, what).toEqual([steps, batch, units]);
      expect(
        results.every((r) => r.finite),
        what,
      ).toBe(true);
    }
  });

  it('random shapes never crash (fuzz)', () => {
    let seed = 12345;
    const next = (limit: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return 1 + (seed % limit);
    };
    for (let i = 0; i < 40; i++) {
      const cell = CELLS[next(4) - 1];
      const [steps, batch, features, units, threads] = [next(30), next(9), next(7), next(21), next(4)];
      const results = runShape(cell, steps, batch, features, units, threads);
      expect(results.map((r) => r.shape[0])).toEqual([
        steps,
        steps,
        features,
        units,
        cell === 'GRU-reset-after' ? 2 : GATES[cell] * units,
      ]);
      expect(results.every((r) => r.finite)).toBe(true);
    }
  });
});

describe('bad arguments are refused with a clear error', () => {
  const problem: KernelProblem = {
    cell: 0,
    activation: 0,
    recurrentActivation: 2,
    steps: 2,
    batch: 1,
    inputDim: 1,
    units: 1,
    threads: 1,
  };
  const arrays = () => [2, 4, 4, 4, 2].map((n) => new Float32Array(n));

  it('a wrong length names the array and both lengths', () => {
    const [x, k, r, b, h] = arrays();
    expect(() => native.addon.forward(problem, x, k, r, new Float32Array(3), h)).toThrow(
      /bias must hold 4 values, got 3/,
    );
    expect(() => native.addon.forward(problem, x, k, r, b, h.subarray(1))).toThrow(/hidden states must hold 2 values/);
    expect(() => native.addon.forward({ ...problem, lastOnly: true }, x, k, r, b, h)).toThrow(
      /last hidden state must hold 1 values, got 2/,
    );
  });
  it('a joined output must be as long as its wider rows', () => {
    const [x, k, r, b, h] = arrays();
    expect(() => native.addon.forward({ ...problem, outWidth: 2, outOffset: 1 }, x, k, r, b, h)).toThrow(
      /hidden states must hold 4 values, got 2/,
    );
  });
  it('an array of another type is refused', () => {
    const [x, k, r, , h] = arrays();
    const bias = new Float64Array(4) as unknown as Float32Array;
    expect(() => native.addon.forward(problem, x, k, r, bias, h)).toThrow(/bias must be a Float32Array/);
  });
  it.each([
    ['steps', 0],
    ['batch', -1],
    ['units', 2.5],
    ['inputDim', Number.NaN],
    ['threads', 0],
    ['cell', 9],
    ['activation', 8],
    ['batchMajor', 1],
    ['save', 'yes'],
    ['outWidth', 0],
    ['outOffset', 1],
    ['addInputGradient', 'no'],
  ])('%s = %s', (key, value) => {
    const [x, k, r, b, h] = arrays();
    expect(() => native.addon.forward({ ...problem, [key]: value }, x, k, r, b, h)).toThrow(new RegExp(`'${key}'`));
  });
  it('a sequence too large for one call is refused before any memory is touched', () => {
    const huge = { ...problem, steps: 2 ** 27, batch: 2 ** 27 };
    expect(() => native.addon.workspaceLength(huge)).toThrow(/too large/);
  });
  it('missing arguments are refused', () => {
    const forward = native.addon.forward as (...args: unknown[]) => void;
    expect(() => forward(problem)).toThrow(/x must be a Float32Array/);
    expect(() => forward()).toThrow(/problem description/);
  });
  it('an unknown or unsupported build is refused', () => {
    expect(() => native.addon.useInstructionSet('sse9')).toThrow(/cannot run the 'sse9' build/);
    expect(native.addon.useInstructionSet(native.instructionSet)).toBe(native.instructionSet);
  });
  it('a tensor of the wrong shape is refused before the addon is called', () => {
    const config = { cell: 'LSTM', activation: 'tanh', recurrentActivation: 'sigmoid' } as const;
    tf.tidy(() => {
      const [x, wrongKernel, recurrent, bias] = [
        tf.zeros([3, 2, 4]),
        tf.zeros([5, 8]),
        tf.zeros([2, 8]),
        tf.zeros([8]),
      ];
      expect(() => nativeRecurrentSequence(tf, native, config, x, wrongKernel, recurrent, bias)).toThrow(
        /kernel must be float32 \[4, 8\], got float32 \[5, 8\]/,
      );
    });
  });
});

describe("the optimizer's Adam step", () => {
  const adamStep = native.addon.adamStep as (...args: unknown[]) => void;
  const settings = Float64Array.of(0.1, 0.9, 0.999, 1e-7, 0.1, 0.001, 1, Infinity);
  const arrays = (n: number) => Array.from({ length: 5 }, () => new Float32Array(n));

  it('refuses arrays of other lengths or types and settings of the wrong size', () => {
    const [w, g, m, v] = arrays(4);
    expect(() => adamStep(w, g, m, v, new Float32Array(3), settings)).toThrow(/new weights must hold as many/);
    expect(() => adamStep(w, new Float64Array(4), m, v, w, settings)).toThrow(/gradient must be a Float32Array/);
    expect(() => adamStep(w, g, m, v, w, new Float64Array(7))).toThrow(/Float64Array of 8 values/);
    expect(() => adamStep()).toThrow(/weights must be a Float32Array/);
  });

  it('takes empty weights, and keeps a NaN gradient NaN under clipping by value', () => {
    expect(() => adamStep(...arrays(0), settings)).not.toThrow();
    const [w, g, m, v, next] = arrays(2);
    g.set([Number.NaN, 5]);
    adamStep(w, g, m, v, next, Float64Array.of(0.1, 0.9, 0.999, 1e-7, 0.1, 0.001, 1, 2));
    expect(Number.isNaN(m[0])).toBe(true);
    // Clipped to 2 before the moments: m = (1 − 0.9) · 2.
    expect(m[1]).toBeCloseTo(0.2, 6);
  });
});

describe('memory', () => {
  it('training steps on a stacked, bidirectional model do not grow the tensor count', async () => {
    const opts = {
      units: 6,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      dropout: 0,
      recurrentDropout: 0,
      merge: 'concat' as const,
      seed: 1,
    };
    const first = createRecurrentLayer(
      tf,
      'GRU',
      { ...opts, returnSequences: true, bidirectional: true, inputShape: [10, 3] },
      true,
    );
    const second = createRecurrentLayer(tf, 'LSTM', { ...opts, returnSequences: false, bidirectional: false }, true);
    expect([first.fused, second.fused]).toEqual([true, true]);
    expect(first.note).toMatch(/our native GRU kernels/);
    expect(second.note).toMatch(/our native LSTM kernels/);
    const trained = tf.sequential({ layers: [first.layer, second.layer, tf.layers.dense({ units: 1 })] });
    trained.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const x = tf.randomNormal([16, 10, 3], 0, 1, 'float32', 2);
    const y = tf.randomNormal([16, 1], 0, 1, 'float32', 3);
    await trained.trainOnBatch(x, y);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await trained.trainOnBatch(x, y);
    tf.dispose(trained.predict(x) as tfTypes.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
    trained.dispose();
  });
});

/**
 * The flat training step must do what tfjs' per-variable code does: the same Adam updates, the
 * same per-layer gradient norms and the same clipping, without leaking tensors.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createFlatAdam } from '../../../../src-main/engine/model/fused/flat-adam';
import { applyGradientStep, type GradientClip } from '../../../../src-main/engine/model/fused/gradient-step';
import { setLearningRate } from '../../../../src-main/engine/training/optimizers';
import { nativeKernels, switchNativeKernels } from '../../../../src-main/engine/model/kernels/native-kernels';
import { loadNativeTf, relativeDifference } from './native-tf';

const tf = loadNativeTf();
const SHAPES = [[5, 8], [8, 8], [8], [8, 1], [1]];
let uid = 0;

afterAll(() => tf.disposeVariables());

/** Two identical sets of variables (one per optimizer under test) and gradients for several steps. */
function fixture(steps: number) {
  const seedValues = SHAPES.map((shape, i) => tf.randomNormal(shape, 0, 1, 'float32', 10 + i));
  const make = () => seedValues.map((v) => tf.variable(v, true, `gs_${uid++}`));
  const a = make();
  const b = make();
  tf.dispose(seedValues);
  // Gradients of very different sizes per variable, so clipping and bias correction matter.
  const grads = Array.from({ length: steps }, (_, s) =>
    SHAPES.map((shape, i) => tf.randomNormal(shape, 0, 0.5 + 3 * i, 'float32', 100 * s + i)),
  );
  return { a, b, grads };
}

const named = (vars: tfTypes.Variable[], gs: tfTypes.Tensor[]): tfTypes.NamedTensorMap =>
  Object.fromEntries(vars.map((v, i) => [v.name, gs[i]]));

/** Every value of `actual` within 1e-5 of `expected`, relative to the largest expected value. */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  const scale = Math.max(1e-6, ...Array.from(expected, Math.abs));
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i]) / scale).toBeLessThan(1e-5);
}

function expectSameWeights(a: tfTypes.Variable[], b: tfTypes.Variable[]) {
  a.forEach((v, i) => expect(relativeDifference(tf, v, b[i]), v.name).toBeLessThan(1e-5));
}

describe('flat Adam', () => {
  it('runs its update in our native addon when it is built', () => {
    expect(typeof nativeKernels()?.addon.adamStep).toBe('function');
  });

  it.each([
    ['in our native addon', true],
    ['in JavaScript (addon switched off)', false],
  ])('matches tf.train.adam step for step, %s', (_where, native) => {
    switchNativeKernels(native);
    try {
      matchesTfjsAdam();
    } finally {
      switchNativeKernels(true);
    }
  });

  function matchesTfjsAdam() {
    const { a, b, grads } = fixture(6);
    const flat = createFlatAdam(tf, 0.05, 0.8, 0.95, 1e-7);
    const reference: tfTypes.Optimizer = tf.train.adam(0.05, 0.8, 0.95, 1e-7);
    const start = a.map((v) => v.clone());
    grads.forEach((gs, s) => {
      // Halfway, the learning rate changes as reduce-on-plateau changes it.
      if (s === 3) [flat, reference].forEach((o) => setLearningRate(o, 0.01));
      flat.applyGradients(named(a, gs));
      reference.applyGradients(named(b, gs));
    });
    expectSameWeights(a, b);
    // The weights really moved (a no-op optimizer would pass the comparison above).
    expect(relativeDifference(tf, a[0], start[0])).toBeGreaterThan(1e-3);
    expect(flat.getClassName()).toBe('Adam');
    tf.dispose([...start, ...grads.flat()]);
    flat.dispose();
    reference.dispose();
  }

  it('keeps the moments of known variables when the variable set changes', () => {
    const { a, b, grads } = fixture(4);
    const flat = createFlatAdam(tf, 0.05);
    const reference: tfTypes.Optimizer = tf.train.adam(0.05);
    grads.forEach((gs, s) => {
      // The second step leaves out the last variable (as when it has no gradient).
      const count = s === 1 ? a.length - 1 : a.length;
      flat.applyGradients(named(a.slice(0, count), gs.slice(0, count)));
      reference.applyGradients(named(b.slice(0, count), gs.slice(0, count)));
    });
    // tfjs' Adam keeps per-variable moments but one shared bias-correction clock; so does ours.
    expectSameWeights(a, b);
    tf.dispose(grads.flat());
    flat.dispose();
    reference.dispose();
  });
});

describe('applyGradientStep', () => {
  const groupsOf = (vars: tfTypes.Variable[]) => [{ variables: vars.slice(0, 3) }, { variables: vars.slice(3) }];

  /** The per-variable computation the training loop used before. */
  function referenceStep(vars: tfTypes.Variable[], gs: tfTypes.Tensor[], clip: GradientClip) {
    return tf.tidy(() => {
      const sq = gs.map((g) => tf.sum(tf.square(g)));
      const norms = [tf.sqrt(tf.addN(sq.slice(0, 3))), tf.sqrt(tf.addN(sq.slice(3)))];
      const global = tf.sqrt(tf.addN(norms.map((n) => tf.square(n))));
      const scale = tf.minimum(1, tf.div(clip.value, tf.maximum(global, 1e-12)));
      const clipped = gs.map((g) =>
        clip.mode === 'value'
          ? tf.clipByValue(g, -clip.value, clip.value)
          : clip.mode === 'norm'
            ? tf.mul(g, scale)
            : g,
      );
      return { norms: tf.stack(norms), clipped: named(vars, clipped) };
    });
  }

  it.each([
    ['norm', 'adam', 'native'],
    ['value', 'adam', 'native'],
    ['none', 'adam', 'native'],
    ['norm', 'adam', 'JavaScript'],
    ['value', 'adam', 'JavaScript'],
    ['norm', 'rmsprop', 'native'],
  ] as const)('clip by %s with %s (%s update) matches the per-variable computation', (mode, optimizerName, where) => {
    switchNativeKernels(where === 'native');
    try {
      clipsLikeTfjs(mode, optimizerName);
    } finally {
      switchNativeKernels(true);
    }
  });

  function clipsLikeTfjs(mode: GradientClip['mode'], optimizerName: 'adam' | 'rmsprop') {
    const clip: GradientClip = { mode, value: 2 };
    const { a, b, grads } = fixture(3);
    const ours = optimizerName === 'adam' ? createFlatAdam(tf, 0.05) : tf.train.rmsprop(0.05);
    const theirs: tfTypes.Optimizer = optimizerName === 'adam' ? tf.train.adam(0.05) : tf.train.rmsprop(0.05);
    for (const gs of grads) {
      const norms = applyGradientStep(tf, ours, groupsOf(a), named(a, gs), clip, true);
      const ref = referenceStep(b, gs, clip);
      expect(norms.length).toBe(2);
      expectClose(norms, ref.norms.dataSync());
      theirs.applyGradients(ref.clipped);
      tf.dispose([ref.norms, ...Object.values(ref.clipped)]);
    }
    expectSameWeights(a, b);
    // Clipping was active: the unclipped update would differ.
    if (mode !== 'none') expect(tf.max(tf.abs(grads[0][4])).dataSync()[0]).toBeGreaterThan(clip.value);
    tf.dispose(grads.flat());
    ours.dispose();
    theirs.dispose();
  }

  it('reports norms without updating when asked, and counts a missing gradient as zero', () => {
    const { a, grads } = fixture(1);
    const optimizer = createFlatAdam(tf, 0.05);
    const before = a.map((v) => v.clone());
    const partial = named(a.slice(1), grads[0].slice(1));
    const norms = applyGradientStep(tf, optimizer, groupsOf(a), partial, { mode: 'none', value: 1 }, false);
    const expected = tf.tidy(() => tf.sqrt(tf.addN(grads[0].slice(1, 3).map((g) => tf.sum(tf.square(g))))));
    expectClose(norms.subarray(0, 1), expected.dataSync());
    a.forEach((v, i) => expect(relativeDifference(tf, v, before[i])).toBe(0));
    tf.dispose([expected, ...before, ...grads.flat()]);
    optimizer.dispose();
  });

  it('does not grow the tensor count across steps', () => {
    const { a, grads } = fixture(1);
    const optimizer = createFlatAdam(tf, 0.05);
    const step = () =>
      applyGradientStep(tf, optimizer, groupsOf(a), named(a, grads[0]), { mode: 'norm', value: 1 }, true);
    step();
    const count = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(count);
    optimizer.dispose();
    tf.dispose(grads.flat());
  });
});

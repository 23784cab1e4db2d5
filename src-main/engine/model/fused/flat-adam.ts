/**
 * Adam without a TensorFlow op per step. tfjs' Adam runs about sixteen small ops per variable
 * and step, each a separate call into the backend; for recurrent models trained on fused or
 * native kernels that fixed per-call cost was a large part of a step (even with all variables
 * joined into one flat vector it was a dozen ops plus a split, a reshape and a subtraction per
 * variable). Here the update is one pass over each variable's values: the gradients are read
 * once (our native kernels' gradients are JavaScript arrays already, so reading them copies
 * nothing), the moments live in JavaScript arrays, and each variable gets its new value as a
 * fresh tensor made from an array — no op at all. The pass runs in our native addon when it is
 * built (vectorised, float32 like tfjs) and in JavaScript otherwise (double precision before each
 * float32 result is stored); either way the arithmetic is tfjs' AdamOptimizer's.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import { nativeKernels } from '../kernels/native-kernels';

type GradientsArg = Parameters<tfTypes.Optimizer['applyGradients']>[0];

/**
 * What is done to every gradient value before the update: multiplied by `scale` (clipping by
 * global norm), then limited to ±`limit` (clipping by value).
 */
export interface GradientTransform {
  scale: number;
  limit: number;
}

export const NO_TRANSFORM: GradientTransform = { scale: 1, limit: Infinity };

/** The Adam optimizer; a drop-in `tf.AdamOptimizer` (same class name and config). */
export interface FlatAdamOptimizer extends tfTypes.AdamOptimizer {
  /** Like any optimizer's: gradients by variable name. */
  applyGradients(variableGradients: GradientsArg): void;
  /**
   * Applies one step from gradient values already read: `grads[i]` (flat, in the variable's
   * element order) for `variables[i]`, each value transformed by `transform` first. Variables
   * left out keep their moments for when they come back, as in tfjs' Adam.
   */
  applyGradientValues(variables: tfTypes.Variable[], grads: ArrayLike<number>[], transform?: GradientTransform): void;
}

interface Moments {
  m: Float32Array;
  v: Float32Array;
}

type FlatAdamClass = new (lr: number, beta1: number, beta2: number, epsilon: number) => FlatAdamOptimizer;
const classes = new WeakMap<object, FlatAdamClass>();

/** Creates the Adam optimizer with tfjs' `tf.train.adam` parameters and semantics. */
export function createFlatAdam(
  tf: Tf,
  learningRate: number,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon?: number,
): FlatAdamOptimizer {
  let Flat = classes.get(tf.AdamOptimizer);
  if (!Flat) {
    Flat = defineFlatAdam(tf);
    classes.set(tf.AdamOptimizer, Flat);
  }
  return new Flat(learningRate, beta1, beta2, epsilon ?? tf.backend().epsilon());
}

/** Learning rate, beta1, beta2, epsilon, 1 − β1ᵗ, 1 − β2ᵗ, gradient scale and limit (the addon's order). */
type AdamSettings = Float64Array;

/**
 * One Adam step over one variable's values in JavaScript: writes the new weights into `next` and
 * updates the moments in place (what the addon's adamStep does, when it is not built).
 */
function adamUpdate(
  weights: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
  next: Float32Array,
  settings: AdamSettings,
): void {
  const [lr, beta1, beta2, epsilon, c1, c2, scale, limit] = settings;
  for (let i = 0; i < next.length; i++) {
    let g = grad[i] * scale;
    g = g > limit ? limit : g < -limit ? -limit : g;
    const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g);
    const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g * g);
    // tfjs: value − lr · (m / (1 − β1ᵗ)) / (sqrt(v / (1 − β2ᵗ)) + ε)
    next[i] = weights[i] - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + epsilon);
  }
}

/** The addon's vectorised Adam step when it is built, else the JavaScript one. */
function adamStepFunction(): typeof adamUpdate {
  const native = nativeKernels()?.addon;
  return native?.adamStep ? native.adamStep.bind(native) : adamUpdate;
}

/** `values` as float32, copied only when they are not already. */
function asFloat32(values: ArrayLike<number>): Float32Array {
  return values instanceof Float32Array ? values : Float32Array.from(values);
}

/** Built from the caller's tfjs so it extends that instance's AdamOptimizer. */
function defineFlatAdam(tf: Tf): FlatAdamClass {
  class FlatAdam extends tf.AdamOptimizer implements FlatAdamOptimizer {
    /** First and second moments by variable name (kept while a variable has no gradient). */
    private readonly moments = new Map<string, Moments>();
    /** beta^t of the step about to run, kept in JS: no per-step scalar bookkeeping ops. */
    private powBeta1: number;
    private powBeta2: number;

    constructor(learningRate: number, beta1: number, beta2: number, epsilon: number) {
      super(learningRate, beta1, beta2, epsilon);
      this.powBeta1 = beta1;
      this.powBeta2 = beta2;
    }

    override applyGradients(variableGradients: GradientsArg): void {
      const entries = Array.isArray(variableGradients)
        ? variableGradients.map((g) => [g.name, g.tensor] as const)
        : Object.entries(variableGradients as tfTypes.NamedTensorMap);
      const present = entries.filter(([, g]) => g != null);
      if (present.length === 0) return;
      const registered = tf.engine().registeredVariables;
      const variables = present.map(([name]) => {
        const variable = registered[name];
        if (!variable) throw new Error(`Adam: unknown variable ${name}.`);
        return variable;
      });
      this.applyGradientValues(
        variables,
        present.map(([, g]) => (g as tfTypes.Tensor).dataSync()),
      );
    }

    applyGradientValues(
      variables: tfTypes.Variable[],
      grads: ArrayLike<number>[],
      transform: GradientTransform = NO_TRANSFORM,
    ): void {
      if (grads.length !== variables.length) {
        throw new Error(`Adam: ${grads.length} gradients for ${variables.length} variables.`);
      }
      variables.forEach((x, i) => {
        if (grads[i].length !== x.size) {
          throw new Error(`Adam: the gradient of ${x.name} has ${grads[i].length} values, the variable ${x.size}.`);
        }
        if (x.dtype !== 'float32') throw new Error(`Adam: ${x.name} is ${x.dtype}, not float32.`);
      });
      const settings: AdamSettings = Float64Array.of(
        this.learningRate,
        this.beta1,
        this.beta2,
        this.epsilon,
        1 - this.powBeta1,
        1 - this.powBeta2,
        transform.scale,
        transform.limit,
      );
      const step = adamStepFunction();
      tf.tidy(() => {
        variables.forEach((x, i) => {
          let moments = this.moments.get(x.name);
          if (!moments || moments.m.length !== x.size) {
            moments = { m: new Float32Array(x.size), v: new Float32Array(x.size) };
            this.moments.set(x.name, moments);
          }
          // A fresh array every step: a tensor made from an array keeps that array as its memory.
          const next = new Float32Array(x.size);
          step(asFloat32(x.dataSync()), asFloat32(grads[i]), moments.m, moments.v, next, settings);
          x.assign(tf.tensor(next, x.shape, 'float32'));
        });
      });
      this.powBeta1 *= this.beta1;
      this.powBeta2 *= this.beta2;
      this.incrementIterations();
    }

    override dispose(): void {
      this.moments.clear();
      super.dispose();
    }

    override getWeights(): ReturnType<tfTypes.Optimizer['getWeights']> {
      return Promise.reject(new Error('The flat Adam optimizer does not export its state.'));
    }

    override setWeights(): Promise<void> {
      return Promise.reject(new Error('The flat Adam optimizer does not import state.'));
    }
  }
  return FlatAdam;
}

/**
 * Adam over all variables at once. tfjs' Adam runs about sixteen small ops per variable and
 * step, each a separate call into the backend; for recurrent models trained on fused kernels
 * that per-op cost was a large part of the step. Here the gradients are joined into one flat
 * vector, the moments live in one flat vector each, and the update is a dozen ops in total
 * plus one subtraction per variable — the same arithmetic as tfjs' AdamOptimizer.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';

type Tensor = tfTypes.Tensor;
type GradientsArg = Parameters<tfTypes.Optimizer['applyGradients']>[0];

/** The flat-state Adam optimizer; a drop-in `tf.AdamOptimizer` (same class name and config). */
export interface FlatAdamOptimizer extends tfTypes.AdamOptimizer {
  /** Like any optimizer's: gradients by variable name (tfjs' Adam declares variables here). */
  applyGradients(variableGradients: GradientsArg): void;
  /**
   * Applies one step from a flat gradient: the gradients of `variables`, each flattened and
   * joined in that order. Lets callers that already joined the gradients (to measure or clip
   * them) skip joining them twice.
   */
  applyFlatGradient(variables: tfTypes.Variable[], flat: Tensor): void;
}

/** The gradients of `variables` flattened and joined in order into one vector. */
export function flattenGradients(tf: Tf, variables: tfTypes.Variable[], grads: tfTypes.NamedTensorMap): Tensor {
  const parts = variables.map((v) => {
    const g = grads[v.name];
    if (!g) throw new Error(`No gradient for variable ${v.name}.`);
    return tf.reshape(g, [-1]);
  });
  return parts.length === 1 ? parts[0] : tf.concat(parts);
}

interface FlatState {
  /** Variable names in flat order, joined: identifies the layout the moments belong to. */
  key: string;
  names: string[];
  sizes: number[];
  m: tfTypes.Variable;
  v: tfTypes.Variable;
}

type FlatAdamClass = new (lr: number, beta1: number, beta2: number, epsilon: number) => FlatAdamOptimizer;
const classes = new WeakMap<object, FlatAdamClass>();

/** Creates a flat-state Adam optimizer with tfjs' `tf.train.adam` parameters and semantics. */
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

/** Built from the caller's tfjs so it extends that instance's AdamOptimizer. */
function defineFlatAdam(tf: Tf): FlatAdamClass {
  class FlatAdam extends tf.AdamOptimizer implements FlatAdamOptimizer {
    private state: FlatState | null = null;
    /** First and second moments of variables absent from the current layout. */
    private readonly parked = new Map<string, [Tensor, Tensor]>();
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
      tf.tidy(() => this.applyFlatGradient(variables, flattenGradients(tf, variables, Object.fromEntries(present))));
    }

    applyFlatGradient(variables: tfTypes.Variable[], flat: Tensor): void {
      const total = variables.reduce((n, x) => n + x.size, 0);
      if (flat.rank !== 1 || flat.size !== total) {
        throw new Error(`Adam: the flat gradient has ${flat.size} values, the variables ${total}.`);
      }
      tf.tidy(() => {
        const { m, v } = this.flatState(variables);
        const b1 = this.beta1;
        const b2 = this.beta2;
        const newM = tf.add(tf.mul(m, b1), tf.mul(flat, 1 - b1));
        const newV = tf.add(tf.mul(v, b2), tf.mul(tf.square(flat), 1 - b2));
        m.assign(newM);
        v.assign(newV);
        // tfjs: lr · (m / (1 − β1ᵗ)) / (sqrt(v / (1 − β2ᵗ)) + ε), written with the bias
        // corrections folded into two scalars.
        const step = tf.div(
          tf.mul(newM, this.learningRate / (1 - this.powBeta1)),
          tf.add(tf.mul(tf.sqrt(newV), 1 / Math.sqrt(1 - this.powBeta2)), this.epsilon),
        );
        const sizes = variables.map((x) => x.size);
        const pieces = variables.length === 1 ? [step] : tf.split(step, sizes);
        variables.forEach((x, i) => x.assign(tf.sub(x, tf.reshape(pieces[i], x.shape))));
      });
      this.powBeta1 *= this.beta1;
      this.powBeta2 *= this.beta2;
      this.incrementIterations();
    }

    /**
     * The moments for this variable layout. When the layout changes (a variable had no gradient),
     * the moments of every known variable are kept, those of absent ones parked until they return.
     */
    private flatState(variables: tfTypes.Variable[]): FlatState {
      const names = variables.map((x) => x.name);
      const key = names.join('\n');
      const old = this.state;
      if (old && old.key === key) return old;
      if (old) {
        const m = old.names.length === 1 ? [old.m] : tf.split(old.m, old.sizes);
        const v = old.names.length === 1 ? [old.v] : tf.split(old.v, old.sizes);
        old.names.forEach((name, i) => {
          tf.dispose(this.parked.get(name) ?? []);
          this.parked.set(name, [tf.keep(m[i].clone()), tf.keep(v[i].clone())]);
        });
        tf.dispose([old.m, old.v, ...m, ...v]);
      }
      const join = (which: 0 | 1) =>
        tf.tidy(() => {
          const parts = variables.map((x) => this.parked.get(x.name)?.[which] ?? tf.zeros([x.size]));
          return tf.variable(parts.length === 1 ? parts[0].clone() : tf.concat(parts), false);
        });
      const state: FlatState = { key, names, sizes: variables.map((x) => x.size), m: join(0), v: join(1) };
      for (const name of names) {
        tf.dispose(this.parked.get(name) ?? []);
        this.parked.delete(name);
      }
      this.state = state;
      return state;
    }

    override dispose(): void {
      if (this.state) tf.dispose([this.state.m, this.state.v]);
      for (const pair of this.parked.values()) tf.dispose(pair);
      this.parked.clear();
      this.state = null;
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

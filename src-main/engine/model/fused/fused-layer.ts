/**
 * The fused recurrent layer: a tfjs-layers `Layer` whose weights are exactly those of the
 * standard LSTM / GRU / SimpleRNN (or of a Bidirectional wrapper around one: forward weights,
 * then backward), so a model can be converted to standard layers by copying weights in order.
 * The time loop runs in TensorFlow kernels instead of tfjs-layers' per-step JS loop.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import type { Cell } from '../../../shared/spec';
import { fusedGruSequence } from './fused-gru';
import { fusedLstmSequence } from './fused-lstm';
import { fusedSimpleRnnSequence, type FusedSimpleRnnActivation } from './fused-simple-rnn';
import { getRawOps, type RawOps } from './raw-ops';
import { nativeConcatBidirectionalKernel, nativeDirectionKernel } from '../kernels/kernel-choice';

type Tensor = tfTypes.Tensor;
type Shape = (number | null)[];
type LayerVariable = tfTypes.LayerVariable;

/** What a fused layer computes; everything else a standard layer would need is implied. */
export interface FusedLayerConfig {
  cell: Cell;
  units: number;
  /** tanh for LSTM / GRU; any of FUSED_SIMPLE_RNN_ACTIVATIONS for SimpleRNN. */
  activation: string;
  returnSequences: boolean;
  /** Input dropout rate; one mask per sequence and feature, shared by all steps. */
  dropout: number;
  bidirectional: boolean;
  merge: 'concat' | 'sum' | 'ave' | 'mul';
  seed: number;
  name?: string;
  inputShape?: number[];
}

/** A layer made by `createFusedLayer`. */
export interface FusedRecurrentLayer extends tfTypes.layers.Layer {
  readonly fusedConfig: FusedLayerConfig;
}

const GATES: Record<Cell, number> = { LSTM: 4, GRU: 3, SimpleRNN: 1 };

interface DirectionWeights {
  kernel: LayerVariable;
  recurrentKernel: LayerVariable;
  bias: LayerVariable;
}

/** A direction's kernel, recurrent kernel and bias, as tensors. */
function readWeights(weights: DirectionWeights): [Tensor, Tensor, Tensor] {
  return [weights.kernel.read(), weights.recurrentKernel.read(), weights.bias.read()];
}

type FusedLayerClass = new (config: FusedLayerConfig) => FusedRecurrentLayer;
const classes = new WeakMap<object, Record<Cell, FusedLayerClass>>();

/** True for layers made by `createFusedLayer`. */
export function isFusedLayer(layer: tfTypes.layers.Layer): layer is FusedRecurrentLayer {
  return 'fusedConfig' in layer;
}

/** Creates a fused recurrent layer; it runs only while the native TensorFlow backend is active. */
export function createFusedLayer(tf: Tf, config: FusedLayerConfig): FusedRecurrentLayer {
  let perCell = classes.get(tf.layers.Layer);
  if (!perCell) {
    perCell = defineFusedLayers(tf);
    classes.set(tf.layers.Layer, perCell);
  }
  return new perCell[config.cell](config);
}

/**
 * The classes are built from the caller's tfjs so they always extend that instance's `Layer`;
 * one subclass per cell gives each its own class name (and default layer names).
 */
function defineFusedLayers(tf: Tf): Record<Cell, FusedLayerClass> {
  class FusedRecurrent extends tf.layers.Layer implements FusedRecurrentLayer {
    readonly fusedConfig: FusedLayerConfig;
    private directions: DirectionWeights[] = [];

    constructor(config: FusedLayerConfig) {
      super({ name: config.name, ...(config.inputShape ? { inputShape: config.inputShape } : {}) });
      this.fusedConfig = { ...config };
    }

    override build(inputShape: Shape | Shape[]): void {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const inputDim = shape[shape.length - 1];
      if (shape.length !== 3 || inputDim == null) {
        throw new Error(`${this.name} expects input [batch, steps, features], got [${shape.join(', ')}].`);
      }
      this.directions = addDirectionWeights(
        tf,
        (name, shape, init) => this.addWeight(name, shape, 'float32', init),
        this.fusedConfig,
        inputDim,
      );
      this.built = true;
    }

    override computeOutputShape(inputShape: Shape | Shape[]): Shape {
      const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
      const { units, bidirectional, merge, returnSequences } = this.fusedConfig;
      const width = bidirectional && merge === 'concat' ? 2 * units : units;
      return returnSequences ? [shape[0], shape[1], width] : [shape[0], width];
    }

    override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
      return tf.tidy(() => {
        const ops = getRawOps(tf);
        if (!ops) {
          throw new Error(`${this.name} runs on fused native kernels; the current backend is '${tf.getBackend()}'.`);
        }
        const { dropout, bidirectional } = this.fusedConfig;
        let x = Array.isArray(inputs) ? inputs[0] : inputs;
        if (x.rank !== 3) throw new Error(`${this.name} expects input [batch, steps, features], got rank ${x.rank}.`);
        if (x.dtype !== 'float32') x = tf.cast(x, 'float32');
        if (kwargs.training === true && dropout > 0) {
          // One mask per sequence and feature, reused at every step (as tfjs-layers does).
          const [batch, , features] = x.shape as number[];
          x = tf.dropout(x, dropout, [batch, 1, features]);
        }
        const { cell, activation, returnSequences, merge } = this.fusedConfig;
        const [forwardWeights, backwardWeights] = this.directions;
        // Ours read the batch-major input as it is and run the backward direction from the
        // end, so no transpose or reverse is needed either way.
        const layout = { output: returnSequences ? ('sequence' as const) : ('last' as const), batchMajor: true };
        // Both directions joined in one call: no TensorFlow concat (or split and add backward).
        const joined =
          bidirectional && merge === 'concat'
            ? nativeConcatBidirectionalKernel(tf, cell, activation, returnSequences)
            : null;
        if (joined) return joined(x, readWeights(forwardWeights), readWeights(backwardWeights), layout);
        // Our own kernels when they are built and measured faster; TensorFlow's fused ops otherwise.
        const native = nativeDirectionKernel(tf, cell, activation, returnSequences);
        if (native) {
          const run = (weights: DirectionWeights, reversed: boolean) =>
            native(x, ...readWeights(weights), { ...layout, reversed });
          return this.merge(run(forwardWeights, false), bidirectional ? run(backwardWeights, true) : null);
        }
        const timeMajor = tf.transpose(x, [1, 0, 2]);
        const forward = this.runTensorflowDirection(ops, timeMajor, forwardWeights, false);
        const backward = bidirectional
          ? this.runTensorflowDirection(ops, tf.reverse(timeMajor, 0), backwardWeights, true)
          : null;
        return this.merge(forward, backward);
      });
    }

    /** The layer's output from its directions' outputs (the forward one alone when not bidirectional). */
    private merge(forward: Tensor, backward: Tensor | null): Tensor {
      if (!backward) return forward;
      const { merge } = this.fusedConfig;
      if (merge === 'concat') return tf.concat([forward, backward], -1);
      if (merge === 'sum') return tf.add(forward, backward);
      if (merge === 'ave') return tf.mul(tf.add(forward, backward), 0.5);
      return tf.mul(forward, backward);
    }

    /** One direction on TensorFlow's fused ops: its hidden states [B,T,U] or its last state [B,U]. */
    private runTensorflowDirection(ops: RawOps, x: Tensor, weights: DirectionWeights, reversed: boolean): Tensor {
      const [kernel, recurrentKernel, bias] = readWeights(weights);
      const { cell, activation, returnSequences } = this.fusedConfig;
      const hidden =
        cell === 'LSTM'
          ? fusedLstmSequence(ops, x, kernel, recurrentKernel, bias)
          : cell === 'GRU'
            ? fusedGruSequence(ops, x, kernel, recurrentKernel, bias)
            : fusedSimpleRnnSequence(ops, x, kernel, recurrentKernel, bias, activation as FusedSimpleRnnActivation);
      return this.finish(hidden, reversed, returnSequences);
    }

    /** Batch-major sequence, or the last state; a backward pass is put back in time order. */
    private finish(hidden: Tensor, reversed: boolean, returnSequences: boolean): Tensor {
      const [steps, batch, units] = hidden.shape;
      if (!returnSequences) return tf.reshape(tf.slice(hidden, [steps - 1, 0, 0], [1, -1, -1]), [batch, units]);
      return tf.transpose(reversed ? tf.reverse(hidden, 0) : hidden, [1, 0, 2]);
    }

    override getConfig(): tfTypes.serialization.ConfigDict {
      const { cell, units, activation, returnSequences, dropout, bidirectional, merge, seed } = this.fusedConfig;
      return {
        ...super.getConfig(),
        cell,
        units,
        activation,
        returnSequences,
        dropout,
        bidirectional,
        merge,
        seed,
      };
    }
  }
  return {
    LSTM: class FusedLSTM extends FusedRecurrent {
      static readonly className = 'FusedLSTM';
    },
    GRU: class FusedGRU extends FusedRecurrent {
      static readonly className = 'FusedGRU';
    },
    SimpleRNN: class FusedSimpleRNN extends FusedRecurrent {
      static readonly className = 'FusedSimpleRNN';
    },
  };
}

/**
 * The kernel, recurrent kernel and bias of each direction, with the same initializers as the
 * standard layers (and, like tfjs' Bidirectional, the same seeds both ways), so a fused and a
 * standard run start from the same weights.
 */
function addDirectionWeights(
  tf: Tf,
  addWeight: (
    name: string,
    shape: number[],
    init: ReturnType<Tf['initializers']['zeros']>,
  ) => DirectionWeights['kernel'],
  config: FusedLayerConfig,
  inputDim: number,
): DirectionWeights[] {
  const { cell, units, seed, bidirectional } = config;
  const width = GATES[cell] * units;
  const prefixes = bidirectional ? ['forward/', 'backward/'] : [''];
  return prefixes.map((prefix) => {
    const kernel = addWeight(`${prefix}kernel`, [inputDim, width], tf.initializers.glorotUniform({ seed }));
    const recurrentKernel = addWeight(
      `${prefix}recurrent_kernel`,
      [units, width],
      tf.initializers.orthogonal({ seed: seed + 1 }),
    );
    const bias = addWeight(`${prefix}bias`, [width], tf.initializers.zeros());
    if (cell === 'LSTM') {
      // unitForgetBias: the forget block (second of i, f, c, o) starts at 1.
      tf.tidy(() => {
        bias.write(tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]));
      });
    }
    return { kernel, recurrentKernel, bias };
  });
}

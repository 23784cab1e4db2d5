/**
 * Turns the architecture part of a spec into a tfjs LayersModel: token input (embedding or
 * one-hot) for text tasks, stacked recurrent layers with return-sequences wired between
 * them, optional hidden dense layers and an output head sized for the task.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { createRecurrentLayer } from './fused/index';
import { effectiveOutputActivation } from '../../shared/spec';
import type { ExperimentSpec } from '../../shared/spec';
import type { ModelSummary } from '../../shared/types';
import type { Tf } from '../../tensorflow/load-tf';

/** Sizes the data fixes, which the spec alone does not. */
export interface ModelDims {
  /** Steps per input window (lookback, or the text length). */
  timesteps: number;
  /** Values per step for numeric inputs. */
  features: number;
  /** Forecast targets per step. */
  outputs: number;
  horizon: number;
  /** Text tasks: vocabulary size including padding (0) and out-of-vocabulary (1). */
  vocabSize?: number;
  /** Classification and labeling tasks: number of classes. */
  classCount?: number;
}

export interface BuiltModel {
  model: tfTypes.LayersModel;
  /** How many recurrent layers run on fused native kernels. */
  fusedLayers: number;
  /** Lines for the run's log (e.g. why a layer is not fused). */
  notes: string[];
}

const TEXT_TASKS = new Set(['text-classification', 'text-generation']);

/** True when the model reads token ids rather than numeric values. */
export function readsTokens(spec: ExperimentSpec): boolean {
  return TEXT_TASKS.has(spec.task) || (spec.task === 'sequence-labeling' && spec.data.text.column !== null);
}

/** Builds the (uncompiled) model; the custom train loop owns optimizer and loss. */
export function buildModel(tf: Tf, spec: ExperimentSpec, dims: ModelDims, opts: { fused: boolean }): BuiltModel {
  const holder: { built?: BuiltModel } = {};
  // Some initializers (the LSTM forget-gate bias) leave temporary tensors behind; the weights
  // themselves are variables, which tidy keeps.
  tf.tidy(() => {
    holder.built = build(tf, spec, dims, opts);
  });
  if (!holder.built) throw new Error('The model could not be built.');
  return holder.built;
}

function build(tf: Tf, spec: ExperimentSpec, dims: ModelDims, opts: { fused: boolean }): BuiltModel {
  const seed = spec.training.seed;
  const notes: string[] = [];
  const tokens = readsTokens(spec);
  const input = tf.input({ shape: tokens ? [dims.timesteps] : [dims.timesteps, dims.features], name: 'input' });
  let x: tfTypes.SymbolicTensor = input;

  if (tokens) {
    const vocab = requirePositive(dims.vocabSize, 'vocabulary size');
    // One-hot is an embedding with fixed identity weights: standard layers, so exports stay portable.
    const onehot = spec.model.input === 'onehot';
    x = tf.layers
      .embedding({
        inputDim: vocab,
        outputDim: onehot ? vocab : spec.model.embeddingDim,
        embeddingsInitializer: onehot
          ? tf.initializers.identity({})
          : tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed }),
        trainable: !onehot,
        name: onehot ? 'onehot' : 'embedding',
      })
      .apply(x) as tfTypes.SymbolicTensor;
  }

  let fusedLayers = 0;
  const layers = spec.model.layers;
  layers.forEach((layerSpec, i) => {
    const last = i === layers.length - 1;
    const choice = createRecurrentLayer(
      tf,
      spec.model.cell,
      {
        units: layerSpec.units,
        activation: spec.model.activation,
        recurrentActivation: spec.model.recurrentActivation,
        // Stacked layers need the whole sequence; labeling needs one output per step.
        returnSequences: !last || spec.task === 'sequence-labeling',
        dropout: layerSpec.dropout,
        recurrentDropout: layerSpec.recurrentDropout,
        bidirectional: layerSpec.bidirectional,
        merge: layerSpec.merge,
        seed: seed + 101 * (i + 1),
        name: `recurrent_${i + 1}`,
      },
      opts.fused,
    );
    if (choice.fused) fusedLayers += 1;
    if (choice.note) notes.push(`Recurrent layer ${i + 1}: ${choice.note}`);
    x = choice.layer.apply(x) as tfTypes.SymbolicTensor;
  });

  const perStep = spec.task === 'sequence-labeling';
  const dense = (config: tfTypes.layers.Layer) =>
    (perStep ? tf.layers.timeDistributed({ layer: config }) : config).apply(x) as tfTypes.SymbolicTensor;
  spec.model.denseLayers.forEach((units, i) => {
    x = dense(
      tf.layers.dense({
        units,
        activation: spec.model.denseActivation as never,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1009 * (i + 1) }),
        name: `dense_${i + 1}`,
      }),
    );
  });

  const head = outputHead(spec, dims);
  x = dense(
    tf.layers.dense({
      units: head.units,
      activation: head.activation as never,
      // Forecast heads start at zero: an untrained network then predicts exactly the baseline
      // the target transform adds back (naive or seasonal naive), never something worse.
      kernelInitializer: head.zeroInit ? 'zeros' : tf.initializers.glorotUniform({ seed: seed + 7919 }),
      biasInitializer: 'zeros',
      name: 'output',
    }),
  );
  const model = tf.model({ inputs: input, outputs: x, name: 'recurrent_studio' });
  return { model, fusedLayers, notes };
}

/** Units and activation of the output layer for the task. */
export function outputHead(
  spec: ExperimentSpec,
  dims: ModelDims,
): { units: number; activation: string; zeroInit: boolean } {
  const classes = dims.classCount ?? 2;
  const activation = effectiveOutputActivation(spec, classes);
  switch (spec.task) {
    case 'forecast':
      return { units: dims.horizon * dims.outputs, activation, zeroInit: true };
    case 'text-generation':
      return { units: requirePositive(dims.vocabSize, 'vocabulary size'), activation, zeroInit: false };
    default:
      // Two classes with a sigmoid need one unit (probability of the second class).
      return { units: classes <= 2 && activation === 'sigmoid' ? 1 : classes, activation, zeroInit: false };
  }
}

/** A Keras-style summary (layer, output shape, parameters) for the live architecture view. */
export function summarizeModel(
  tf: Tf,
  spec: ExperimentSpec,
  dims: ModelDims,
  /** Builds the network when a task has its own (e.g. sequence to sequence); the stacked one otherwise. */
  build?: () => BuiltModel,
): ModelSummary {
  const problems: ModelSummary['problems'] = [];
  // The standard layers describe shapes and parameter counts exactly; no need for fused kernels here.
  const { model } = build ? build() : buildModel(tf, spec, dims, { fused: false });
  try {
    const layers = model.layers.map((layer) => ({
      name: layer.name,
      className: layer.getClassName(),
      outputShape: firstShape(layer.outputShape),
      params: layer.countParams(),
    }));
    const trainableParams = model.trainableWeights.reduce((n, w) => n + sizeOf(w.shape as number[]), 0);
    const totalParams = layers.reduce((n, l) => n + l.params, 0);
    if (dims.timesteps > 500 && spec.model.cell === 'SimpleRNN') {
      problems.push({
        path: 'model.cell',
        message: 'A SimpleRNN forgets over long windows; LSTM or GRU usually learn windows this long far better.',
      });
    }
    return {
      layers,
      totalParams,
      trainableParams,
      inputShape: firstShape(model.inputs[0].shape as tfTypes.Shape),
      ...(dims.classCount !== undefined ? { classCount: dims.classCount } : {}),
      problems,
    };
  } finally {
    model.dispose();
  }
}

function firstShape(shape: tfTypes.Shape | tfTypes.Shape[]): (number | null)[] {
  const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tfTypes.Shape;
  return s.map((d) => (d === undefined ? null : d));
}

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function requirePositive(n: number | undefined, what: string): number {
  if (!n || n < 1) throw new Error(`The model needs the ${what}, which the data did not provide.`);
  return n;
}

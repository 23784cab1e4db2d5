/**
 * The encoder–decoder network. Training sees one model whose single input holds the source ids
 * followed by the decoder input (start + target, teacher forcing), cut apart by standard
 * cropping layers so the shared training loop, checkpoints and saving work unchanged.
 *
 * Every layer of the graph has a single output. tfjs-layers runs a layer once per output a
 * graph uses (and an RNN's initial states leak into the next RNN's call), so the encoder's final
 * state is cut from its output sequence (its last step; for a bidirectional layer the forward
 * half's last step and the backward half's first) instead of being returned as states. An LSTM
 * decoder's starting cell state comes from that final state through a small dense "bridge".
 * Standard tfjs-layers recurrent layers are used: the fused kernels cannot start from a state.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { createStandardLayer } from '../../model/fused/standard-layer';
import type { BuiltModel } from '../../model/model-builder';
import type { ExperimentSpec } from '../../../shared/spec';
import type { Tf } from '../../../tensorflow/load-tf';

type Sym = tfTypes.SymbolicTensor;
type Layer = tfTypes.layers.Layer;

/** Sizes the data fixes. */
export interface PairDims {
  sourceLength: number;
  /** Decoder steps (target maximum length + 1). */
  targetLength: number;
  sourceVocab: number;
  targetVocab: number;
}

/** Units of the encoder's final state, which is also the decoder's size. */
export function decoderUnits(spec: ExperimentSpec): number {
  const last = spec.model.layers[spec.model.layers.length - 1];
  return last.units * (last.bidirectional ? 2 : 1);
}

const embeddingName = (spec: ExperimentSpec, side: 'source' | 'target') =>
  spec.seq2seq.sharedVocabulary ? 'embedding' : `${side}_embedding`;

/** Builds the training model (uncompiled; the custom train loop owns optimizer and loss). */
export function buildSeq2seqModel(tf: Tf, spec: ExperimentSpec, dims: PairDims): BuiltModel {
  const holder: { built?: BuiltModel } = {};
  // Initializers may leave temporary tensors; the weights are variables, which tidy keeps.
  tf.tidy(() => {
    holder.built = build(tf, spec, dims);
  });
  if (!holder.built) throw new Error('The model could not be built.');
  return holder.built;
}

function build(tf: Tf, spec: ExperimentSpec, dims: PairDims): BuiltModel {
  const { sourceLength: S, targetLength: T } = dims;
  const input = tf.input({ shape: [S + T], name: 'input' });
  const grid = tf.layers.reshape({ targetShape: [S + T, 1, 1], name: 'pair_grid' }).apply(input) as Sym;
  const cut = (name: string, crop: [number, number], steps: number) =>
    tf.layers
      .reshape({ targetShape: [steps], name: `${name}_tokens` })
      .apply(tf.layers.cropping2D({ cropping: [crop, [0, 0]], name: `${name}_crop` }).apply(grid) as Sym) as Sym;
  const sourceIds = cut('source', [0, T], S);
  const targetIds = cut('target', [S, 0], T);

  const net = new Seq2seqLayers(tf, spec, createLayers(tf, spec, dims));
  const encoded = net.encode(sourceIds) as { outputs: Sym; states: Sym[] };
  const decoderInput = net.layer(embeddingName(spec, 'target')).apply(targetIds) as Sym;
  const sequence = net.layer('decoder').apply(decoderInput, { initialState: encoded.states }) as Sym;
  const probabilities = net.head(sequence, encoded.outputs).probabilities as Sym;
  const model = tf.model({ inputs: input, outputs: probabilities, name: 'recurrent_studio_seq2seq' });
  const last = spec.model.layers[spec.model.layers.length - 1];
  const notes = [
    `Encoder: ${spec.model.layers.length} ${spec.model.cell} layer(s)${last.bidirectional ? ', the last bidirectional (its two final states joined)' : ''}; decoder: one ${spec.model.cell} of ${decoderUnits(spec)} units started from the encoder's final state${spec.seq2seq.attention !== 'none' ? `, with Luong ${spec.seq2seq.attention} attention` : ''}. Standard layers: the fused kernels cannot start from a state.`,
  ];
  if (last.bidirectional && last.merge !== 'concat') {
    notes.push('The last encoder layer joins its two directions side by side (concat), so each keeps its final state.');
  }
  return { model, fusedLayers: 0, notes };
}

/** Creates every layer of the network once, by name. */
function createLayers(tf: Tf, spec: ExperimentSpec, dims: PairDims): Map<string, Layer> {
  const seed = spec.training.seed;
  const layers = new Map<string, Layer>();
  const add = (layer: Layer) => layers.set(layer.name, layer);
  const embedding = (vocab: number, name: string, s: number) => {
    const onehot = spec.model.input === 'onehot';
    return tf.layers.embedding({
      inputDim: vocab,
      outputDim: onehot ? vocab : spec.model.embeddingDim,
      embeddingsInitializer: onehot
        ? tf.initializers.identity({})
        : tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: s }),
      trainable: !onehot,
      name,
    });
  };
  add(embedding(dims.sourceVocab, embeddingName(spec, 'source'), seed));
  if (!spec.seq2seq.sharedVocabulary) add(embedding(dims.targetVocab, embeddingName(spec, 'target'), seed + 1));
  const recurrent = {
    activation: spec.model.activation,
    recurrentActivation: spec.model.recurrentActivation,
    returnSequences: true,
  };
  spec.model.layers.forEach((l, i) => {
    const last = i === spec.model.layers.length - 1;
    add(
      createStandardLayer(tf, spec.model.cell, {
        ...recurrent,
        units: l.units,
        dropout: l.dropout,
        recurrentDropout: l.recurrentDropout,
        bidirectional: l.bidirectional,
        merge: last ? 'concat' : l.merge,
        seed: seed + 101 * (i + 1),
        name: `encoder_${i + 1}`,
      }),
    );
  });
  const units = decoderUnits(spec);
  add(
    createStandardLayer(tf, spec.model.cell, {
      ...recurrent,
      units,
      dropout: 0,
      recurrentDropout: 0,
      bidirectional: false,
      merge: 'concat',
      seed: seed + 4001,
      name: 'decoder',
    }),
  );
  const dense = (name: string, n: number, activation: 'tanh' | 'softmax' | 'linear', offset: number, useBias = true) =>
    add(
      tf.layers.dense({
        units: n,
        activation,
        useBias,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + offset }),
        name,
      }),
    );
  if (spec.model.cell === 'LSTM') dense('decoder_start_c', units, 'tanh', 4003);
  if (spec.seq2seq.attention !== 'none') {
    if (spec.seq2seq.attention === 'general') dense('attention_keys', units, 'linear', 5003, false);
    add(tf.layers.dot({ axes: [2, 2], name: 'attention_scores' }));
    add(tf.layers.activation({ activation: 'softmax', name: 'attention_weights' }));
    add(tf.layers.dot({ axes: [2, 1], name: 'attention_context' }));
    add(tf.layers.concatenate({ axis: -1, name: 'attention_join' }));
    dense('attention_combine', units, 'tanh', 5009);
  }
  dense('output', dims.targetVocab, 'softmax', 7919);
  return layers;
}

type AnyTensor = Sym | tfTypes.Tensor;

/**
 * The layers of one network by name, wired the same way whether they run inside the training
 * graph (symbolic tensors) or one step at a time while decoding (concrete tensors). A model read
 * back from model.json gives the same layers by name, so it decodes exactly as the one trained.
 */
export class Seq2seqLayers {
  constructor(
    private readonly tf: Tf,
    private readonly spec: ExperimentSpec,
    private readonly layers: Map<string, Layer>,
  ) {}

  /** The layers of a trained (or loaded) training model. */
  static of(tf: Tf, spec: ExperimentSpec, model: tfTypes.LayersModel): Seq2seqLayers {
    return new Seq2seqLayers(tf, spec, new Map(model.layers.map((l) => [l.name, l])));
  }

  layer(name: string): Layer {
    const layer = this.layers.get(name);
    if (!layer) throw new Error(`The sequence-to-sequence model has no '${name}' layer; it was not saved by this app.`);
    return layer;
  }

  has(name: string): boolean {
    return this.layers.has(name);
  }

  /** Runs the encoder; returns its output sequence and the decoder's starting states. */
  encode(sourceIds: AnyTensor): { outputs: AnyTensor; states: AnyTensor[] } {
    const tf = this.tf;
    let x = this.layer(embeddingName(this.spec, 'source')).apply(sourceIds) as AnyTensor;
    this.spec.model.layers.forEach((_, i) => {
      x = this.layer(`encoder_${i + 1}`).apply(x) as AnyTensor;
    });
    const [, S, H] = x.shape as number[];
    const last = this.spec.model.layers[this.spec.model.layers.length - 1];
    // One step and some features of the [B, S, H] sequence, as [B, width]: standard layers only.
    const slice = (name: string, step: number, from: number, width: number) =>
      tf.layers.reshape({ targetShape: [width] }).apply(
        tf.layers
          .cropping2D({
            cropping: [
              [step, S - 1 - step],
              [from, H - from - width],
            ],
            name: `${name}_crop`,
          })
          .apply(tf.layers.reshape({ targetShape: [S, H, 1] }).apply(x) as AnyTensor) as AnyTensor,
      ) as AnyTensor;
    let final: AnyTensor;
    if (last.bidirectional) {
      const half = H / 2;
      final = tf.layers
        .concatenate({ axis: -1 })
        .apply([
          slice('encoder_forward', S - 1, 0, half),
          slice('encoder_backward', 0, half, half),
        ] as never) as AnyTensor;
    } else {
      final = slice('encoder_final', S - 1, 0, H);
    }
    const states =
      this.spec.model.cell === 'LSTM' ? [final, this.layer('decoder_start_c').apply(final) as AnyTensor] : [final];
    return { outputs: x, states };
  }

  /**
   * Output probabilities of decoder outputs [B, T, H] (attention over the encoder outputs when
   * on), with the attention weights [B, T, S].
   */
  head(sequence: AnyTensor, encoderOutputs: AnyTensor): { probabilities: AnyTensor; weights: AnyTensor | null } {
    let features = sequence;
    let weights: AnyTensor | null = null;
    if (this.spec.seq2seq.attention !== 'none') {
      const keys = this.has('attention_keys')
        ? (this.layer('attention_keys').apply(encoderOutputs) as AnyTensor)
        : encoderOutputs;
      const scores = this.layer('attention_scores').apply([sequence, keys] as never) as AnyTensor;
      weights = this.layer('attention_weights').apply(scores) as AnyTensor;
      const context = this.layer('attention_context').apply([weights, encoderOutputs] as never) as AnyTensor;
      const joined = this.layer('attention_join').apply([context, sequence] as never) as AnyTensor;
      features = this.layer('attention_combine').apply(joined) as AnyTensor;
    }
    return { probabilities: this.layer('output').apply(features) as AnyTensor, weights };
  }
}

/**
 * The Keras 3 export of a sequence-to-sequence model: two functional models, `encoder.keras`
 * (source ids → encoder outputs and starting states) and `decoder_step.keras` (one token and
 * the states → next-token probabilities, new states and attention weights), wired like the
 * app's layers (seq2seq-model.ts). The final state is cut from the encoder outputs with
 * Cropping2D, as the app does, so both formats compute the same numbers.
 */
import {
  addLayerWeights,
  kerasZip,
  KerasGroupNames,
  layerClass,
  layerConfig,
  weightsH5,
  type JsonObject,
  type JsonValue,
  type WeightGroups,
} from '../keras-export';
import type { ChainLayer } from '../model-chain';
import type { Seq2seqParts } from './seq2seq-parts';

/** A Keras tensor: where it comes from ([layer name, node index, tensor index]), its shape and type. */
interface Ref {
  history: [string, number, number];
  shape: (number | null)[];
  dtype: 'int32' | 'float32';
}

const float = (history: [string, number, number], shape: (number | null)[]): Ref => ({
  history,
  shape,
  dtype: 'float32',
});

/** Builds a Keras 3 functional config and its weights, layer by layer. */
class FunctionalGraph {
  private readonly layers: JsonObject[] = [];
  private readonly names = new KerasGroupNames();
  private readonly weights: WeightGroups = { groups: ['layers', 'vars'], datasets: [] };
  private counter = 0;

  input(name: string, shape: number[], dtype: 'int32' | 'float32'): Ref {
    this.names.next('InputLayer');
    this.layers.push({
      module: 'keras.layers',
      class_name: 'InputLayer',
      config: { batch_shape: [null, ...shape], dtype, sparse: false, name },
      name,
      inbound_nodes: [],
    });
    return { history: [name, 0, 0], shape: [null, ...shape], dtype };
  }

  /** A layer of the exported chain kinds (weights included), applied to `input`. */
  chain(layer: ChainLayer, input: Ref, kwargs: Record<string, Ref[]> = {}): Ref {
    addLayerWeights(this.weights, this.names.next(layerClass(layer)), layer);
    const config = layerConfig(layer);
    if (Object.keys(kwargs).length && layer.kind === 'recurrent') config.return_state = true;
    const name = this.push(layerClass(layer), config, [tensor(input)], kwargs);
    return float([name, 0, 0], chainShape(layer, input.shape));
  }

  /** A layer without weights (Reshape, Cropping2D, Concatenate, Dot, Activation). */
  plain(className: string, config: JsonObject, inputs: Ref | Ref[], shape: (number | null)[], hint: string): Ref {
    this.names.next(className);
    const name = `${hint}_${this.counter++}`;
    const args = Array.isArray(inputs) ? [inputs.map(tensor)] : [tensor(inputs)];
    this.push(className, { ...config, name, trainable: true }, args, {});
    return float([name, 0, 0], shape);
  }

  private push(className: string, config: JsonObject, args: JsonValue[], kwargs: Record<string, Ref[]>): string {
    const name = String(config.name);
    this.layers.push({
      module: 'keras.layers',
      class_name: className,
      config,
      name,
      inbound_nodes: [
        { args, kwargs: Object.fromEntries(Object.entries(kwargs).map(([k, refs]) => [k, refs.map(tensor)])) },
      ],
    });
    return name;
  }

  async file(name: string, inputs: Ref[], outputs: Ref[]): Promise<Uint8Array> {
    const config: JsonObject = {
      module: 'keras.src.models.functional',
      class_name: 'Functional',
      config: {
        name,
        trainable: true,
        layers: this.layers,
        input_layers: inputs.map((r) => r.history),
        output_layers: outputs.map((r) => r.history),
      },
      registered_name: 'Functional',
    };
    const layout = { groups: [...new Set(this.weights.groups)], datasets: this.weights.datasets };
    return kerasZip(config, await weightsH5(layout));
  }
}

function tensor(ref: Ref): JsonObject {
  return { class_name: '__keras_tensor__', config: { shape: ref.shape, dtype: ref.dtype, keras_history: ref.history } };
}

/** The output shape of a chain layer (recurrent layers here return sequences). */
function chainShape(layer: ChainLayer, input: (number | null)[]): (number | null)[] {
  switch (layer.kind) {
    case 'embedding':
      return [...input, layer.outputDim];
    case 'dense':
      return [...input.slice(0, -1), layer.units];
    case 'recurrent':
      return [input[0], input[1], layer.units];
    case 'bidirectional':
      return [input[0], input[1], layer.forward.units * (layer.merge === 'concat' ? 2 : 1)];
    default:
      return input;
  }
}

/** One step and some features of a [batch, S, H] tensor as [batch, width], like the app's cut. */
function cut(g: FunctionalGraph, x: Ref, S: number, H: number, step: number, from: number, width: number): Ref {
  const grid = g.plain('Reshape', { target_shape: [S, H, 1] }, x, [null, S, H, 1], 'grid');
  const cropped = g.plain(
    'Cropping2D',
    {
      cropping: [
        [step, S - 1 - step],
        [from, H - from - width],
      ],
      data_format: 'channels_last',
    },
    grid,
    [null, 1, width, 1],
    'crop',
  );
  return g.plain('Reshape', { target_shape: [width] }, cropped, [null, width], 'final');
}

/** encoder.keras: inputs [source]; outputs [memory, state_h (, state_c)]. */
export async function buildEncoderKeras(parts: Seq2seqParts): Promise<Uint8Array> {
  const g = new FunctionalGraph();
  const S = parts.sourceLength;
  const H = parts.units;
  const source = g.input('source', [S], 'int32');
  let x = g.chain(parts.sourceEmbedding, source);
  for (const layer of parts.encoder) x = g.chain(layer, x);
  const final = parts.bidirectional
    ? g.plain(
        'Concatenate',
        { axis: -1 },
        [cut(g, x, S, H, S - 1, 0, H / 2), cut(g, x, S, H, 0, H / 2, H / 2)],
        [null, H],
        'state_h',
      )
    : cut(g, x, S, H, S - 1, 0, H);
  const outputs = [x, final];
  if (parts.startC) outputs.push(g.chain(parts.startC, final));
  return g.file('encoder', [source], outputs);
}

/** decoder_step.keras: inputs [token [batch, 1], state_h (, state_c) (, memory)]; outputs [probabilities, state_h (, state_c) (, attention)]. */
export async function buildDecoderStepKeras(parts: Seq2seqParts): Promise<Uint8Array> {
  const g = new FunctionalGraph();
  const S = parts.sourceLength;
  const H = parts.units;
  const V = parts.targetVocab;
  const token = g.input('token', [1], 'int32');
  const states = [g.input('state_h', [H], 'float32')];
  if (parts.cell === 'LSTM') states.push(g.input('state_c', [H], 'float32'));
  const attention = parts.attention !== 'none' && parts.attentionCombine;
  const memory = attention ? g.input('memory', [S, H], 'float32') : null;
  const embedded = g.chain(parts.targetEmbedding, token);
  const decoder = g.chain(parts.decoder, embedded, { initial_state: states });
  let features = decoder;
  let weights: Ref | null = null;
  if (memory && parts.attentionCombine) {
    const keys = parts.attentionKeys ? g.chain(parts.attentionKeys, memory) : memory;
    const scores = g.plain('Dot', { axes: [2, 2], normalize: false }, [decoder, keys], [null, 1, S], 'scores');
    weights = g.plain('Activation', { activation: 'softmax' }, scores, [null, 1, S], 'weights');
    const context = g.plain('Dot', { axes: [2, 1], normalize: false }, [weights, memory], [null, 1, H], 'context');
    const joined = g.plain('Concatenate', { axis: -1 }, [context, decoder], [null, 1, 2 * H], 'join');
    features = g.chain(parts.attentionCombine, joined);
  }
  const probabilities = g.plain(
    'Reshape',
    { target_shape: [V] },
    g.chain(parts.output, features),
    [null, V],
    'probabilities',
  );
  const outputs: Ref[] = [probabilities, ...states.map((_, i) => float([decoder.history[0], 0, i + 1], [null, H]))];
  if (weights) outputs.push(g.plain('Reshape', { target_shape: [S] }, weights, [null, S], 'attention'));
  const inputs = memory ? [token, ...states, memory] : [token, ...states];
  return g.file('decoder_step', inputs, outputs);
}

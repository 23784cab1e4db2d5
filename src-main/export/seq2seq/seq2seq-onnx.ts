/**
 * The ONNX export of a sequence-to-sequence model: two graphs, because decoding feeds each
 * written token back in. encoder.onnx runs once per source; decoder_step.onnx runs once per
 * output token (a beam search runs it with one row per beam). Opset and IR version are those
 * of the other ONNX exports.
 *
 * encoder.onnx      source [batch, S] int64 → memory [batch, S, H], state_h [batch, H] (+ state_c for LSTM)
 * decoder_step.onnx token [batch] int64, state_h (+ state_c) [+ memory with attention]
 *                   → probabilities [batch, V], next_state_h (+ next_state_c) [+ attention [batch, S]]
 */
import { addDense, addLayer, addRecurrentNode, ONNX_IR_VERSION, ONNX_OPSET } from '../onnx-export';
import { OnnxGraphBuilder, TensorDataType, type Dim } from '../onnx-graph';
import type { Seq2seqParts } from './seq2seq-parts';

const PRODUCER = 'Recurrent Studio';

/** Graph names of the decoder's states: h, and c for an LSTM. */
export function stateNames(parts: Pick<Seq2seqParts, 'cell'>): string[] {
  return parts.cell === 'LSTM' ? ['state_h', 'state_c'] : ['state_h'];
}

/** The encoder graph's bytes. */
export function buildEncoderOnnx(parts: Seq2seqParts): Uint8Array {
  const g = new OnnxGraphBuilder();
  const S = parts.sourceLength;
  const H = parts.units;
  let x = addLayer(g, 'source', parts.sourceEmbedding);
  for (const layer of parts.encoder) x = addLayer(g, x, layer);
  // One step of the [batch, S, H] outputs as [batch, H].
  const step = (i: number) =>
    g.op('Reshape', [g.op('Gather', [x, g.int64s('step', [i])], { axis: 1 }), g.int64s('shape', [0, -1])]);
  const features = (t: string, from: number, to: number) =>
    g.op('Slice', [t, g.int64s('starts', [from]), g.int64s('ends', [to]), g.int64s('axes', [1])]);
  // The final state as the app cuts it: the last step, or for a bidirectional layer the forward
  // half's last step and the backward half's first (where the backward pass ends).
  const final = parts.bidirectional
    ? g.op('Concat', [features(step(S - 1), 0, H / 2), features(step(0), H / 2, H)], { axis: 1 })
    : step(S - 1);
  g.identity(x, 'memory');
  g.identity(final, 'state_h');
  const outputs: { name: string; dims: Dim[] }[] = [
    { name: 'memory', dims: ['batch', S, H] },
    { name: 'state_h', dims: ['batch', H] },
  ];
  if (parts.cell === 'LSTM') {
    if (!parts.startC) throw new Error('An LSTM sequence-to-sequence model has no decoder_start_c layer.');
    g.identity(addDense(g, final, parts.startC), 'state_c');
    outputs.push({ name: 'state_c', dims: ['batch', H] });
  }
  return g.encodeGraph({
    inputs: [{ name: 'source', elemType: TensorDataType.INT64, dims: ['batch', S] }],
    outputs,
    opset: ONNX_OPSET,
    irVersion: ONNX_IR_VERSION,
    producer: PRODUCER,
    docString:
      'Recurrent Studio sequence-to-sequence encoder: source token ids (padding first) to encoder outputs and the decoder starting states.',
    metadata: {},
  });
}

/** The one-step decoder graph's bytes. */
export function buildDecoderStepOnnx(parts: Seq2seqParts): Uint8Array {
  const g = new OnnxGraphBuilder();
  const S = parts.sourceLength;
  const H = parts.units;
  const V = parts.targetVocab;
  const E = parts.targetEmbedding.outputDim;
  const states = stateNames(parts);
  const embedded = addLayer(g, 'token', parts.targetEmbedding);
  const timeMajor = g.op('Reshape', [embedded, g.int64s('shape', [1, -1, E])]);
  const initial = states.map((s) => g.op('Reshape', [s, g.int64s('shape', [1, -1, H])]));
  const [, yh, yc] = addRecurrentNode(g, timeMajor, [parts.decoder], 'decoder', initial);
  const output = g.op('Reshape', [yh, g.int64s('shape', [-1, H])]);
  let probabilities: string;
  let weights: string | null = null;
  if (parts.attention !== 'none') {
    if (!parts.attentionCombine)
      throw new Error('A sequence-to-sequence model with attention has no attention_combine layer.');
    // Luong attention over the encoder outputs, as seq2seq-model.ts wires it (one decoder step).
    const query = g.op('Reshape', [output, g.int64s('shape', [-1, 1, H])]);
    const keys = parts.attentionKeys ? addDense(g, 'memory', parts.attentionKeys) : 'memory';
    const scores = g.op('MatMul', [query, g.op('Transpose', [keys], { perm: [0, 2, 1] })]);
    const w = g.op('Softmax', [scores], { axis: -1 });
    const context = g.op('MatMul', [w, 'memory']);
    const joined = g.op('Concat', [context, query], { axis: -1 });
    const combined = addDense(g, joined, parts.attentionCombine);
    probabilities = g.op('Reshape', [addDense(g, combined, parts.output), g.int64s('shape', [-1, V])]);
    weights = g.op('Reshape', [w, g.int64s('shape', [-1, S])]);
  } else {
    probabilities = addDense(g, output, parts.output);
  }
  g.identity(probabilities, 'probabilities');
  g.identity(output, 'next_state_h');
  const outputs: { name: string; dims: Dim[] }[] = [
    { name: 'probabilities', dims: ['batch', V] },
    { name: 'next_state_h', dims: ['batch', H] },
  ];
  if (parts.cell === 'LSTM') {
    g.identity(g.op('Reshape', [yc, g.int64s('shape', [-1, H])]), 'next_state_c');
    outputs.push({ name: 'next_state_c', dims: ['batch', H] });
  }
  if (weights) {
    g.identity(weights, 'attention');
    outputs.push({ name: 'attention', dims: ['batch', S] });
  }
  const inputs = [
    { name: 'token', elemType: TensorDataType.INT64, dims: ['batch'] as Dim[] },
    ...states.map((name) => ({ name, elemType: TensorDataType.FLOAT, dims: ['batch', H] as Dim[] })),
  ];
  if (weights) inputs.push({ name: 'memory', elemType: TensorDataType.FLOAT, dims: ['batch', S, H] });
  return g.encodeGraph({
    inputs,
    outputs,
    opset: ONNX_OPSET,
    irVersion: ONNX_IR_VERSION,
    producer: PRODUCER,
    docString:
      'Recurrent Studio sequence-to-sequence decoder step: the previous token and states to next-token probabilities and new states.',
    metadata: {},
  });
}

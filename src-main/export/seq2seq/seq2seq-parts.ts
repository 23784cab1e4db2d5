/**
 * A trained sequence-to-sequence model described for export as its two parts: the encoder
 * (source ids → encoder outputs and the decoder's starting states) and one decoder step
 * (previous token and states, with the encoder outputs when attention is on → next-token
 * probabilities and new states). The layers are those the app decodes with (seq2seq-model.ts),
 * read by name from model.json with the trained weights.
 */
import { loadFolderModel } from '../../engine/model/load-model-folder';
import type { ModelFolder } from '../../engine/model/model-folder';
import type { PreprocessingFile } from '../../shared/preprocessing';
import type { Tf } from '../../tensorflow/load-tf';
import {
  describeLayer,
  UnsupportedModelError,
  type BidirectionalLayer,
  type ChainLayer,
  type DenseLayer,
  type EmbeddingLayer,
  type RecurrentLayer,
  type TensorData,
} from '../model-chain';

export interface Seq2seqParts {
  cell: RecurrentLayer['cell'];
  attention: 'none' | 'dot' | 'general';
  /** Source steps the encoder reads (padding first). */
  sourceLength: number;
  /** Width of the encoder outputs and of the decoder's state. */
  units: number;
  /** Whether the encoder's last layer is bidirectional (its final state joins the forward half's last step and the backward half's first). */
  bidirectional: boolean;
  sourceEmbedding: EmbeddingLayer;
  encoder: (RecurrentLayer | BidirectionalLayer)[];
  targetEmbedding: EmbeddingLayer;
  decoder: RecurrentLayer;
  /** LSTM only: the dense bridge from the encoder's final state to the decoder's starting cell state. */
  startC: DenseLayer | null;
  /** `general` attention only: keys = encoder outputs · W. */
  attentionKeys: DenseLayer | null;
  /** Attention only: tanh(W · [context, decoder output] + b). */
  attentionCombine: DenseLayer | null;
  output: DenseLayer;
  /** Target vocabulary size (the output's width). */
  targetVocab: number;
}

type Json = Record<string, unknown>;

/** model.json's layers by name: class name and snake_case config. */
function topologyByName(topology: unknown): Map<string, { className: string; config: Json }> {
  const root = (topology ?? {}) as Json;
  const modelConfig = (root.model_config ?? root) as Json;
  const layers = ((modelConfig.config as Json | undefined)?.layers ?? []) as Json[];
  const out = new Map<string, { className: string; config: Json }>();
  for (const l of layers) {
    const config = (l.config ?? {}) as Json;
    const name = typeof config.name === 'string' ? config.name : (l.name as string);
    out.set(name, { className: String(l.class_name ?? ''), config });
  }
  return out;
}

/** True when the folder holds a sequence-to-sequence model (its preprocessing says so). */
export function isSeq2seqModel(pre: PreprocessingFile | null): boolean {
  return pre?.task === 'sequence-to-sequence' && !!pre.seq2seq && !!pre.text;
}

/** Loads the folder's model and describes its encoder and decoder step. */
export async function seq2seqPartsFromFolder(tf: Tf, folder: ModelFolder): Promise<Seq2seqParts> {
  const pre = folder.preprocessing;
  if (!pre || !isSeq2seqModel(pre)) {
    throw new UnsupportedModelError('This model has no sequence-to-sequence preprocessing.json to export with.');
  }
  const model = await loadFolderModel(tf, folder);
  try {
    const topology = topologyByName(folder.modelJson.modelTopology);
    const weightsOf = (name: string): TensorData[] =>
      model
        .getLayer(name)
        .getWeights()
        .map((w) => ({ shape: w.shape.slice(), values: Float32Array.from(w.dataSync()) }));
    const describe = (name: string): ChainLayer => {
      const entry = topology.get(name);
      if (!entry) {
        throw new UnsupportedModelError(
          `The sequence-to-sequence model has no '${name}' layer; it was not saved by this app.`,
        );
      }
      return describeLayer(entry.className, entry.config, weightsOf);
    };
    const optional = (name: string) => (topology.has(name) ? describe(name) : null);
    const spec = pre.spec;
    const shared = spec.seq2seq.sharedVocabulary;
    const sourceEmbedding = describe(shared ? 'embedding' : 'source_embedding');
    const targetEmbedding = shared ? sourceEmbedding : describe('target_embedding');
    const encoder = spec.model.layers.map((_, i) => describe(`encoder_${i + 1}`));
    const decoder = describe('decoder');
    const output = describe('output');
    if (
      sourceEmbedding.kind !== 'embedding' ||
      targetEmbedding.kind !== 'embedding' ||
      decoder.kind !== 'recurrent' ||
      output.kind !== 'dense' ||
      encoder.some((l) => l.kind !== 'recurrent' && l.kind !== 'bidirectional')
    ) {
      throw new UnsupportedModelError('The sequence-to-sequence model has layers of unexpected kinds.');
    }
    const dense = (layer: ChainLayer | null) => (layer?.kind === 'dense' ? layer : null);
    const last = spec.model.layers[spec.model.layers.length - 1];
    return {
      cell: decoder.cell,
      attention: spec.seq2seq.attention,
      sourceLength: pre.text?.maxLength ?? spec.data.text.maxLength,
      units: decoder.units,
      bidirectional: last.bidirectional,
      sourceEmbedding,
      encoder: encoder as (RecurrentLayer | BidirectionalLayer)[],
      targetEmbedding,
      decoder,
      startC: dense(optional('decoder_start_c')),
      attentionKeys: dense(optional('attention_keys')),
      attentionCombine: dense(optional('attention_combine')),
      output,
      targetVocab: output.units,
    };
  } finally {
    model.dispose();
  }
}

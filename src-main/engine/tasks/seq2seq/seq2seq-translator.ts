/**
 * A trained pair model ready to write outputs for source texts: the tokenizer and vocabularies
 * it was trained with, its encoder and one-step decoder, and the spec's decoding settings. The
 * evaluation, the try-it box, the CLI and batch predictions all decode through this one class.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { OOV, detokenize, tokenize } from '../../../data/prepare/text';
import { outputLimit } from '../../../shared/seq2seq-spec';
import type { ExperimentSpec } from '../../../shared/spec';
import type { Seq2seqExample } from '../../../shared/types-seq2seq';
import type { Tf } from '../../../tensorflow/load-tf';
import { seededRandom } from '../../training/seeded-random';
import { decode, DecoderSteps, type DecodeOptions, type Decoded } from './seq2seq-decode';
import { PairEncoder, type PairVocabularies } from './seq2seq-data';
import { Seq2seqLayers } from './seq2seq-model';

/** One written output with what the source held that the model does not know. */
export interface Translation {
  produced: string;
  /** Source tokens outside the source vocabulary, each once, in order of appearance. */
  unknownTokens: string[];
  /** Source tokens cut off the front because the source is longer than the model reads. */
  cutTokens: number;
  attention?: Seq2seqExample['attention'];
}

export class Seq2seqTranslator {
  readonly encoder: PairEncoder;
  private readonly models: DecoderSteps;

  constructor(
    private readonly tf: Tf,
    private readonly spec: ExperimentSpec,
    model: tfTypes.LayersModel,
    vocabularies: PairVocabularies,
  ) {
    const t = spec.data.text;
    this.encoder = new PairEncoder(
      vocabularies,
      { tokens: t.tokens, lowercase: t.lowercase },
      t.maxLength,
      spec.seq2seq.targetMaxLength,
    );
    const target = spec.seq2seq.sharedVocabulary ? 'embedding' : 'target_embedding';
    this.models = new DecoderSteps(tf, Seq2seqLayers.of(tf, spec, model), target);
  }

  /** Decoding settings of the spec, with overrides (e.g. greedy for a repeatable score). */
  options(overrides: Partial<DecodeOptions> = {}): DecodeOptions {
    const s = this.spec.seq2seq;
    return {
      method: s.decoding,
      maxLength: outputLimit(s),
      beamWidth: s.beamWidth,
      temperature: s.temperature,
      random: seededRandom(this.spec.training.seed),
      ...overrides,
    };
  }

  /** Writes an output for each source text. */
  translate(sources: readonly string[], opts: DecodeOptions = this.options()): Translation[] {
    const rows = sources.map((s) => this.paddedSource(s));
    const decoded = decode(this.tf, this.models, rows, opts);
    return sources.map((source, i) => this.describe(source, rows[i], decoded[i]));
  }

  private paddedSource(text: string): Int32Array {
    const ids = this.encoder.sourceIds(text);
    const row = new Int32Array(this.encoder.sourceLength);
    row.set(ids, row.length - ids.length);
    return row;
  }

  private describe(source: string, row: Int32Array, d: Decoded): Translation {
    const vocab = this.encoder.vocabularies;
    const t = this.spec.data.text;
    const outputTokens = d.ids.map((id) => vocab.target[id]);
    const sourceTokens = tokenize(source, { tokens: t.tokens, lowercase: t.lowercase });
    const kept = Math.min(sourceTokens.length, row.length);
    const unknownTokens: string[] = [];
    for (const tok of sourceTokens.slice(sourceTokens.length - kept)) {
      if (this.encoder.sourceIds(tok)[0] === OOV && !unknownTokens.includes(tok)) unknownTokens.push(tok);
    }
    const translation: Translation = {
      produced: detokenize(outputTokens, t.tokens),
      unknownTokens,
      cutTokens: sourceTokens.length - kept,
    };
    if (d.attention) {
      // The source sits at the end of the row (padding first): keep the weights of its own steps.
      translation.attention = {
        weights: d.attention.map((w) => w.slice(row.length - kept).map((v) => Math.round(v * 1e4) / 1e4)),
        sourceTokens: sourceTokens.slice(sourceTokens.length - kept),
        outputTokens,
      };
    }
    return translation;
  }
}

/** A sentence about unknown and cut source tokens, or null when the source was read whole. */
export function translationWarning(t: Translation, tokens: 'char' | 'word'): string | null {
  const parts: string[] = [];
  const unit = tokens === 'char' ? 'character' : 'word';
  if (t.unknownTokens.length > 0) {
    const list = t.unknownTokens.map((u) => `'${u}'`).join(', ');
    parts.push(
      `The model never saw the ${unit}${t.unknownTokens.length === 1 ? '' : 's'} ${list} in training; ${t.unknownTokens.length === 1 ? 'it was' : 'they were'} read as unknown.`,
    );
  }
  if (t.cutTokens > 0) {
    parts.push(
      `The source is ${t.cutTokens} ${unit}${t.cutTokens === 1 ? '' : 's'} longer than the model reads; its start was left out.`,
    );
  }
  return parts.length ? parts.join(' ') : null;
}

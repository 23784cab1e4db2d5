/**
 * How labeled sequences become batches: each sequence is cut into pieces of at most T steps,
 * pieces are numbered training first, then validation, then test, and a batch of piece ids is
 * encoded as padded inputs (tokens or scaled features) and per-step labels.
 */
import { fitScaler, type ScalerState } from '../../../data/prepare/scaler';
import { vocabularyIndex } from '../../../data/prepare/text';
import type { ExperimentSpec } from '../../../shared/spec';
import { tokenVocabulary, type LabeledSequences } from './sequence-labeling-data';

/** The label of a padded step: no class, skipped by loss and metrics. */
export const UNLABELED = -1;

/** A piece of one sequence: rows[start .. start + length) of sequence `sequence`. */
export interface Piece {
  sequence: number;
  start: number;
  length: number;
}

/** Every piece, and the piece ids of each part of the split. */
export interface PieceLayout {
  pieces: Piece[];
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

/** Cuts the sequences of each split part into pieces of at most `T` steps. */
export function layPieces(
  rows: number[][],
  split: { train: ArrayLike<number>; validation: ArrayLike<number>; test: ArrayLike<number> },
  T: number,
): PieceLayout {
  const piecesOf = (sequences: ArrayLike<number>): Piece[] => {
    const out: Piece[] = [];
    for (const s of Array.from(sequences)) {
      const n = rows[s].length;
      for (let start = 0; start < n; start += T) out.push({ sequence: s, start, length: Math.min(T, n - start) });
    }
    return out;
  };
  const parts = [piecesOf(split.train), piecesOf(split.validation), piecesOf(split.test)];
  const ids = (from: number, count: number) => Int32Array.from({ length: count }, (_, i) => from + i);
  return {
    pieces: parts.flat(),
    train: ids(0, parts[0].length),
    validation: ids(parts[0].length, parts[1].length),
    test: ids(parts[0].length + parts[1].length, parts[2].length),
  };
}

/** Encodes pieces as model inputs and targets, with vocabulary and scalers fitted on training pieces. */
export class StepEncoder {
  readonly vocabulary: string[] | null;
  readonly scalers: ScalerState[];
  /** Inputs per step: 1 token id, or one value per feature. */
  readonly features: number;
  readonly xShape: number[];
  private readonly lookup: ((token: string) => number) | null;

  constructor(
    private readonly seqs: LabeledSequences,
    private readonly pieces: Piece[],
    private readonly T: number,
    spec: ExperimentSpec,
    trainIds: ArrayLike<number>,
  ) {
    const trainRows = Array.from(trainIds).flatMap((id) => {
      const p = pieces[id];
      return seqs.rows[p.sequence].slice(p.start, p.start + p.length);
    });
    const tokens = seqs.tokens;
    this.vocabulary = tokens
      ? tokenVocabulary(
          trainRows.map((r) => tokens[r]),
          spec.data.text.vocabSize,
        )
      : null;
    this.lookup = this.vocabulary ? vocabularyIndex(this.vocabulary) : null;
    this.scalers = seqs.features.map((c) =>
      fitScaler(
        trainRows.map((r) => c.values[r] as number),
        spec.data.scaling,
      ),
    );
    this.features = tokens ? 1 : seqs.features.length;
    this.xShape = tokens ? [T] : [T, this.features];
  }

  /** Inputs of some pieces, [samples × T (× F)]; padded steps are zero. */
  inputs(samples: ArrayLike<number>): Float32Array {
    const { seqs, T } = this;
    const F = this.features;
    // Zeros are the padding token, or a feature's training mean after standard scaling.
    const x = new Float32Array(samples.length * T * F);
    for (let s = 0; s < samples.length; s++) {
      const p = this.pieces[samples[s]];
      const rows = seqs.rows[p.sequence];
      for (let j = 0; j < p.length; j++) {
        const r = rows[p.start + j];
        if (seqs.tokens && this.lookup) {
          const tok = seqs.tokens[r];
          x[s * T + j] = tok === null || tok === '' ? 0 : this.lookup(tok);
        } else {
          seqs.features.forEach((c, f) => {
            const raw = c.values[r] as number;
            const sc = this.scalers[f];
            x[(s * T + j) * F + f] = Number.isFinite(raw) ? (raw - sc.center) / sc.scale : 0;
          });
        }
      }
    }
    return x;
  }

  /** Labels of some pieces, [samples × T], UNLABELED on padded steps; and how many steps carry one. */
  targets(samples: ArrayLike<number>): { y: Float32Array; labeled: number } {
    const y = new Float32Array(samples.length * this.T).fill(UNLABELED);
    let labeled = 0;
    for (let s = 0; s < samples.length; s++) {
      const p = this.pieces[samples[s]];
      const rows = this.seqs.rows[p.sequence];
      for (let j = 0; j < p.length; j++) {
        const label = this.seqs.labels[rows[p.start + j]];
        y[s * this.T + j] = label;
        if (label >= 0) labeled += 1;
      }
    }
    return { y, labeled };
  }
}

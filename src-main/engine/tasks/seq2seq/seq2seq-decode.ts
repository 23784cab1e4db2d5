/**
 * Writing outputs with the encoder and the one-step decoder: greedy (the likeliest token each
 * step), sampling with temperature, or beam search. Greedy and sampling run every source of a
 * batch together; a beam search runs one source at a time with its beams as the batch.
 * Padding, unknown and start tokens are never written; the end token stops an output.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { PAD } from '../../../data/prepare/text';
import type { Tf } from '../../../tensorflow/load-tf';
import { greedyToken, sampleToken } from '../../model/token-sampling';
import { END, START } from './seq2seq-data';
import type { Seq2seqLayers } from './seq2seq-model';

export interface DecodeOptions {
  method: 'greedy' | 'beam' | 'sample';
  maxLength: number;
  beamWidth: number;
  temperature: number;
  /** Random draws for sampling. */
  random: () => number;
}

/** One written output: target token ids (no end token), and attention rows when the model has attention. */
export interface Decoded {
  ids: number[];
  /** weights[step][source step]: where the decoder looked while writing each token. */
  attention: number[][] | null;
}

/** Decodes padded source id rows (each `sourceLength` long). */
export function decode(tf: Tf, models: DecoderSteps, sources: Int32Array[], opts: DecodeOptions): Decoded[] {
  if (opts.method === 'beam' && opts.beamWidth > 1) return sources.map((s) => beamSearch(tf, models, s, opts));
  const out: Decoded[] = [];
  // Batches bound the memory of the encoder outputs that attention keeps.
  for (let from = 0; from < sources.length; from += 256) {
    out.push(...stepwise(tf, models, sources.slice(from, from + 256), opts));
  }
  return out;
}

/** The trained network as decoding uses it: the encoder once per source, then one decoder step per token. */
export class DecoderSteps {
  private readonly cell: { call(inputs: tfTypes.Tensor[], kwargs: object): tfTypes.Tensor | tfTypes.Tensor[] };
  readonly attention: boolean;

  constructor(
    private readonly tf: Tf,
    private readonly net: Seq2seqLayers,
    private readonly targetEmbedding: string,
  ) {
    this.cell = (net.layer('decoder') as unknown as { cell: DecoderSteps['cell'] }).cell;
    this.attention = net.has('attention_weights');
  }

  /** Encoder outputs and starting states of a batch of padded source rows (tensors the caller disposes). */
  encode(rows: Int32Array[]): { memory: tfTypes.Tensor; states: tfTypes.Tensor[] } {
    const tf = this.tf;
    return tf.tidy(() => {
      const length = rows[0].length;
      const flat = new Float32Array(rows.length * length);
      rows.forEach((r, i) => flat.set(r, i * length));
      const encoded = this.net.encode(tf.tensor2d(flat, [rows.length, length]));
      return { memory: encoded.outputs as tfTypes.Tensor, states: encoded.states as tfTypes.Tensor[] };
    });
  }

  /** One decoder step: probabilities [B, V], next states, and attention rows [B, S] when present. */
  step(
    tokens: number[],
    states: tfTypes.Tensor[],
    memory: tfTypes.Tensor,
  ): { probabilities: Float32Array; vocab: number; states: tfTypes.Tensor[]; weights: Float32Array | null } {
    const tf = this.tf;
    const out = tf.tidy((): { probabilities: tfTypes.Tensor; next: tfTypes.Tensor[]; weights: tfTypes.Tensor[] } => {
      const embedded = this.net.layer(this.targetEmbedding).apply(tf.tensor1d(tokens)) as tfTypes.Tensor;
      const result = this.cell.call([embedded, ...states], {});
      const [output, ...next] = Array.isArray(result) ? result : [result];
      const head = this.net.head(tf.expandDims(output, 1), memory);
      return {
        probabilities: head.probabilities as tfTypes.Tensor,
        next,
        weights: head.weights ? [head.weights as tfTypes.Tensor] : [],
      };
    });
    const probabilities = out.probabilities.dataSync() as Float32Array;
    const vocab = out.probabilities.shape[out.probabilities.shape.length - 1] as number;
    const weights = out.weights.length ? (out.weights[0].dataSync() as Float32Array) : null;
    tf.dispose([out.probabilities, ...out.weights]);
    return { probabilities, vocab, states: out.next, weights };
  }
}

/** Probabilities with the tokens an output never holds set to zero (padding, unknown, start). */
function writable(p: Float32Array): Float32Array {
  const q = Float32Array.from(p);
  q[PAD] = 0;
  q[1] = 0;
  q[START] = 0;
  return q;
}

function stepwise(tf: Tf, models: DecoderSteps, rows: Int32Array[], opts: DecodeOptions): Decoded[] {
  const { memory, states: start } = models.encode(rows);
  let states = start;
  const out: Decoded[] = rows.map(() => ({ ids: [], attention: models.attention ? [] : null }));
  const done = rows.map(() => false);
  let tokens = rows.map(() => START);
  try {
    for (let n = 0; n < opts.maxLength && done.some((d) => !d); n++) {
      const r = models.step(tokens, states, memory);
      tf.dispose(states);
      states = r.states;
      const S = rows[0].length;
      tokens = tokens.map((_, i) => {
        if (done[i]) return END;
        const p = writable(r.probabilities.subarray(i * r.vocab, (i + 1) * r.vocab));
        const next = opts.method === 'sample' ? sampleToken(p, opts.temperature, opts.random) : greedyToken(p);
        if (next === END) done[i] = true;
        else {
          out[i].ids.push(next);
          if (r.weights) out[i].attention?.push(Array.from(r.weights.subarray(i * S, (i + 1) * S)));
        }
        return next;
      });
    }
  } finally {
    tf.dispose(states);
    memory.dispose();
  }
  return out;
}

interface Beam {
  ids: number[];
  logp: number;
  attention: number[][];
  finished: boolean;
}

/**
 * Beam search: keeps the `beamWidth` likeliest partial outputs; a finished output's score is
 * its log-probability divided by its length (plus the end token), so short outputs are not
 * favoured only for being short.
 */
function beamSearch(tf: Tf, models: DecoderSteps, source: Int32Array, opts: DecodeOptions): Decoded {
  const { memory: oneMemory, states: start } = models.encode([source]);
  let beams: Beam[] = [{ ids: [], logp: 0, attention: [], finished: false }];
  let states = start;
  const finished: Beam[] = [];
  const S = source.length;
  try {
    for (let n = 0; n < opts.maxLength && beams.length > 0; n++) {
      const memory = tf.tile(oneMemory, [beams.length, 1, 1]);
      const r = models.step(
        beams.map((b) => (b.ids.length ? b.ids[b.ids.length - 1] : START)),
        states,
        memory,
      );
      memory.dispose();
      const candidates: { from: number; token: number; logp: number }[] = [];
      beams.forEach((b, i) => {
        const p = writable(r.probabilities.subarray(i * r.vocab, (i + 1) * r.vocab));
        const total = p.reduce((a, v) => a + v, 0);
        for (let t = 0; t < r.vocab; t++) {
          if (p[t] > 0) candidates.push({ from: i, token: t, logp: b.logp + Math.log(p[t] / total) });
        }
      });
      candidates.sort((a, b) => b.logp - a.logp);
      const next: Beam[] = [];
      const keep: number[] = [];
      for (const c of candidates) {
        if (next.length >= opts.beamWidth) break;
        const parent = beams[c.from];
        const row = r.weights ? [Array.from(r.weights.subarray(c.from * S, (c.from + 1) * S))] : [];
        if (c.token === END) {
          finished.push({ ids: parent.ids, logp: c.logp, attention: parent.attention, finished: true });
          continue;
        }
        next.push({
          ids: [...parent.ids, c.token],
          logp: c.logp,
          attention: [...parent.attention, ...row],
          finished: false,
        });
        keep.push(c.from);
      }
      const gathered = keep.length ? r.states.map((s) => tf.tidy(() => tf.gather(s, tf.tensor1d(keep, 'int32')))) : [];
      tf.dispose(r.states);
      tf.dispose(states);
      states = gathered;
      beams = next;
      if (finished.length >= opts.beamWidth) break;
    }
  } finally {
    tf.dispose(states);
    oneMemory.dispose();
  }
  const pool = finished.length ? finished : beams;
  const best = pool.reduce(
    (a, b) => (score(b) > score(a) ? b : a),
    pool[0] ?? { ids: [], logp: 0, attention: [], finished: false },
  );
  return { ids: best.ids, attention: models.attention ? best.attention : null };
}

function score(b: Beam): number {
  return b.logp / (b.ids.length + 1);
}

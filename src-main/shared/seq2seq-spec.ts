/**
 * Settings of the sequence-to-sequence task (an encoder reads the source text, a decoder writes
 * the target text). The pair's columns are the spec's `data.text.column` (source) and
 * `data.targetColumns[0]` (target); tokens, case and the source's maximum length are
 * `data.text`'s. This block holds what only this task has. Other tasks ignore it.
 */
import { z } from 'zod';

export const ATTENTIONS = ['none', 'dot', 'general'] as const;
export type Attention = (typeof ATTENTIONS)[number];
export const DECODINGS = ['greedy', 'beam', 'sample'] as const;
export type Decoding = (typeof DECODINGS)[number];

export const seq2seqSchema = z
  .object({
    /** Target tokens at most (the end token not counted); longer pairs are left out of training. */
    targetMaxLength: z.number().int().min(1).max(1000).default(40),
    /** One vocabulary for source and target (e.g. rewriting within one language) instead of two. */
    sharedVocabulary: z.boolean().default(false),
    /** Luong attention over the encoder's steps: `dot` scores h·s, `general` h·W·s; `none` passes the state only. */
    attention: z.enum(ATTENTIONS).default('none'),
    /** How outputs are produced: the likeliest token each step, a beam search, or sampling with temperature. */
    decoding: z.enum(DECODINGS).default('greedy'),
    beamWidth: z.number().int().min(1).max(64).default(4),
    temperature: z.number().gt(0).max(10).default(1),
    /** Tokens written at most per output at prediction time; null: the target maximum length. */
    maxOutputLength: z.number().int().min(1).max(2000).nullable().default(null),
  })
  .strict();

export type Seq2seqSettings = z.infer<typeof seq2seqSchema>;

/** Output tokens the decoder writes at most. */
export function outputLimit(s: Seq2seqSettings): number {
  return s.maxOutputLength ?? s.targetMaxLength;
}

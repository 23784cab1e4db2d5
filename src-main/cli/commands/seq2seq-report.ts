/** The text report of a sequence-to-sequence run's test scores, for `recurrent evaluate` and `train`. */
import type { Seq2seqEvaluation } from '../../shared/types-seq2seq';
import { fmt } from './args';

/** Scores, the rows left out, the verdict and the few worst outputs. */
export function seq2seqLines(ev: Seq2seqEvaluation): string[] {
  const lines = [
    `${ev.pairs} test pairs (${ev.decoding} decoding): exact match ${fmt(ev.exactMatch)}, BLEU ${fmt(ev.bleu)} (sentence mean ${fmt(ev.sentenceBleu)}), character error rate ${fmt(ev.cer)}.`,
    ...ev.leftOut,
  ];
  if (ev.verdict) lines.push(ev.verdict);
  if (ev.worst.length > 0) {
    lines.push('Worst outputs (source → expected | produced):');
    for (const w of ev.worst.slice(0, 5)) lines.push(`  ${w.source} → ${w.expected} | ${w.produced}`);
  }
  return lines;
}

/**
 * What a file of pairs holds, counted the way sequence to sequence reads it: pairs with both
 * sides written, lengths in the spec's tokens (sources lowercased when the spec says so, targets
 * in their own case), vocabulary sizes, and the pairs beyond the maximum lengths, which training
 * leaves out.
 */
import { type TokenizeOptions, tokenize } from '../../src-main/shared/tokenize';

export interface SideStats {
  meanTokens: number;
  maxTokens: number;
  /** Distinct tokens on this side. */
  vocabulary: number;
  /** Pairs whose text on this side is longer than its maximum length. */
  overLimit: number;
}

export interface PairStats {
  /** Pairs with both sides written. */
  pairs: number;
  /** Rows with an empty source or target. */
  emptySide: number;
  source: SideStats;
  target: SideStats;
}

class SideCounter {
  private total = 0;
  private max = 0;
  private over = 0;
  private readonly tokens = new Set<string>();

  constructor(
    private readonly tok: TokenizeOptions,
    private readonly limit: number,
  ) {}

  add(text: string): void {
    const t = tokenize(text, this.tok);
    this.total += t.length;
    this.max = Math.max(this.max, t.length);
    if (t.length > this.limit) this.over++;
    for (const x of t) this.tokens.add(x);
  }

  stats(pairs: number): SideStats {
    return {
      meanTokens: pairs ? this.total / pairs : 0,
      maxTokens: this.max,
      vocabulary: this.tokens.size,
      overLimit: this.over,
    };
  }
}

/** Counts over the given rows of [source, target] cells (missing cells as null or ''). */
export function pairStats(
  rows: Iterable<readonly [string | null | undefined, string | null | undefined]>,
  tok: TokenizeOptions,
  limits: { source: number; target: number },
): PairStats {
  const source = new SideCounter(tok, limits.source);
  const target = new SideCounter({ tokens: tok.tokens, lowercase: false }, limits.target);
  let pairs = 0;
  let emptySide = 0;
  for (const [s, t] of rows) {
    const src = s?.trim() ?? '';
    const tgt = t?.trim() ?? '';
    if (src === '' || tgt === '') {
      emptySide++;
      continue;
    }
    pairs++;
    source.add(src);
    target.add(tgt);
  }
  return { pairs, emptySide, source: source.stats(pairs), target: target.stats(pairs) };
}

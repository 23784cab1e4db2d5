/**
 * Word counts and vocabulary of a text column, for the defaults a text task gets (token level,
 * length, vocabulary size) and the model preview's sizes. Words are the tokens of the word
 * tokenizer, lowercased; characters are counted as written and lowercased, line breaks
 * aside (a generator joins its texts with them).
 */
import { tokenize } from '../prepare/text';
import type { TextColumnStats } from '../../shared/types';

/** Texts read for the statistics: enough for stable figures, bounded for a large corpus. */
const SAMPLE_TEXTS = 5_000;
/** Distinct words are counted up to this many. */
const VOCABULARY_CAP = 100_000;

/** Statistics over the first texts of the column (missing texts skipped); null without any text. */
export function textStats(values: readonly (string | null)[]): TextColumnStats | null {
  const words: number[] = [];
  let chars = 0;
  const vocabulary = new Set<string>();
  const characters = new Set<string>();
  const lowercaseCharacters = new Set<string>();
  for (const text of values) {
    if (text === null) continue;
    const tokens = tokenize(text, { tokens: 'word', lowercase: true });
    words.push(tokens.length);
    const letters = Array.from(text);
    chars += letters.length;
    for (const c of letters) if (c !== '\n') characters.add(c);
    for (const c of Array.from(text.toLowerCase())) if (c !== '\n') lowercaseCharacters.add(c);
    for (const t of tokens) if (vocabulary.size < VOCABULARY_CAP) vocabulary.add(t);
    if (words.length >= SAMPLE_TEXTS) break;
  }
  if (words.length === 0) return null;
  const sorted = [...words].sort((a, b) => a - b);
  return {
    texts: words.length,
    meanWords: words.reduce((a, b) => a + b, 0) / words.length,
    p95Words: sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)],
    meanChars: chars / words.length,
    vocabulary: vocabulary.size,
    characters: characters.size,
    lowercaseCharacters: lowercaseCharacters.size,
  };
}

/**
 * How texts become tokens, the one rule training, prediction and the Data view's counts share:
 * characters (code points) or words with each punctuation mark and line break on its own.
 */

export interface TokenizeOptions {
  tokens: 'char' | 'word';
  lowercase: boolean;
}

// Words (letters, digits, apostrophes inside words), each punctuation mark, and line breaks.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\n|[^\s\p{L}\p{N}]/gu;

/** Splits a text into tokens: characters (code points, so emoji stay whole) or words and punctuation. */
export function tokenize(text: string, opts: TokenizeOptions): string[] {
  const t = opts.lowercase ? text.toLowerCase() : text;
  if (opts.tokens === 'char') return Array.from(t);
  return t.match(WORD) ?? [];
}

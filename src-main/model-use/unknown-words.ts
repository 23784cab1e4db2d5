/**
 * How much of a text the model never saw in training. Unknown tokens all read as one
 * "out-of-vocabulary" token, so a text made mostly of them gets a confident-looking answer that
 * rests on almost nothing: the share is shown beside every text prediction, with a warning when high.
 */
import { tokenize } from '../data/prepare/text';
import type { PreprocessingFile } from '../shared/preprocessing';

type TextSettings = NonNullable<PreprocessingFile['text']>;

/** Above this share of unknown tokens a prediction is flagged as resting on little. */
export const HIGH_UNKNOWN_SHARE = 0.3;

export interface UnknownWords {
  /** Tokens in the text (as the model reads them: words or characters). */
  tokens: number;
  /** Of those, how many are not in the model's vocabulary. */
  unknown: number;
  /** unknown / tokens; 0 for an empty text. */
  share: number;
  /** Up to five distinct unknown tokens, in order of appearance, to show the user. */
  examples: string[];
}

/** Counts the tokens of `text` outside the model's vocabulary. */
export function unknownWords(text: string, settings: TextSettings, known: ReadonlySet<string>): UnknownWords {
  const tokens = tokenize(text, settings);
  const examples: string[] = [];
  let unknown = 0;
  for (const token of tokens) {
    if (known.has(token)) continue;
    unknown++;
    if (examples.length < 5 && !examples.includes(token) && token.trim() !== '') examples.push(token);
  }
  return { tokens: tokens.length, unknown, share: tokens.length ? unknown / tokens.length : 0, examples };
}

/** The vocabulary as a set, without the padding and out-of-vocabulary markers. */
export function knownTokens(settings: TextSettings): Set<string> {
  return new Set(settings.vocabulary.slice(2));
}

/** A warning when too much of the text was never seen in training; null otherwise. */
export function unknownWordsWarning(found: UnknownWords, unit: 'word' | 'char'): string | null {
  if (found.tokens === 0)
    return 'The text is empty, so the answer reflects only what the model learned to expect of nothing.';
  if (found.share <= HIGH_UNKNOWN_SHARE) return null;
  const what = unit === 'word' ? 'words' : 'characters';
  const listed = found.examples.length ? ` (${found.examples.map((e) => `"${e}"`).join(', ')})` : '';
  return (
    `${Math.round(found.share * 100)}% of the ${what} here were never seen in training${listed}: ` +
    'the model reads them all as one unknown token, so treat this answer with caution.'
  );
}

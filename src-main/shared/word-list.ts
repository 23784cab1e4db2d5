/** Lists in messages: "a, b and c", shared by main's messages and the renderer's labels. */

/** 'a', 'b' and 'c' from ['a', 'b', 'c']; '' for none. */
export function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** Column names quoted and listed: 'year', 'month' and 'day'. */
export function quotedList(names: readonly string[]): string {
  return joinWords(names.map((n) => `'${n}'`));
}

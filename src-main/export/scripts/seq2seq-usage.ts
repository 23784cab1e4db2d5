/** The command line of the sequence-to-sequence bundle scripts, shared by predict.cjs and predict.py. */

/** [flag, what its value must be, what it does]. */
export const SEQ2SEQ_USAGE: [string, string, string][] = [
  ['--decoding', 'one of greedy, beam, sample', 'how outputs are written (default: as the model was trained)'],
  ['--beam-width', 'a whole number of at least 1', 'outputs a beam search keeps'],
  ['--temperature', 'a number greater than 0', 'sampling: below 1 likelier tokens, above 1 more surprising ones'],
  ['--max-length', 'a whole number of at least 1', 'tokens written at most per output'],
  ['--random-seed', 'a whole number of at least 0', 'sampling draws (default: the training seed, as the app)'],
  ['--file', 'path', 'a text file with one source per line'],
];

/** The usage lines at the top of a script. */
export function SEQ2SEQ_USAGE_TEXT(command: string): string {
  const flags = SEQ2SEQ_USAGE.map(([flag, , what]) => `  ${flag.padEnd(15)} ${what}`).join('\n');
  return `Usage: ${command} "source text" ["another source" ...] [options] [--json]\n${flags}\n  --json          one JSON list of {source, output, warning}`;
}

/**
 * Main's spec problems in the words of the form: the schema's terse messages ("Too small:
 * expected number to be >=1") become sentences ("Must be at least 1."), and a path outside the
 * form ("model.layers.0.units") becomes the name of the setting ("units of layer 1").
 */

const RULES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^Too small: expected number to be >=\s*(\S+)$/, (m) => `Must be at least ${m[1]}.`],
  [/^Too small: expected number to be >\s*(\S+)$/, (m) => `Must be more than ${m[1]}.`],
  [/^Too big: expected number to be <=\s*(\S+)$/, (m) => `Must be at most ${m[1]}.`],
  [/^Too big: expected number to be <\s*(\S+)$/, (m) => `Must be less than ${m[1]}.`],
  [/^Too small: expected (?:string|array) to have >=\s*1 (?:characters|items)$/, () => 'Must not be empty.'],
  [/^Invalid input: expected int, received number$/, () => 'Must be a whole number.'],
  [/^Invalid input: expected number, received (?:NaN|string|null|undefined)$/, () => 'Must be a number.'],
  [/^Invalid option: expected one of (.+)$/, (m) => `Choose one of ${m[1]!.replace(/\|/g, ', ')}.`],
];

/** A problem message as a sentence; messages already in words pass through unchanged. */
export function problemInWords(message: string): string {
  for (const [pattern, words] of RULES) {
    const m = message.match(pattern);
    if (m) return words(m);
  }
  return message;
}

const SETTING_NAMES: Record<string, string> = {
  units: 'units',
  dropout: 'dropout',
  recurrentDropout: 'recurrent dropout',
  merge: 'merge mode',
  lookback: 'window length',
  horizon: 'horizon',
  batchSize: 'batch size',
  learningRate: 'learning rate',
  vocabSize: 'vocabulary size',
  maxLength: 'max length',
  idColumn: 'sequence id column',
  timeColumn: 'time column',
  targetColumns: 'target column',
};

/** The setting a spec path names, in words: "model.layers.0.units" → "units of layer 1". */
export function settingName(path: string): string {
  const parts = path.split('.');
  const layer = parts.findIndex((p) => p === 'layers');
  const last = parts[parts.length - 1] ?? path;
  const name = SETTING_NAMES[last] ?? last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const index = layer >= 0 ? Number(parts[layer + 1]) : NaN;
  return Number.isInteger(index) && parts.length > layer + 2 ? `${name} of layer ${index + 1}` : name;
}

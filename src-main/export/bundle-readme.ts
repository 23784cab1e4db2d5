/**
 * README.md of an export bundle, written for the person who will run the model outside the app.
 */
import { arimaName } from '../forecast/arima';
import { etsName } from '../forecast/exponential-smoothing';
import type { PreprocessingFile } from '../shared/preprocessing';
import { bundleScriptKind } from './bundle-scripts';
import type { ModelChain } from './model-chain';

/** Formats left out of a bundle, with the reason (null when the file is there). */
export interface SkippedFormats {
  keras: string | null;
  onnx: string | null;
}

type Input = PreprocessingFile['inputs'][number];

function shapeText(shape: (number | null)[]): string {
  return `[batch, ${shape.map((d) => (d === null ? 'any' : String(d))).join(', ')}]`;
}

const CALENDAR_TEXT: Record<string, string> = {
  hour: 'hour of the day / 23 (0..1)',
  weekday: 'day of the week / 6 (Sunday 0, Saturday 1)',
  month: 'month / 11 (January 0, December 1)',
  'year-sin': 'sin(2π × share of its year passed since 1 January 00:00, leap years included)',
  'year-cos': 'cos(2π × share of its year passed since 1 January 00:00, leap years included)',
};

function inputLine(pre: PreprocessingFile, i: Input): string {
  const lead = i.lead ?? 0;
  const what =
    i.derived === 'calendar'
      ? `calendar value: ${CALENDAR_TEXT[i.source] ?? i.source} of the UTC date in \`${pre.timeColumn ?? 'the time column'}\`, not scaled`
      : `${i.derived} of column \`${i.source}\`, scaler ${i.scaler.kind}`;
  return `   - \`${i.name}\`: ${what}${lead ? `; read ${lead} step(s) ahead (known future)` : ''}`;
}

/**
 * Columns the forecast scripts read from the CSV: sources of the inputs, the target and, for
 * calendar inputs or a seasonal profile, the time.
 */
function csvColumns(pre: PreprocessingFile): string[] {
  const names = pre.inputs.filter((i) => i.derived !== 'calendar').map((i) => i.source);
  if (pre.target) names.push(pre.target.name);
  const needsTime = pre.inputs.some((i) => i.derived === 'calendar') || pre.target?.transform === 'seasonal-profile';
  if (pre.timeColumn && needsTime) names.push(pre.timeColumn);
  return [...new Set(names)];
}

/** What one step of a profile's calendar cycle is called, and the calendar phase it is indexed by. */
const PROFILE_UNIT_TEXT: Record<string, { pattern: string; row: string; phase: string }> = {
  month: { pattern: 'monthly', row: 'month', phase: 'the UTC month, January 0 … December 11' },
  quarter: { pattern: 'quarterly', row: 'quarter', phase: 'the UTC quarter, January–March 0 … October–December 3' },
  hour: { pattern: 'hour-of-day', row: 'hour', phase: 'the UTC hour, 0 … 23' },
  weekday: { pattern: 'day-of-week', row: 'day', phase: 'the UTC day of the week, Sunday 0 … Saturday 6' },
};

/** The seasonal-profile baseline in plain words, with its formula (`target.profile` in preprocessing.json). */
function profileText(target: NonNullable<PreprocessingFile['target']>, timeColumn: string | null): string {
  const profile = target.profile;
  const unit = profile ? PROFILE_UNIT_TEXT[profile.unit] : undefined;
  const window = profile?.window ?? target.period ?? 'window';
  return `The network learns the correction to the seasonal profile: the recent level carried forward by the usual change per step, plus the usual ${unit?.pattern ?? 'seasonal'} pattern; add the un-scaled output to that baseline. With \`values\`, \`drift\` and \`window\` from \`target.profile\`, the history's values \`y[0..n-1]\` and \`phase(i) = (offset + i) mod ${target.period ?? 'period'}\`, where \`offset\` is the phase of the first history row (${unit?.phase ?? 'its calendar step'}) read from \`${timeColumn ?? 'the time column'}\`: \`level\` is the mean of \`y[i] - values[phase(i)]\` over the last ${window} rows, and the baseline of forecast step \`k\` (0 first) is \`level + drift * ((window + 1) / 2 + k) + values[phase(n + k)]\`. The history needs one row per ${unit?.row ?? 'step of the season'}, without gaps, each with its time stamp.`;
}

/** The exponential-smoothing baseline in plain words, with its equations (`target.smoothing` in preprocessing.json). */
function smoothingText(target: NonNullable<PreprocessingFile['target']>): string {
  const m = target.smoothing;
  const name = m ? etsName(m) : 'exponential smoothing';
  return `The network learns the correction to exponential smoothing (Holt-Winters, ${name}); add the un-scaled output to its forecast. With \`trend\`, \`season\`, \`period\` (m) and the weights \`alpha\`, \`beta\`, \`gamma\`, \`phi\` from \`target.smoothing\`, the smoothing runs over the whole history from this start: with a season, the level is the mean of the first m values, the trend the change between the means of the first two seasons divided by m, and the season the first m values minus (or divided by) that mean; without one, the first value and the change to the second. Each value y updates, with b = level + phi × trend and s the season estimate for its step: level ← alpha × (y − s, or y / s) + (1 − alpha) × b; trend ← beta × (new level − old level) + (1 − beta) × phi × trend; season ← gamma × (y − b, or y / b) + (1 − gamma) × s. The forecast of step \`k\` (0 first) is level + (phi + phi² + … + phi^(k+1)) × trend, plus (or times) the latest season estimate for that step.`;
}

/** The ARIMA baseline in plain words, with its equations (`target.arima` in preprocessing.json). */
function arimaText(target: NonNullable<PreprocessingFile['target']>): string {
  const m = target.arima;
  const name = m ? arimaName(m) : 'ARIMA';
  return `The network learns the correction to the ARIMA model ${name}; add the un-scaled output to its forecast. With \`d\`, \`seasonalD\` (D), \`period\` (m), the coefficients \`ar\` (φ1, φ2), \`ma\` (θ), \`seasonalMa\` (Θ) and \`mean\` (μ) from \`target.arima\` (a missing coefficient is 0), the history y is differenced d times at one step and D times at m steps: w[t] = y[t] − d × y[t−1] − D × (y[t−m] − d × y[t−m−1]), which exists from step L = d + D × m on. The model runs over the whole history from that first difference: the prediction of each difference is p[t] = μ + φ1 × (w[t−1] − μ) + φ2 × (w[t−2] − μ) + θ × e[t−1] + Θ × e[t−m] + θ × Θ × e[t−m−1], where a term reaching before step L is left out, and its error is e[t] = w[t] − p[t]. Beyond the history the errors are 0, so each difference is its prediction, and the differencing is undone step by step: y[t] = w[t] + d × y[t−1] + D × (y[t−m] − d × y[t−m−1]). The forecast of step \`k\` (0 first) is that y, k steps after the last history row; the history needs at least L + 1 rows.`;
}

function forecastSection(pre: PreprocessingFile, withOnnx: boolean, withKeras: boolean): string {
  const target = pre.target;
  const inputs = pre.inputs.map((i) => inputLine(pre, i)).join('\n');
  const transform = !target
    ? ''
    : target.transform === 'level'
      ? 'The network predicts the scaled value itself.'
      : target.transform === 'difference'
        ? 'The network predicts the scaled change from the last observed value; add that value back.'
        : target.transform === 'seasonal-profile'
          ? profileText(target, pre.timeColumn)
          : target.transform === 'exponential-smoothing'
            ? smoothingText(target)
            : target.transform === 'arima'
              ? arimaText(target)
              : `The network predicts the scaled difference from the value one season (${target.period} steps) earlier; add that value back.`;
  const ahead = pre.inputs.filter((i) => (i.lead ?? 0) > 0);
  const calendar = pre.inputs.some((i) => i.derived === 'calendar');
  const leadText = ahead.length
    ? `
Inputs read ahead are known in advance (planned values, calendar features): window step
\`s\` holds the value at step \`s + lead\`, so the window's last ${pre.horizon} step(s) carry their values at
the steps being forecast. Give their future values as extra rows after the last target value (target
cell empty); without them a known-future column holds its last value, as the app does.${
        calendar
          ? ` Calendar values of future steps follow the time stamps: from the extra rows when they have one,
otherwise continued on the data's ${pre.frequency ?? 'median'} step${pre.frequency ? '' : ' spacing'}. Time cells are read as UTC dates
(\`2024-01-31\`, \`2024-01-31 13:00\`, \`2024-01\`, \`2024-Q1\` or \`2024\`).`
          : ''
      }
`
    : '';
  const scripts = withOnnx
    ? `\`predict.py\` and \`predict.cjs\` do exactly this; run \`python predict.py history.csv\` or
\`node predict.cjs history.csv\`.`
    : `\`predict.cjs\` does exactly this; run \`node predict.cjs history.csv\`.`;
  return `## How a forecast is computed

1. Take the history up to the forecast origin, oldest first, without gaps.
2. Compute each input column and scale it: \`(x - center) / scale\` (values in preprocessing.json):
${inputs}
3. The window is the last ${pre.lookback} steps: an array of shape [1, ${pre.lookback}, ${pre.inputs.length}], float32.
4. Run the model. Its output holds ${pre.horizon} step(s) ahead${target ? ` of \`${target.name}\`` : ''}.
5. Un-scale each output: \`y * scale + center\`. ${transform}
${leadText}
${scripts} The CSV needs the columns ${csvColumns(pre)
    .map((c) => `\`${c}\``)
    .join(', ')} (a header row with these names; other columns are ignored).

${withOnnx ? onnxSnippet(`np.zeros((1, ${pre.lookback}, ${pre.inputs.length}), np.float32)  # scaled inputs, step 3 above`) : ''}${withKeras ? KERAS_SNIPPET : ''}### JavaScript (TensorFlow.js for Node)

\`\`\`js
const tf = require('@tensorflow/tfjs-node');
const model = await tf.loadLayersModel('file://model/tfjs/model.json');
const scaled = model.predict(tf.tensor3d([window])).dataSync(); // window: ${pre.lookback} rows of ${pre.inputs.length} values
\`\`\`
`;
}

const KERAS_SNIPPET = `### Python (Keras 3)

\`\`\`python
import keras
model = keras.saving.load_model("model/model.keras")
scaled = model.predict(window)  # the same window
\`\`\`

`;

function onnxSnippet(window: string): string {
  return `### Python (onnxruntime)

\`\`\`python
import numpy as np, onnxruntime as ort
session = ort.InferenceSession("model/model.onnx")
window = ${window}
scaled = session.run(["output"], {"input": window})[0]
\`\`\`

`;
}

export function encodingText(text: NonNullable<PreprocessingFile['text']>): string {
  const tokens =
    text.tokens === 'char'
      ? 'characters (Unicode code points)'
      : 'words (runs of letters and digits, with apostrophes inside words), single punctuation marks and line breaks';
  return `Texts are split into ${tokens}${text.lowercase ? ' after lower-casing' : ''}; each token becomes its index in \`text.vocabulary\` (0 is padding, 1 is an unknown token).`;
}

function textClassificationSection(pre: PreprocessingFile, chain: ModelChain, withOnnx: boolean): string {
  const text = pre.text!;
  return `## Inputs and outputs

${encodingText(text)} Sequences are cut to ${text.maxLength} tokens (keeping the ${text.truncating === 'pre' ? 'end' : 'start'}) and padded with 0 at the ${text.padding === 'pre' ? 'start' : 'end'}. The model input is ${shapeText(chain.inputShape)} token ids${withOnnx ? ' (int64 in ONNX)' : ''}. The output gives ${chain.outputShape[chain.outputShape.length - 1] === 1 ? `the probability of \`${pre.classes?.[1] ?? 'the second class'}\` (one sigmoid unit; the other class has 1 − p)` : 'one probability per class, in the order of `classes`'}.

Ready to run: ${withOnnx ? '`python predict.py "some text"` or ' : ''}\`node predict.cjs "some text"\` prints the class probabilities as the app shows them (\`--file texts.txt\` classifies one text per line).

${withOnnx ? onnxSnippet(`np.array([ids], np.int64)  # ${text.maxLength} token ids, encoded as above`) : ''}`;
}

function textGenerationSection(pre: PreprocessingFile, chain: ModelChain, withOnnx: boolean): string {
  const text = pre.text!;
  return `## Inputs and outputs

${encodingText(text)} The model reads the last ${text.maxLength} tokens (a shorter seed is padded with 0 in front) and outputs the probabilities of the next token, one per vocabulary entry. Generation appends the picked token and runs again; padding and unknown tokens are never picked. Temperature \`t\` draws from \`p^(1/t)\`.

Ready to run: ${withOnnx ? '`python predict.py "seed text" --tokens 50 --temperature 0.8` or ' : ''}\`node predict.cjs "seed text" --tokens 50 --temperature 0.8\`. \`--temperature 0\` always takes the likeliest token; \`--random-seed N\` repeats the app's output for the same seed number; \`--next\` prints the next-token probabilities. The model input is ${shapeText(chain.inputShape)} token ids${withOnnx ? ' (int64 in ONNX)' : ''}.

${withOnnx ? onnxSnippet(`np.array([ids], np.int64)  # the last ${text.maxLength} token ids`) : ''}`;
}

function otherTaskSection(pre: PreprocessingFile, chain: ModelChain, withOnnx: boolean): string {
  const text = pre.text;
  const encoding = text
    ? `${encodingText(text)} Sequences are cut to ${text.maxLength} tokens (keeping the ${text.truncating === 'pre' ? 'end' : 'start'}) and padded with 0 at the ${text.padding === 'pre' ? 'start' : 'end'}.`
    : 'Each input column is scaled with its stored scaler: `(x - center) / scale`.';
  const classes = !pre.classes
    ? ''
    : pre.task === 'sequence-labeling'
      ? `The output gives, at every step, one probability per class, in the order of \`classes\`: the label of step t is the likeliest class at t. As in the app, a sequence is read in pieces of ${pre.lookback} steps, and a shorter piece is padded with zeros after its end (the output at the padded steps means nothing).`
      : `The output gives one probability per class, in the order of \`classes\`.`;
  const idColumn = pre.spec.data.idColumn;
  const ready =
    bundleScriptKind(pre) === 'sequence-classification'
      ? `\n\nReady to run: ${withOnnx ? '`python predict.py sequences.csv` or ' : ''}\`node predict.cjs sequences.csv\` prints, for every sequence of a CSV shaped like the training file (${idColumn ? `one row per step, \`${idColumn}\` naming the sequence, rows in time order${pre.timeColumn ? ` or sorted by \`${pre.timeColumn}\` when it holds numbers or ISO dates` : ''}` : 'one sequence per row over the step columns'}), the likeliest class and one probability per class, as the app's "Predict a file" writes them. A sequence longer than ${pre.lookback} steps is read from its last ${pre.lookback} steps; a shorter one is padded with zeros in front, and a missing value enters as 0 (the training mean).`
      : '';
  return `## Inputs and outputs

${encoding} The model input is ${shapeText(chain.inputShape)} (${chain.inputKind === 'ids' ? 'int64 token ids in ONNX' : 'float32'}). ${classes}${ready}

\`\`\`python
import onnxruntime as ort
scores = ort.InferenceSession("model/model.onnx").run(["output"], {"input": batch})[0]
\`\`\`
`;
}

function fileTable(pre: PreprocessingFile | null, chain: ModelChain, skipped: SkippedFormats): string {
  const rows = [
    skipped.onnx
      ? null
      : `| \`model/model.onnx\` | ONNX (opset 17): input \`input\` ${shapeText(chain.inputShape)}, output \`output\` ${shapeText(chain.outputShape)} |`,
    skipped.keras ? null : '| `model/model.keras` | Keras 3 model (`keras.saving.load_model`) |',
    '| `model/tfjs/` | TensorFlow.js layers model (`tf.loadLayersModel`) |',
    pre ? '| `preprocessing.json` | how raw values become model inputs and outputs become values again |' : null,
    bundleScriptKind(pre)
      ? `| ${skipped.onnx ? '`predict.cjs`' : '`predict.py`, `predict.cjs`'} | ready-to-run predictions, the same as the app's |`
      : null,
  ].filter((r): r is string => r !== null);
  const missing = [
    skipped.onnx ? `- No ONNX file: ${skipped.onnx}` : null,
    skipped.keras ? `- No Keras file: ${skipped.keras}` : null,
  ].filter((r): r is string => r !== null);
  return `| file | what it is |
|---|---|
${rows.join('\n')}

All model files compute the same numbers.${missing.length ? `\n\n${missing.join('\n')}` : ''}
`;
}

/** The README for a bundle of this model. */
export function bundleReadme(
  pre: PreprocessingFile | null,
  chain: ModelChain,
  skipped: SkippedFormats = { keras: null, onnx: null },
): string {
  const head = `# ${pre?.spec.name ?? 'Recurrent Studio model'}

Exported by Recurrent Studio${pre ? ` (task: ${pre.task})` : ''}.

${fileTable(pre, chain, skipped)}`;
  if (!pre)
    return `${head}\nThis model was saved without preprocessing.json: it expects inputs already prepared as during training.\n`;
  const withOnnx = !skipped.onnx;
  const kind = bundleScriptKind(pre);
  const body =
    kind === 'forecast'
      ? forecastSection(pre, withOnnx, !skipped.keras)
      : kind === 'text-classification'
        ? textClassificationSection(pre, chain, withOnnx)
        : kind === 'text-generation'
          ? textGenerationSection(pre, chain, withOnnx)
          : otherTaskSection(pre, chain, withOnnx);
  return `${head}\n${body}`;
}

/**
 * README.md of an export bundle, written for the person who will run the model outside the app.
 */
import type { PreprocessingFile } from '../shared/preprocessing';
import type { ModelChain } from './model-chain';

function shapeText(shape: (number | null)[]): string {
  return `[batch, ${shape.map((d) => (d === null ? 'any' : String(d))).join(', ')}]`;
}

function forecastSection(pre: PreprocessingFile): string {
  const target = pre.target;
  const inputs = pre.inputs
    .map((i) => `- \`${i.name}\`: ${i.derived} of column \`${i.source}\`, scaler ${i.scaler.kind}`)
    .join('\n');
  const transform = !target
    ? ''
    : target.transform === 'level'
      ? 'The network predicts the scaled value itself.'
      : target.transform === 'difference'
        ? 'The network predicts the scaled change from the last observed value; add that value back.'
        : `The network predicts the scaled difference from the value one season (${target.period} steps) earlier; add that value back.`;
  return `## How a forecast is computed

1. Take the history up to the forecast origin, oldest first, without gaps.
2. Compute each input column and scale it: \`(x - center) / scale\` (values in preprocessing.json):
${inputs}
3. The window is the last ${pre.lookback} steps: an array of shape [1, ${pre.lookback}, ${pre.inputs.length}], float32.
4. Run the model. Its output holds ${pre.horizon} step(s) ahead${target ? ` of \`${target.name}\`` : ''}.
5. Un-scale each output: \`y * scale + center\`. ${transform}

\`predict.py\` and \`predict.cjs\` do exactly this; run \`python predict.py history.csv\` or
\`node predict.cjs history.csv\`.

### Python (onnxruntime)

\`\`\`python
import numpy as np, onnxruntime as ort
session = ort.InferenceSession("model/model.onnx")
window = np.zeros((1, ${pre.lookback}, ${pre.inputs.length}), np.float32)  # scaled inputs, step 3 above
scaled = session.run(["output"], {"input": window})[0]
\`\`\`

### Python (Keras 3)

\`\`\`python
import keras
model = keras.saving.load_model("model/model.keras")
scaled = model.predict(window)  # same window as above
\`\`\`

### JavaScript (TensorFlow.js for Node)

\`\`\`js
const tf = require('@tensorflow/tfjs-node');
const model = await tf.loadLayersModel('file://model/tfjs/model.json');
const scaled = model.predict(tf.tensor3d([window])).dataSync(); // window: ${pre.lookback} rows of ${pre.inputs.length} values
\`\`\`
`;
}

function otherTaskSection(pre: PreprocessingFile, chain: ModelChain): string {
  const text = pre.text;
  const encoding = text
    ? `Texts are split into ${text.tokens === 'char' ? 'characters' : 'words'}${text.lowercase ? ' after lower-casing' : ''}; each token becomes its index in \`text.vocabulary\` (0 is padding, 1 is an unknown token). Sequences are cut to ${text.maxLength} tokens (keeping the ${text.truncating === 'pre' ? 'end' : 'start'}) and padded with 0 at the ${text.padding === 'pre' ? 'start' : 'end'}.`
    : 'Each input column is scaled with its stored scaler: `(x - center) / scale`.';
  const classes = pre.classes ? `The output gives one probability per class, in the order of \`classes\`.` : '';
  return `## Inputs and outputs

${encoding} The model input is ${shapeText(chain.inputShape)} (${chain.inputKind === 'ids' ? 'int64 token ids in ONNX' : 'float32'}). ${classes}

\`\`\`python
import onnxruntime as ort
scores = ort.InferenceSession("model/model.onnx").run(["output"], {"input": batch})[0]
\`\`\`
`;
}

/** The README for a bundle of this model. */
export function bundleReadme(pre: PreprocessingFile | null, chain: ModelChain): string {
  const head = `# ${pre?.spec.name ?? 'Recurrent Studio model'}

Exported by Recurrent Studio${pre ? ` (task: ${pre.task})` : ''}.

| file | what it is |
|---|---|
| \`model/model.onnx\` | ONNX (opset 17): input \`input\` ${shapeText(chain.inputShape)}, output \`output\` ${shapeText(chain.outputShape)} |
| \`model/model.keras\` | Keras 3 model (\`keras.saving.load_model\`) |
| \`model/tfjs/\` | TensorFlow.js layers model (\`tf.loadLayersModel\`) |
| \`preprocessing.json\` | how raw values become model inputs and outputs become values again |
| \`predict.py\`, \`predict.cjs\` | ready-to-run forecasts from a CSV of history |

All three model files compute the same numbers.
`;
  if (!pre)
    return `${head}\nThis model was saved without preprocessing.json: it expects inputs already prepared as during training.\n`;
  return `${head}\n${pre.task === 'forecast' && pre.target ? forecastSection(pre) : otherTaskSection(pre, chain)}`;
}

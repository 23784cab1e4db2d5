/**
 * README.md of a sequence-to-sequence bundle: the two ONNX graphs (encoder, one decoder step),
 * how the app decodes with them, and the ready-to-run scripts.
 */
import type { PreprocessingFile } from '../../shared/preprocessing';
import { encodingText, type SkippedFormats } from '../bundle-readme';
import { stateNames } from './seq2seq-onnx';
import type { Seq2seqParts } from './seq2seq-parts';

/** The README for a bundle of a sequence-to-sequence model; `skipped` says why a format's files are missing. */
export function seq2seqReadme(pre: PreprocessingFile, parts: Seq2seqParts, skipped: SkippedFormats): string {
  const onnxSkipped = skipped.onnx;
  const text = pre.text!;
  const s2s = pre.seq2seq!;
  const settings = pre.spec.seq2seq;
  const S = parts.sourceLength;
  const H = parts.units;
  const V = parts.targetVocab;
  const states = stateNames(parts);
  const attention = parts.attention !== 'none';
  const stateList = states.map((s) => `\`${s}\` [batch, ${H}]`).join(', ');
  const nextList = states.map((s) => `\`next_${s}\` [batch, ${H}]`).join(', ');
  const limit = settings.maxOutputLength ?? s2s.targetMaxLength;
  const rows = [
    onnxSkipped ? null : '| `model/encoder.onnx` | ONNX (opset 17): the encoder, run once per source |',
    onnxSkipped
      ? null
      : '| `model/decoder_step.onnx` | ONNX (opset 17): one decoder step, run once per written token |',
    '| `model/tfjs/` | TensorFlow.js layers model as the app trained it (`tf.loadLayersModel`) |',
    '| `preprocessing.json` | tokens, both vocabularies, lengths and the decoding settings |',
    `| ${onnxSkipped ? '`predict.cjs`' : '`predict.py`, `predict.cjs`'} | ready-to-run outputs, the same as the app's |`,
  ].filter((r): r is string => r !== null);
  return `# ${pre.spec.name ?? 'Recurrent Studio model'}

Exported by Recurrent Studio (task: sequence-to-sequence).

| file | what it is |
|---|---|
${rows.join('\n')}
${onnxSkipped ? `\n- No ONNX files: ${onnxSkipped}\n` : ''}${skipped.keras ? `\n- No Keras files: ${skipped.keras}\n` : ''}
## Ready to run

\`${onnxSkipped ? '' : 'python predict.py "source text" or '}node predict.cjs "source text"\` prints the output the app writes for each source (several sources, or \`--file sources.txt\` with one per line). \`--decoding greedy|beam|sample\`, \`--beam-width N\`, \`--temperature T\` and \`--max-length N\` change the decoding (by default: ${settings.decoding}${settings.decoding === 'beam' ? `, width ${settings.beamWidth}` : ''}${settings.decoding === 'sample' ? `, temperature ${settings.temperature}` : ''}, at most ${limit} tokens, as in the app); \`--random-seed N\` sets the sampling draws (by default the training seed ${pre.spec.training.seed}, as the app). \`--json\` prints a list of {source, output, warning}. Sources with tokens the model never saw, or longer than it reads, get the app's warning on the error output; an empty source is refused.

## Sources and outputs

${encodingText(text)} A source is cut to its last ${S} tokens and padded with 0 in front, so the encoder's last step is the text's end. Outputs are tokens of \`seq2seq.targetVocabulary\`: 0 padding, 1 unknown, 2 the start token, 3 the end token. ${text.tokens === 'char' ? 'Output characters are joined as they are.' : 'Output words are joined with a space, except before punctuation marks and around line breaks.'}

## The two ONNX graphs

- \`encoder.onnx\`: input \`source\` [batch, ${S}] int64 token ids; outputs \`memory\` [batch, ${S}, ${H}] (the encoder outputs, one per source step) and the decoder's starting state${states.length > 1 ? 's' : ''} ${stateList}.${parts.cell === 'LSTM' ? ' The starting cell state `state_c` comes from the final state through a small tanh layer.' : ''}
- \`decoder_step.onnx\`: inputs \`token\` [batch] int64 (the previous output token; the start token 2 first) and ${stateList}${attention ? `, plus \`memory\` from the encoder` : ''}; outputs \`probabilities\` [batch, ${V}] of the next token, ${nextList} to feed back${attention ? `, and \`attention\` [batch, ${S}], the weights of the source steps (${parts.attention === 'dot' ? 'Luong dot: scores = h · memory' : 'Luong general: scores = h · W · memory'}, softmax over the steps)` : ''}.

${skipped.keras ? '' : `The Keras files have the same parts (\`keras.saving.load_model\`):  \`encoder.keras\` maps \`source\` (int32) to [memory, ${states.join(', ')}]; \`decoder_step.keras\` takes [token [batch, 1] int32, ${states.join(', ')}${attention ? ', memory' : ''}] and returns [probabilities, ${states.map((s) => `next ${s}`).join(', ')}${attention ? ', attention' : ''}].`}

## Decoding as the app does

1. Encode the source once.
2. Start with token 2 and the encoder's states; run one decoder step per output token, feeding back the token written and the new states.
3. Padding, unknown and start tokens are never written (their probabilities count as 0). The end token (3) stops an output; so does reaching ${limit} tokens.
4. Greedy: the likeliest token each step. Sampling: a token drawn from \`p^(1/temperature)\` with the app's seeded generator (mulberry32). Beam search: keep the \`width\` likeliest partial outputs by summed log-probability (probabilities renormalized after step 3); an output ending with the end token scores its log-probability divided by its length + 1; stop when \`width\` outputs have ended, and write the best-scoring.
`;
}

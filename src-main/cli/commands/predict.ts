/**
 * `recurrent predict`: uses a trained run for what its task does. Forecast models forecast every
 * window of a new file; text classifiers classify texts (from a file or the command line); text
 * generators continue a seed text; sequence-to-sequence models rewrite sources. Every form has --json.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadTf } from '../../tensorflow/load-tf';
import { classifyText, generateText } from '../../model-use/text-inference';
import { predictFile, readRunResult } from '../../model-use/index';
import type { ClassProbabilities } from '../../shared/types-model-use';
import type { Task } from '../../shared/spec';
import { predictSequencesFile } from '../../model-use/predict-sequences-file';
import { predictTextFile } from '../../model-use/predict-text-file';
import { predictLabelsFile } from '../../model-use/predict-labels-file';
import { tagText } from '../../model-use/tag-text';
import { EXIT, type CliIo } from '../io';
import { predictSeq2seq } from './predict-seq2seq';
import { usage, wholeNumber } from './args';

const OPTIONS = {
  run: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  text: { type: 'string', multiple: true },
  seed: { type: 'string' },
  length: { type: 'string' },
  temperature: { type: 'string' },
  'random-seed': { type: 'string' },
  // Sequence to sequence: how outputs are written.
  decoding: { type: 'string' },
  'beam-width': { type: 'string' },
  'max-length': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export async function runPredict(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
  if (!values.run)
    return usage(io, 'recurrent predict needs --run DIR (the folder `recurrent train --out DIR` wrote).');
  const runDir = path.resolve(values.run);
  const task: Task = (await readRunResult(runDir)).task;
  const { tf } = await loadTf();

  if (task === 'sequence-to-sequence') return predictSeq2seq(tf, runDir, values, io);

  if (task === 'text-generation') {
    if (values.seed === undefined) return usage(io, 'A text-generation model needs --seed TEXT to continue.');
    const length = wholeNumber('--length', values.length) ?? 200;
    if (typeof length === 'string') return usage(io, length);
    const temperature = values.temperature === undefined ? 0.8 : Number(values.temperature);
    if (!(temperature > 0 && temperature <= 5)) {
      return usage(io, `--temperature must be a number above 0 and at most 5, not "${values.temperature}".`);
    }
    const randomSeed = wholeNumber('--random-seed', values['random-seed'], 0);
    if (typeof randomSeed === 'string') return usage(io, randomSeed);
    const generated = await generateText(runDir, { tf, seed: values.seed, length, temperature, randomSeed });
    io.out(values.json ? JSON.stringify(generated) : generated.text);
    return EXIT.ok;
  }

  if (task === 'text-classification' && values.text?.length) {
    const results: (ClassProbabilities & { text: string })[] = [];
    for (const text of values.text) results.push({ text, ...(await classifyText(runDir, text, { tf })) });
    if (values.json) io.out(JSON.stringify(results));
    else io.out(results.map(describeClasses).join('\n'));
    return EXIT.ok;
  }

  if (task === 'sequence-labeling' && values.text?.length) {
    const tagged = [];
    for (const text of values.text) tagged.push(await tagText(tf, runDir, text));
    if (values.json) io.out(JSON.stringify(tagged));
    else {
      const lines = tagged.map((t) => {
        const words = t.words.map((w) => `${w.word}/${w.tag}${w.unknown ? '*' : ''}`).join(' ');
        return t.warning ? `${words}\n  ${t.warning}` : words;
      });
      io.out([...lines, '(* a word the model never saw in training)'].join('\n'));
    }
    return EXIT.ok;
  }

  if (
    task !== 'forecast' &&
    task !== 'text-classification' &&
    task !== 'sequence-classification' &&
    task !== 'sequence-labeling'
  ) {
    return usage(
      io,
      `recurrent predict does not handle ${task} models yet; evaluate them with \`recurrent evaluate\`.`,
    );
  }
  if (!values.data) {
    return usage(
      io,
      task === 'text-classification'
        ? 'A text classifier needs --data FILE (a column of texts) or one or more --text "…".'
        : `A ${{ forecast: 'forecast model', 'sequence-classification': 'sequence classifier', 'sequence-labeling': 'sequence labeler' }[task]} needs --data FILE shaped like its training data.`,
    );
  }
  const data = path.resolve(values.data);
  const out = values.out ? path.resolve(values.out) : undefined;
  const predict = {
    forecast: predictFile,
    'text-classification': predictTextFile,
    'sequence-classification': predictSequencesFile,
    'sequence-labeling': predictLabelsFile,
  }[task];
  const result = await predict(tf, runDir, data, out);
  if (values.json) {
    io.out(JSON.stringify(result));
    return EXIT.ok;
  }
  const what = {
    forecast: 'forecast rows',
    'text-classification': 'classified texts',
    'sequence-classification': 'classified sequences',
    'sequence-labeling': 'labelled rows',
  }[task];
  const lines = [`${result.rows} ${what} written to ${result.file}.`, ...result.problems];
  lines.push(result.header.join('\t'), ...result.preview.slice(0, 5).map((r) => r.join('\t')));
  io.out(lines.join('\n'));
  return EXIT.ok;
}

/** "positive 0.93  negative 0.07  — a fine film" with the unknown-words warning under it. */
function describeClasses(r: ClassProbabilities & { text: string }): string {
  const sorted = [...r.classes].sort((a, b) => b.probability - a.probability);
  const line = `${sorted.map((c) => `${c.label} ${c.probability.toFixed(2)}`).join('  ')}  — ${r.text}`;
  return r.warning ? `${line}\n  ${r.warning}` : line;
}

/**
 * Sequence-to-sequence exports: the bundle's predict.cjs (TensorFlow.js) and predict.py (the
 * two ONNX graphs in onnxruntime) write the very outputs the app writes — greedy, beam search
 * and seeded sampling — on small models trained here (a GRU with dot attention and a
 * bidirectional encoder; a stacked LSTM with general attention and one shared vocabulary).
 * The models need not be good, only varied enough that equal outputs are not a coincidence.
 * The two Keras files are loaded in Keras 3 and decode greedily to the same outputs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTokens, fitLength, vocabularyIndex } from '../../src-main/data/prepare/text';
import { exportModel } from '../../src-main/export/index';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { translateTexts, type DecodeChoice } from '../../src-main/model-use/seq2seq-inference';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { ExperimentSpecInput } from '../../src-main/shared/spec';
import { runSpec } from '../engine/tasks/run-helper';
import { lastJson, runScript, scriptRefusal, unpackedBundle } from './bundle-helpers';
import { ensureKerasPython } from './python-keras';

const MODELS: Record<string, Pick<ExperimentSpecInput, 'model' | 'seq2seq'>> = {
  'gru-dot': {
    model: { cell: 'GRU', layers: [{ units: 16, bidirectional: true }], embeddingDim: 12 },
    seq2seq: { targetMaxLength: 10, attention: 'dot' },
  },
  'lstm-general': {
    model: { cell: 'LSTM', layers: [{ units: 10 }, { units: 12 }], embeddingDim: 10 },
    seq2seq: { targetMaxLength: 10, attention: 'general', sharedVocabulary: true },
  },
};

const DECODINGS: [string, DecodeChoice, string[]][] = [
  ['greedy', { method: 'greedy' }, ['--decoding', 'greedy']],
  ['beam search', { method: 'beam', beamWidth: 3 }, ['--decoding', 'beam', '--beam-width', '3']],
  [
    'seeded sampling',
    { method: 'sample', temperature: 0.8, maxLength: 7 },
    ['--decoding', 'sample', '--temperature', '0.8', '--max-length', '7'],
  ],
];

interface ScriptOutput {
  source: string;
  output: string;
  warning: string | null;
}

let dir = '';
let sources: string[] = [];
const bundles: Record<string, { dir: string; zip: Record<string, Uint8Array> }> = {};
let python: string | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-seq2seq-bundle-'));
  const lines = (await readFile('resources/samples/dates-written-many-ways.csv', 'utf8')).split('\n');
  const data = join(dir, 'dates.csv');
  await writeFile(data, `${lines.slice(0, 401).join('\n')}\n`);
  // Sources the models did not train on, with an unknown character and one longer than they read.
  sources = lines
    .slice(7000, 7016)
    .map((l) => (l.startsWith('"') ? l.slice(1, l.lastIndexOf('"')) : l.split(',')[0]))
    .filter((s) => s.trim() !== '');
  sources.push('4 März 2021', 'on the fourth day of the month of March in the year 2021');
  for (const [name, settings] of Object.entries(MODELS)) {
    const result = await runSpec(dir, name, {
      task: 'sequence-to-sequence',
      data: {
        file: data,
        columnTypes: { written: 'text', iso: 'text' },
        targetColumns: ['iso'],
        text: { column: 'written', tokens: 'char', maxLength: 24 },
      },
      training: {
        epochs: name === 'gru-dot' ? 6 : 3,
        batchSize: 32,
        optimizer: { name: 'adam', learningRate: 0.01 },
        seed: 9,
      },
      ...settings,
    });
    if (result.status !== 'completed') throw new Error(result.error ?? result.status);
    bundles[name] = await unpackedBundle(join(dir, name, 'model'));
  }
  python = ensureKerasPython();
}, 40 * 60_000);

afterAll(async () => {
  await Promise.all(
    [dir, ...Object.values(bundles).map((b) => b.dir)]
      .filter(Boolean)
      .map((d) => rm(d, { recursive: true, force: true })),
  );
});

async function appOutputs(name: string, choice: DecodeChoice): Promise<string[]> {
  const { tf } = await loadTf();
  return (await translateTexts(tf, join(dir, name), sources, choice)).map((o) => o.produced);
}

function scriptOutputs(name: string, command: string, script: string, flags: string[]): ScriptOutput[] {
  return lastJson<ScriptOutput[]>(runScript(bundles[name].dir, command, [script, ...sources, ...flags, '--json']));
}

describe('sequence-to-sequence bundles', () => {
  it('hold the two ONNX graphs, the TensorFlow.js model, the scripts and a README on decoding', () => {
    for (const b of Object.values(bundles)) {
      expect(Object.keys(b.zip)).toEqual(
        expect.arrayContaining([
          'model/encoder.onnx',
          'model/decoder_step.onnx',
          'model/tfjs/model.json',
          'preprocessing.json',
          'predict.cjs',
          'predict.py',
          'README.md',
        ]),
      );
    }
    const readme = strFromU8(bundles['lstm-general'].zip['README.md']);
    expect(readme).toContain('`decoder_step.onnx`: inputs `token` [batch] int64');
    expect(readme).toContain('`state_c`');
    expect(readme).toContain('Luong general');
    expect(strFromU8(bundles['gru-dot'].zip['README.md'])).not.toContain('state_c');
  });

  it('the trained models write varied outputs, so equal outputs are no coincidence', async () => {
    expect(new Set(await appOutputs('gru-dot', { method: 'greedy' })).size).toBeGreaterThanOrEqual(5);
    // Sampled outputs follow every probability the decoder gives, so they vary for both models.
    for (const name of Object.keys(MODELS)) {
      const sampled = await appOutputs(name, DECODINGS[2][1]);
      expect(new Set(sampled).size, name).toBeGreaterThanOrEqual(5);
    }
  });

  for (const name of Object.keys(MODELS)) {
    for (const [label, choice, flags] of DECODINGS) {
      it(`${name}: predict.cjs writes the app's outputs (${label})`, async () => {
        const want = await appOutputs(name, choice);
        expect(scriptOutputs(name, 'node', 'predict.cjs', flags).map((o) => o.output)).toEqual(want);
      });

      it(`${name}: predict.py with the ONNX graphs writes the app's outputs (${label})`, async (ctx) => {
        if (!python) return ctx.skip();
        const want = await appOutputs(name, choice);
        expect(scriptOutputs(name, python, 'predict.py', flags).map((o) => o.output)).toEqual(want);
      });
    }
  }

  it("both scripts warn about unknown and cut source tokens in the app's words", async () => {
    const { tf } = await loadTf();
    const app = await translateTexts(tf, join(dir, 'gru-dot'), sources);
    const commands: [string, string][] = [['node', 'predict.cjs']];
    if (python) commands.push([python, 'predict.py']);
    for (const [command, script] of commands) {
      const got = scriptOutputs('gru-dot', command, script, []);
      expect(got.map((o) => o.warning)).toEqual(app.map((o) => o.warning));
    }
    expect(app[app.length - 2].warning).toMatch(/never saw the characters? .*'ä'/);
    expect(app[app.length - 1].warning).toMatch(/longer than the model reads/);
  });

  it('both scripts refuse an empty source and wrong options with one sentence', () => {
    const commands: [string, string][] = [['node', 'predict.cjs']];
    if (python) commands.push([python, 'predict.py']);
    for (const [command, script] of commands) {
      const b = bundles['gru-dot'].dir;
      expect(scriptRefusal(b, command, [script, 'March 4, 2021', '  '])).toBe(
        'Source 2 is empty: type the text the model should rewrite.',
      );
      expect(scriptRefusal(b, command, [script, 'x', '--decoding', 'best'])).toBe(
        '--decoding must be one of greedy, beam, sample (it is best).',
      );
      expect(scriptRefusal(b, command, [script, 'x', '--beam-width', '0'])).toBe(
        '--beam-width must be a whole number of at least 1 (it is 0).',
      );
      expect(scriptRefusal(b, command, [script])).toBe(
        'Give at least one source text, or --file with one source per line.',
      );
    }
  });
});

describe('sequence-to-sequence ONNX and Keras exports', () => {
  it('ONNX writes the encoder and the decoder step beside each other', async () => {
    const out = await mkdtemp(join(tmpdir(), 'rs-seq2seq-onnx-'));
    try {
      const { files } = await exportModel(join(dir, 'gru-dot', 'model'), 'onnx', join(out, 'dates'));
      expect(files.sort()).toEqual([join(out, 'dates.decoder_step.onnx'), join(out, 'dates.encoder.onnx')]);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it(
    'Keras writes the encoder and the decoder step, which decode like the app in Keras 3',
    async (ctx) => {
      const out = await mkdtemp(join(tmpdir(), 'rs-seq2seq-keras-'));
      try {
        for (const name of Object.keys(MODELS)) {
          const { files } = await exportModel(join(dir, name, 'model'), 'keras', join(out, name, 'dates.keras'));
          expect(files.sort()).toEqual([
            join(out, name, 'dates.decoder_step.keras'),
            join(out, name, 'dates.encoder.keras'),
          ]);
          if (!python) return ctx.skip();
          await rename(files[0], join(out, name, 'decoder_step.keras'));
          await rename(files[1], join(out, name, 'encoder.keras'));
          const pre = JSON.parse(strFromU8(bundles[name].zip['preprocessing.json'])) as PreprocessingFile;
          const t = pre.text!;
          const lookup = vocabularyIndex(t.vocabulary);
          const rows = sources.map((s) => Array.from(fitLength(encodeTokens(s, lookup, t), t)));
          const run = spawnSync(python, ['test/export/seq2seq-keras-decode.py', join(out, name), '10'], {
            input: JSON.stringify(rows),
            encoding: 'utf8',
          });
          expect(run.status, run.stderr).toBe(0);
          const ids = lastJson<number[][]>(run.stdout);
          const written = ids.map((row) => row.map((id) => pre.seq2seq!.targetVocabulary[id]).join(''));
          expect(written).toEqual(await appOutputs(name, { method: 'greedy' }));
        }
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    },
    20 * 60_000,
  );

  it('the Keras training project says what to export instead', async () => {
    await expect(exportModel(join(dir, 'gru-dot', 'model'), 'keras-project', join(dir, 'project'))).rejects.toThrow(
      /retrains forecasts only: for a sequence-to-sequence model export Keras/,
    );
  });
});

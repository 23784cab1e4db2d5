/**
 * The bundle scripts check preprocessing.json with the same field rules as the app's schema:
 * for every rule, a file that breaks it is refused by the schema, by predict.cjs and by
 * predict.py, each naming the same field, the scripts with one sentence and exit code 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORECAST_RULES, type FieldRule } from '../../src-main/export/scripts/preprocessing-check';
import { FORECAST_JS } from '../../src-main/export/scripts/forecast-js';
import { FORECAST_PY } from '../../src-main/export/scripts/forecast-py';
import { CLASSIFY_JS } from '../../src-main/export/scripts/text-classify';
import { SEQ2SEQ_JS } from '../../src-main/export/scripts/seq2seq-js';
import { SEQ2SEQ_PY } from '../../src-main/export/scripts/seq2seq-py';
import { readPreprocessing } from '../../src-main/shared/preprocessing-schema';
import { DAMAGED_PREPROCESSING, validPreprocessing } from '../shared/preprocessing-fixture';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pre-check-'));
  await writeFile(join(dir, 'predict.cjs'), FORECAST_JS);
  await writeFile(join(dir, 'predict.py'), FORECAST_PY);
  await writeFile(join(dir, 'classify.cjs'), CLASSIFY_JS);
  await writeFile(join(dir, 'rewrite.cjs'), SEQ2SEQ_JS);
  await writeFile(join(dir, 'rewrite.py'), SEQ2SEQ_PY);
  await writeFile(join(dir, 'history.csv'), 'y\n1\n2\n3\n4\n5\n6\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const WRONG: Record<FieldRule[1], unknown> = {
  int: 'abc',
  number: 'x',
  positive: 0,
  enum: 'zzz',
  list: 5,
  string: 7,
  bool: 'yes',
};

/** A valid forecast file with the field at `path` (first list element for "*") set to `value`. */
function breaking(path: string, value: unknown): Record<string, unknown> {
  const file = JSON.parse(JSON.stringify(validPreprocessing())) as Record<string, unknown>;
  const parts = path.split('.').map((p) => (p === '*' ? '0' : p));
  let at = file as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) at = at[p] as Record<string, unknown>;
  at[parts.at(-1) as string] = value;
  return file;
}

function run(command: string, script: string): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(command, [join(dir, script), join(dir, 'history.csv')], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stderr: r.stderr.trim(), stdout: r.stdout.trim() };
}

describe('bundle scripts check preprocessing.json like the app', () => {
  it.each(FORECAST_RULES.map((r) => [r[0], r] as const))(
    'a wrong %s is refused by the schema and both scripts',
    async (_path, rule) => {
      const [path, kind] = rule;
      const shown = path.replace('*', '0');
      const file = breaking(path, WRONG[kind]);
      await writeFile(join(dir, 'preprocessing.json'), JSON.stringify(file));
      expect(() => readPreprocessing(file, 'preprocessing.json')).toThrow(
        path === 'format' ? /not a Recurrent Studio/ : path === 'version' ? /version/ : shown,
      );
      for (const [command, script] of [
        [process.execPath, 'predict.cjs'],
        ['python3', 'predict.py'],
      ]) {
        const r = run(command, script);
        expect(r.status, `${script}: ${r.stderr}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toContain(`preprocessing.json is damaged: ${shown} must be`);
        expect(r.stderr.split('\n')).toHaveLength(1);
      }
    },
  );

  it.each(DAMAGED_PREPROCESSING)('the probe case "%s" stops predict.cjs with exit 2', async (_name, damage) => {
    const file = JSON.parse(JSON.stringify(validPreprocessing())) as Record<string, unknown>;
    damage(file);
    await writeFile(join(dir, 'preprocessing.json'), JSON.stringify(file));
    // The forecast without a target is the schema's own rule (task forecast needs one); the script needs target.name.
    const r = run(process.execPath, 'predict.cjs');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^preprocessing\.json is damaged: .* must be .*; export the model again from Recurrent Studio\.$/,
    );
  });

  it('a missing or unreadable preprocessing.json is one sentence too', async () => {
    await writeFile(join(dir, 'preprocessing.json'), '{ not json');
    const r = run(process.execPath, 'predict.cjs');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^preprocessing\.json beside this script cannot be read \(.*\); export the model again/);
    const py = run('python3', 'predict.py');
    expect(py.status).toBe(2);
    expect(py.stderr).toMatch(/^preprocessing\.json beside this script cannot be read/);
  });

  it('the text scripts check their fields too', async () => {
    const file = {
      ...validPreprocessing(),
      task: 'text-classification',
      text: {
        tokens: 'word',
        lowercase: true,
        maxLength: 'abc',
        padding: 'pre',
        truncating: 'pre',
        vocabulary: ['', '?', 'a'],
      },
      classes: ['x', 'y'],
    };
    await writeFile(join(dir, 'preprocessing.json'), JSON.stringify(file));
    const r = run(process.execPath, 'classify.cjs');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'preprocessing.json is damaged: text.maxLength must be a whole number of at least 1 (it is "abc")',
    );
  });

  it('the sequence-to-sequence scripts check the target side and the decoding settings', async () => {
    const text = {
      tokens: 'char',
      lowercase: true,
      maxLength: 12,
      padding: 'pre',
      truncating: 'pre',
      vocabulary: ['<pad>', '<oov>', 'a'],
    };
    const spec = { ...validPreprocessing().spec };
    const cases: [Record<string, unknown>, string][] = [
      [
        {
          seq2seq: { targetVocabulary: 'abc', targetMaxLength: 10 },
          spec: { ...spec, seq2seq: { decoding: 'greedy', beamWidth: 4, temperature: 1, maxOutputLength: null } },
        },
        'seq2seq.targetVocabulary must be a list (it is "abc")',
      ],
      [
        {
          seq2seq: { targetVocabulary: ['<pad>', '<oov>', '<start>', '<end>'], targetMaxLength: 10 },
          spec: { ...spec, seq2seq: { decoding: 'best', beamWidth: 4, temperature: 1, maxOutputLength: null } },
        },
        'spec.seq2seq.decoding must be one of greedy, beam, sample (it is "best")',
      ],
    ];
    for (const [fields, message] of cases) {
      const file = { ...validPreprocessing(), task: 'sequence-to-sequence', text, classes: null, ...fields };
      await writeFile(join(dir, 'preprocessing.json'), JSON.stringify(file));
      for (const [command, script] of [
        [process.execPath, 'rewrite.cjs'],
        ['python3', 'rewrite.py'],
      ]) {
        const r = run(command, script);
        expect(r.status, `${script}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toBe(
          `preprocessing.json is damaged: ${message}; export the model again from Recurrent Studio.`,
        );
      }
    }
  });
});

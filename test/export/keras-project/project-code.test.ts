/**
 * The Python a training project ships treats the user's files and the spec as data: nothing in
 * them is evaluated, no command line goes through a shell, and every cell written to a CSV goes
 * through the formula neutralization.
 */
import { describe, expect, it } from 'vitest';
import { EVALUATE_CLASSES_PY } from '../../../src-main/export/keras-project/evaluate-classes-py';
import { EVALUATE_FORECAST_PY } from '../../../src-main/export/keras-project/evaluate-forecast-py';
import { MODEL_PY } from '../../../src-main/export/keras-project/model-py';
import { PREPARE_PY } from '../../../src-main/export/keras-project/prepare-py';
import { PREPARE_TEXT_PY } from '../../../src-main/export/keras-project/prepare-text-py';
import { SEARCH_PY } from '../../../src-main/export/keras-project/search-py';
import { TRAIN_PY } from '../../../src-main/export/keras-project/train-py';

const FILES: Record<string, string> = {
  'train.py': TRAIN_PY,
  'prepare.py (forecast)': PREPARE_PY,
  'prepare.py (texts)': PREPARE_TEXT_PY,
  'evaluate.py (forecast)': EVALUATE_FORECAST_PY,
  'evaluate.py (texts)': EVALUATE_CLASSES_PY,
  'model.py': MODEL_PY,
  'search.py': SEARCH_PY,
};

describe('the Python of a training project', () => {
  it.each(Object.entries(FILES))('%s evaluates nothing it reads and starts no shell', (_, code) => {
    expect(code).not.toMatch(/\beval\(|\bexec\(|__import__|pickle|os\.system|os\.popen|shell\s*=\s*True/);
  });

  it('search.py starts train.py with a list of arguments', () => {
    expect(SEARCH_PY).toMatch(/command = \[sys\.executable, os\.path\.join\(work, "train\.py"\), "--data", data_path/);
    expect(SEARCH_PY).toContain('subprocess.run(command, cwd=work');
  });

  it.each([
    ['forecast', EVALUATE_FORECAST_PY],
    ['texts', EVALUATE_CLASSES_PY],
  ])('every CSV row of the %s predictions goes through csv_cell', (_, code) => {
    // A header of fixed words needs no neutralizing; every row built from data does.
    const fixedHeader = /\.writerow\(\[(\s*"[^"]*",?)+\s*\]\)/;
    const rows = code.split('\n').filter((line) => line.includes('.writerow(') && !fixedHeader.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const line of rows) expect(line).toContain('csv_cell');
  });
});

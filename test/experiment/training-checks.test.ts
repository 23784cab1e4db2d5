/**
 * The checks before training, on files a user might bring: each case is one the issue reported
 * passing as "Settings are valid" (lookback 5000 on 1,461 daily rows; lookback 1000 leaving a few
 * windows; 1-row and 3-row files) or one that must keep passing (the samples).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import {
  MIN_RELIABLE_TEST,
  MIN_SHORT_SERIES_WINDOWS,
  MIN_TRAINING_SAMPLES,
  checkTraining,
  smallTestCaution,
} from '../../src-main/experiment/training-checks';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import { tempFile } from '../data/helpers';

/** 1,461 daily temperatures (four years), like the file in the issue. */
function dailyCsv(rows: number): string {
  const lines = ['date,temp'];
  const start = Date.UTC(2013, 0, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${day},${(10 + 8 * Math.sin((2 * Math.PI * i) / 365)).toFixed(2)}`);
  }
  return `${lines.join('\n')}\n`;
}

async function check(csv: string, change: (spec: ExperimentSpec) => void = () => undefined) {
  const { table, summary } = await loadTable(tempFile(csv));
  const spec = suggestSpec(summary);
  change(spec);
  const parsed = parseSpec(spec);
  if (!parsed.ok) throw new Error(parsed.problems[0].message);
  return checkTraining(table, parsed.spec);
}

describe('checkTraining on a forecast', () => {
  it('counts the windows per split of the suggested spec and finds nothing wrong', async () => {
    const result = await check(dailyCsv(1461));
    expect(result.problems).toEqual([]);
    const w = result.windows;
    expect(w?.unit).toBe('windows');
    expect(w?.rows).toBe(1461);
    // 15% test and validation of 1,461 steps: 219 steps each, one window per step at horizon 1.
    expect(w?.test).toBe(219);
    expect(w?.validation).toBe(219);
    expect(w?.train).toBe(1461 - 219 - 219 - (w ? 1461 - 438 - w.train : 0));
    expect(w && w.train > 900).toBe(true);
  });

  it('refuses lookback 5000 on 1,461 rows with the longest window that works', async () => {
    const result = await check(dailyCsv(1461), (s) => (s.data.lookback = 5000));
    expect(result.windows?.train).toBe(0);
    expect(result.problems).toHaveLength(1);
    const [p] = result.problems;
    expect(p.path).toBe('data.lookback');
    expect(p.field).toBe('Window (lookback)');
    // 1,461 − 2 × 219 = 1,023 training steps; 30 windows need lookback ≤ 1,023 − 1 − 29 = 993.
    expect(p.message).toContain('at most 993 steps');
    expect(p.message).toContain(`at least ${MIN_TRAINING_SAMPLES}`);
    expect(p.message).not.toMatch(/data\.lookback/);
  });

  it('refuses lookback 1000 that leaves a handful of training windows, naming how many', async () => {
    const result = await check(dailyCsv(1461), (s) => (s.data.lookback = 1000));
    expect(result.windows?.train).toBe(23);
    expect(result.problems[0].message).toMatch(/leaves 23 training windows/);
    expect(result.problems[0].message).toMatch(/series of at least \d+ steps/);
  });

  it('accepts the longest window it proposes', async () => {
    const result = await check(dailyCsv(1461), (s) => (s.data.lookback = 993));
    expect(result.problems).toEqual([]);
    expect(result.windows?.train).toBe(MIN_TRAINING_SAMPLES);
  });

  it.each([1, 3])('refuses a %i-row file with a sentence about the file', async (rows) => {
    const result = await check(dailyCsv(rows));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].path).toBe('data.file');
    expect(result.problems[0].message).toContain(`only ${rows} row`);
    expect(result.problems[0].message).toMatch(/at least \d+ steps/);
  });

  it('lets plain forecasts stand behind a network on a series too short for 30 training windows', async () => {
    // 36 daily values: no window leaves 30 training windows, the case of a three-year monthly file.
    const result = await check(dailyCsv(36));
    expect(result.problems).toEqual([]);
    const w = result.windows;
    expect(w && w.train < MIN_TRAINING_SAMPLES && w.train >= MIN_SHORT_SERIES_WINDOWS).toBe(true);
    expect(result.cautions[0]).toContain(`Only ${w?.train} training windows in this series of 36 steps`);
    expect(result.cautions[0]).toContain(`the ${w?.validation} validation windows`);
    expect(result.cautions[0]).toMatch(/otherwise the model is the best of those plain forecasts/);
  });

  it('refuses that short series when the user chose the target transform (no guard stands behind it)', async () => {
    const result = await check(dailyCsv(36), (s) => (s.data.targetTransform = 'difference'));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].path).toBe('data.file');
    expect(result.problems[0].message).toContain('only 36 rows');
  });

  it('lets the short series of a file forecast as a whole train, each judged against its plain forecasts', async () => {
    // Three series of 17 yearly values, as in the Iowa electricity sample.
    const lines = ['source,year,gwh'];
    for (const [s, source] of ['coal', 'wind', 'nuclear'].entries())
      for (let y = 0; y < 17; y++) lines.push(`${source},${2001 + y}-01-01,${100 * (s + 1) + 7 * y + ((y * 7) % 5)}`);
    const result = await check(`${lines.join('\n')}\n`);
    expect(result.problems).toEqual([]);
    expect(result.cautions[0]).toMatch(/^Only \d+ training windows over the 3 series of this file/);
    expect(result.cautions[0]).toContain(
      "each series keeps it only if it forecasts that series' validation windows better",
    );
  });

  it('refuses a series too short even for the plain forecasts to be judged', async () => {
    const result = await check(dailyCsv(14));
    expect(result.windows && result.windows.train < MIN_SHORT_SERIES_WINDOWS).toBe(true);
    expect(result.problems[0].message).toContain('only 14 rows');
    expect(result.problems[0].message).toMatch(
      /or \d+ steps \(with a window of \d+\) for a forecast that falls back on the plain forecasts/,
    );
  });

  it('cautions about a small test set without refusing', async () => {
    const result = await check(dailyCsv(150));
    expect(result.problems).toEqual([]);
    expect(result.windows?.test).toBeLessThan(MIN_RELIABLE_TEST);
    expect(result.cautions[0]).toMatch(/Judged on only \d+ test windows/);
  });
});

describe('checkTraining on texts', () => {
  function reviews(n: number): string {
    const rows = ['review,sentiment'];
    for (let i = 0; i < n; i++)
      rows.push(
        `"${i % 2 ? 'a fine film, well acted' : 'dull and far too long'} ${i}",${i % 2 ? 'positive' : 'negative'}`,
      );
    return `${rows.join('\n')}\n`;
  }

  it('counts texts per split for text classification', async () => {
    const result = await check(reviews(200));
    expect(result.windows).toEqual({ train: 140, validation: 30, test: 30, unit: 'texts', rows: 200 });
    expect(result.problems).toEqual([]);
  });

  it('refuses too few labelled texts with the number needed', async () => {
    const result = await check(reviews(20));
    expect(result.problems[0].message).toMatch(/20 texts leave 14 training texts.*at least 42 in all/);
  });

  it('reports a missing label column as a problem, not a crash', async () => {
    const result = await check(reviews(50), (s) => (s.data.targetColumns = ['rating']));
    expect(result.windows).toBeNull();
    expect(result.problems[0].message).toContain("'rating'");
  });
});

describe('the samples', () => {
  const dir = resolve(__dirname, '../../resources/samples');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.sample.json'));

  it.each(samples)('%s passes the checks', async (file) => {
    const sample = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      task: string;
      dataFile: string;
      spec: { data: object };
    };
    const spec = parseSpec({
      ...sample.spec,
      task: sample.task,
      data: { ...sample.spec.data, file: join(dir, sample.dataFile) },
    });
    if (!spec.ok) throw new Error(spec.problems[0].message);
    const { table } = await loadTable(spec.spec.data.file, { typeOverrides: spec.spec.data.columnTypes });
    expect(checkTraining(table, spec.spec).problems).toEqual([]);
  });
});

describe('smallTestCaution', () => {
  it('is silent for an empty or large test set and speaks in the task’s unit', () => {
    expect(smallTestCaution(0, 'texts')).toBeNull();
    expect(smallTestCaution(MIN_RELIABLE_TEST, 'texts')).toBeNull();
    expect(smallTestCaution(1, 'sequences')).toMatch(/only 1 test sequence:/);
  });
});

describe('resultCaution', () => {
  it('cautions a forecast judged on few test windows and a classifier on few texts', async () => {
    const { resultCaution } = await import('../../src-main/experiment/result-caution');
    const parsed = parseSpec({ data: { file: '/x.csv', targetColumns: ['y'], lookback: 5 } });
    if (!parsed.ok) throw new Error('spec');
    const forecast = {
      kind: 'forecast',
      series: { time: [], actual: new Array(100).fill(1), predicted: [], validationStart: 70, testStart: 85 },
    } as unknown as Parameters<typeof resultCaution>[0];
    expect(resultCaution(forecast, parsed.spec)).toMatch(/only 15 test windows/);
    const classification = {
      kind: 'classification',
      perClass: [
        { label: 'a', precision: 1, recall: 1, f1: 1, support: 20 },
        { label: 'b', precision: 1, recall: 1, f1: 1, support: 20 },
      ],
    } as unknown as Parameters<typeof resultCaution>[0];
    expect(resultCaution(classification, { ...parsed.spec, task: 'text-classification' })).toBeNull();
  });

  it('counts the test windows of every series of a model over several', async () => {
    const { resultCaution } = await import('../../src-main/experiment/result-caution');
    const parsed = parseSpec({ data: { file: '/x.csv', targetColumns: ['y'], lookback: 5, series: { scope: 'all' } } });
    if (!parsed.ok) throw new Error('spec');
    const chart = (n: number) => ({
      time: [],
      actual: new Array(n).fill(1),
      predicted: [],
      validationStart: 0,
      testStart: 0,
    });
    // 15 test windows in each of three series of 100: 45 in all, more than a firm verdict needs.
    const three = {
      kind: 'forecast',
      series: chart(100),
      global: { charts: { a: chart(100), b: chart(100), c: chart(100) } },
    };
    expect(resultCaution(three as unknown as Parameters<typeof resultCaution>[0], parsed.spec)).toBeNull();
    const two = { kind: 'forecast', series: chart(60), global: { charts: { a: chart(60), b: chart(60) } } };
    expect(resultCaution(two as unknown as Parameters<typeof resultCaution>[0], parsed.spec)).toMatch(
      /only 18 test windows/,
    );
  });
});

describe('known-future leakage', () => {
  /** Two stock prices of the same days and a planned holiday flag. */
  function stocks(): string {
    const rows = ['date,aapl,msft,holiday'];
    let a = 100;
    let m = 200;
    for (let i = 0; i < 400; i++) {
      a += Math.sin(i * 1.3) * 2;
      m += Math.cos(i * 0.7) * 3;
      const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      rows.push(`${day},${a.toFixed(2)},${m.toFixed(2)},${i % 30 === 0 ? 1 : 0}`);
    }
    return rows.join('\n');
  }

  it('cautions when another measured series is marked as known in advance', async () => {
    const result = await check(stocks(), (s) => {
      s.data.targetColumns = ['aapl'];
      s.data.knownFutureColumns = ['msft'];
    });
    expect(result.problems).toEqual([]);
    expect(result.cautions.join(' ')).toMatch(/'msft' is used as known in advance.*past-only/);
  });

  it('stays silent for a planned flag', async () => {
    const result = await check(stocks(), (s) => {
      s.data.targetColumns = ['aapl'];
      s.data.knownFutureColumns = ['holiday'];
    });
    expect(result.cautions.some((c) => c.includes('known in advance'))).toBe(false);
  });
});

describe('forecastMapeNote', () => {
  it('explains a missing MAPE from the test actuals, and is silent when MAPE is given', async () => {
    const { forecastMapeNote } = await import('../../src-main/experiment/result-caution');
    const evaluation = (mape: number | null, actual: number[]) =>
      ({
        kind: 'forecast',
        metrics: { rmse: 1, mae: 1, r2: 0, mape, smape: 1 },
        series: { time: [], actual, predicted: [], validationStart: 2, testStart: 4 },
      }) as unknown as Parameters<typeof forecastMapeNote>[0];
    // Temperatures: the training part is all positive, the test part crosses zero.
    expect(forecastMapeNote(evaluation(null, [12, 9, 5, 3, 1, -2, -4]))).toMatch(/cross zero/);
    expect(forecastMapeNote(evaluation(4.2, [120, 130, 140, 150, 160]))).toBeNull();
  });
});

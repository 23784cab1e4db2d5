/**
 * The automatic search on the native engine with tiny budgets on a generated monthly series: the
 * scoring keeps the stretch out of training, tells a clearly better candidate from a poor one,
 * and the CLI ends in an ordinary run whose verdict says what was searched.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBudget } from '../../src-main/cli/commands/search-automatic';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { rmseOf, scoreOnStretches, seriesPrefix } from '../../src-main/search/stretch-score';
import { searchSeries } from '../../src-main/search/search-series';
import { planAutomatic } from '../../src-main/search/automatic-plan';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import type { RunResult } from '../../src-main/shared/types';
import type { SearchState } from '../../src-main/shared/types-project';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { cli } from '../cli/run-cli';

/** Twelve years of a monthly series: a strong 12-month season on a gentle trend, with a little noise. */
function seasonalCsv(): string {
  let state = 7;
  const noise = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647 - 0.5;
  };
  const rows = ['month,value'];
  for (let i = 0; i < 144; i++) {
    const date = new Date(Date.UTC(2010, i, 1)).toISOString().slice(0, 10);
    rows.push(`${date},${(100 + 0.3 * i + 15 * Math.sin((2 * Math.PI * i) / 12) + noise()).toFixed(3)}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('automatic search on the native engine', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rs-automatic-'));
    file = join(dir, 'monthly.csv');
    await writeFile(file, seasonalCsv());
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  function spec(extra: { data?: Record<string, unknown>; training?: Record<string, unknown> } = {}): ExperimentSpec {
    const parsed = parseSpec({
      name: 'Monthly',
      data: { file, timeColumn: 'month', targetColumns: ['value'], lookback: 13, ...extra.data },
      model: { layers: [{ units: 8 }] },
      training: { epochs: 6, batchSize: 16, ...extra.training },
    });
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join(' '));
    return parsed.spec;
  }

  it('scores a candidate on data it never trained on, and tells a clearly better one apart', async () => {
    const loaded = await loadTf();
    const base = spec();
    const series = await searchSeries(base);
    const plan = planAutomatic(series, base);
    const stretches = plan.stretches.slice(0, 2);
    const score = (transform: string, s = series) =>
      scoreOnStretches(
        loaded,
        s,
        { ...plan.base, data: { ...plan.base.data, targetTransform: transform as 'level' } },
        stretches,
        3,
        new TrainControl(),
      );
    const seasonal = await score('seasonal-residual');
    const level = await score('level');
    // Both are scored on the same origins, with the same baselines.
    expect(seasonal.count).toBe(level.count);
    expect(seasonal.count).toBe(stretches.flat().length);
    expect(seasonal.naive).toBeCloseTo(level.naive, 6);
    // Three epochs cannot teach a level network a 15-unit season; the seasonal residual starts from it.
    expect(rmseOf(seasonal.model, seasonal.count)).toBeLessThan(0.5 * rmseOf(level.model, level.count));
    expect(rmseOf(seasonal.model, seasonal.count)).toBeLessThan(rmseOf(seasonal.seasonal!, seasonal.count));

    // Values after the newest stretch's last target cannot change its score: they are never read.
    const end = Math.max(...stretches[0]) + base.data.horizon;
    const changed = seriesPrefix(series, series.target.length);
    changed.target = Float64Array.from(series.target, (v, i) => (i >= end ? v * 50 : v));
    changed.targets = [{ name: 'value', values: changed.target }];
    const again = await score('seasonal-residual', changed);
    expect(again.naive).toBe(seasonal.naive);
    expect(again.model).toBeCloseTo(seasonal.model, 3);
  });

  it('recurrent search --automatic ends in a run of the winner whose verdict says what was searched', async () => {
    await writeFile(join(dir, 'spec.json'), JSON.stringify(spec()));
    const out = join(dir, 'out');
    const r = await cli('search', '--automatic', '--budget', '12s', '--spec', join(dir, 'spec.json'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/rung 1 of \d .*candidates; .*left\./);
    expect(r.out).toMatch(/Automatic search completed\./);
    expect(r.out).toMatch(/Its final run on the test split: RMSE [\d.]+, naive [\d.]+, seasonal naive [\d.]+\./);
    const saved = JSON.parse(await readFile(join(out, 'search.json'), 'utf8')) as SearchState;
    expect(saved.status).toBe('completed');
    expect(saved.bestRunId).toMatch(/-final$/);
    // The budget stopped the search before every candidate was scored.
    expect(saved.rows.filter((row) => row.score !== null).length).toBeLessThan(saved.total);
    const run = JSON.parse(await readFile(join(out, saved.bestRunId!, 'run.json'), 'utf8')) as RunResult;
    expect(run.status).toBe('completed');
    const winner = saved.rows.find((row) => row.runId === saved.bestRunId)!;
    expect(run.spec.model.cell).toBe(winner.values['model.cell']);
    expect(run.spec.data.targetTransform).toBe(winner.values['data.targetTransform']);
    expect(run.evaluation?.kind === 'forecast' && run.evaluation.verdict).toMatch(
      /^Automatic search \(budget 12 s, .*It chose .*against naive [\d.]+ \([\d.]+×\) and seasonal naive/,
    );
    // The run's own test figures follow: it beats the simple forecasts there, or says it does not.
    expect(run.evaluation?.kind === 'forecast' && run.evaluation.verdict).toMatch(
      /(On the test split it beats the simple forecasts: RMSE|On the test data the model \(RMSE)/,
    );
  });

  it('refuses bad budgets and plans beside --automatic with a sentence', async () => {
    expect(parseBudget('2m')).toBe(120);
    expect(parseBudget('90s')).toBe(90);
    expect(parseBudget('1.5h')).toBe(5400);
    expect(parseBudget('soon')).toBeNull();
    await writeFile(join(dir, 'spec.json'), JSON.stringify(spec()));
    const bad = await cli('search', '--automatic', '--budget', 'soon', '--spec', join(dir, 'spec.json'), '--out', dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--budget must be a duration such as 90s, 2m or 1h, not "soon"/);
    const short = await cli('search', '--automatic', '--budget', '2s', '--spec', join(dir, 'spec.json'), '--out', dir);
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/between 10 seconds and 24 hours/);
    const both = await cli('search', '--automatic', '--plan', 'p.json', '--spec', join(dir, 'spec.json'), '--out', dir);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/leave out --plan/);
    await writeFile(
      join(dir, 'text.json'),
      JSON.stringify({ task: 'text-classification', data: { file, targetColumns: ['value'] } }),
    );
    const text = await cli('search', '--automatic', '--spec', join(dir, 'text.json'), '--out', dir);
    expect(text.code).toBe(2);
    expect(text.err).toMatch(/tunes forecasts/);
  });
});

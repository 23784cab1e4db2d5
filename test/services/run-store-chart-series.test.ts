/** The run store keeps forecast charts bounded: on save, on put, and for long runs saved before. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src-main/services/run-store';
import { MAX_CHART_POINTS } from '../../src-main/shared/chart-series';
import { startedRun } from '../../src-main/shared/run-summary';
import { specSchema } from '../../src-main/shared/spec';
import type { ForecastEvaluation, RunResult } from '../../src-main/shared/types';

const STEPS = 50_000;

function longRun(runId: string): RunResult {
  const spec = specSchema.parse({ data: { file: '/data/flow.csv', targetColumns: ['flow'] } });
  const actual = Array.from({ length: STEPS }, (_, i) => Math.cos(i / 100));
  const evaluation = {
    kind: 'forecast',
    metrics: { rmse: 0.5, mae: 0.25, r2: 0.9, mape: null, smape: null },
    series: {
      time: actual.map((_, i) => String(i)),
      actual,
      predicted: actual.map((a) => a + 0.01),
      validationStart: 35_000,
      testStart: 42_500,
    },
  } as unknown as ForecastEvaluation;
  return { ...startedRun(runId, spec, '2026-01-01T00:00:00Z', 'cpu'), status: 'completed', evaluation };
}

const chartOf = (run: RunResult) => (run.evaluation as ForecastEvaluation).series;

let runsDir = '';
beforeAll(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'run-store-chart-'));
  // A run saved before chart series were bounded: every step in run.json.
  await mkdir(join(runsDir, 'old-long'), { recursive: true });
  await writeFile(join(runsDir, 'old-long', 'run.json'), JSON.stringify(longRun('old-long')));
});
afterAll(() => rm(runsDir, { recursive: true, force: true }));

describe('bounded chart series in the run store', () => {
  it('thins an old long run as it is read, metrics untouched', async () => {
    const store = new RunStore(runsDir);
    await store.load();
    const run = store.get('old-long');
    expect(chartOf(run).actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(chartOf(run).steps?.at(-1)).toBe(STEPS - 1);
    expect(run.evaluation?.kind === 'forecast' && run.evaluation.metrics.mae).toBe(0.25);
    // The full series was at hand when read: its histogram is every test step's.
    const h = chartOf(run).residualHistogram;
    expect(h?.total).toBe(STEPS - 42_500);
    expect(h?.counts.reduce((a, b) => a + b, 0)).toBe(STEPS - 42_500);
  });

  it('keeps the histogram of every step through save and read', async () => {
    const store = new RunStore(runsDir);
    await store.save(longRun('with-histogram'));
    const again = new RunStore(runsDir);
    await again.load();
    expect(chartOf(again.get('with-histogram')).residualHistogram?.total).toBe(STEPS - 42_500);
  });

  it('writes the thinned series on save, and reads it back the same', async () => {
    const store = new RunStore(runsDir);
    await store.save(longRun('new-long'));
    const onDisk = JSON.parse(await readFile(join(runsDir, 'new-long', 'run.json'), 'utf8')) as RunResult;
    expect(chartOf(onDisk).actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(chartOf(onDisk).steps).toEqual(chartOf(store.get('new-long')).steps);
    const again = new RunStore(runsDir);
    await again.load();
    expect(chartOf(again.get('new-long'))).toEqual(chartOf(onDisk));
  });

  it('keeps only the thinned series in memory on put', () => {
    const store = new RunStore(runsDir);
    store.put(longRun('in-memory'));
    expect(chartOf(store.get('in-memory')).actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
  });
});

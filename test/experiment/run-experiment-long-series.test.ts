/**
 * A forecast run over more steps than a chart holds: metrics are scored on every step first,
 * then run.json and the result keep a bounded chart series (shared/chart-series.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runExperiment } from '../../src-main/experiment/run-experiment';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { MAX_CHART_POINTS } from '../../src-main/shared/chart-series';
import { histogram, residualHistogram } from '../../src-main/shared/residual-histogram';
import { parseSpec } from '../../src-main/shared/spec';
import type { Evaluation, ForecastEvaluation, RunResult } from '../../src-main/shared/types';

/** Every evaluation handed to boundedEvaluation, as it was then. */
const seen = vi.hoisted(() => [] as { length: number; metrics: unknown; testResiduals: number[] }[]);
vi.mock('../../src-main/shared/chart-series', async (original) => {
  const actual = await original<typeof import('../../src-main/shared/chart-series')>();
  return {
    ...actual,
    boundedEvaluation: <E extends Evaluation | null>(e: E): E => {
      if (e?.kind === 'forecast') {
        const { actual, predicted, testStart } = e.series;
        const testResiduals = actual.flatMap((a, i) => {
          const p = predicted[i];
          return i >= testStart && typeof p === 'number' ? [a - p] : [];
        });
        seen.push({ length: actual.length, metrics: structuredClone(e.metrics), testResiduals });
      }
      return actual.boundedEvaluation(e);
    },
  };
});

const STEPS = 9000;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'run-experiment-long-'));
  const rows = Array.from({ length: STEPS }, (_, i) => `${i},${(50 + 10 * Math.sin(i / 12) + (i % 7)).toFixed(3)}`);
  await writeFile(path.join(dir, 'long.csv'), `step,load\n${rows.join('\n')}\n`);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('runExperiment on a long series', () => {
  it('scores every step, then keeps a bounded chart in the result and in run.json', async () => {
    const r = parseSpec({
      data: { file: path.join(dir, 'long.csv'), targetColumns: ['load'], lookback: 4 },
      model: { layers: [{ units: 2 }] },
      training: { epochs: 1, batchSize: 256 },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const outDir = path.join(dir, 'run');
    const result = await runExperiment(r.spec, {
      runId: 'long',
      outDir,
      control: new TrainControl(),
      onProgress: () => undefined,
      onEpoch: () => undefined,
      log: () => undefined,
    });
    expect(result.error).toBeNull();
    const evaluation = result.evaluation as ForecastEvaluation;
    // Scored on the full series: what reached the bounding had every step and the same metrics.
    expect(seen.at(-1)).toMatchObject({ length: STEPS, metrics: evaluation.metrics });
    expect(evaluation.series.actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(evaluation.series.steps?.at(-1)).toBe(STEPS - 1);
    const saved = JSON.parse(await readFile(path.join(outDir, 'run.json'), 'utf8')) as RunResult;
    expect((saved.evaluation as ForecastEvaluation).series).toEqual(evaluation.series);
    // The residual histogram is every test step's, binned before the points were dropped.
    const every = seen.at(-1)?.testResiduals ?? [];
    const stored = evaluation.series.residualHistogram;
    expect(every.length).toBeGreaterThan(1000);
    expect(stored?.total).toBe(every.length);
    expect(stored?.counts.reduce((a, b) => a + b, 0)).toBe(every.length);
    expect(stored?.counts).toEqual(histogram(every).counts);
    const kept = residualHistogram({ ...evaluation.series, residualHistogram: undefined });
    expect(kept.counts).not.toEqual(stored?.counts);
  }, 120_000);
});

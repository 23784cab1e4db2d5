import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import { evaluateForecast } from '../../../../src-main/engine/tasks/forecast/forecast-evaluation';
import { prepareForecast } from '../../../../src-main/engine/tasks/forecast/forecast-task';
import { PROGRESS_MIN_STEPS } from '../../../../src-main/engine/tasks/forecast/preparation-progress';
import { buildModel } from '../../../../src-main/engine/model/model-builder';
import { TrainControl } from '../../../../src-main/engine/training/train-control';
import { trainModel } from '../../../../src-main/engine/training/train-loop';
import type { PreparedSeries } from '../../../../src-main/data/prepare/series';
import { noisySine, preparedSeries, testSpec } from '../../synthetic';

/** The noisy sine as a prepared series. */
function sineSeries(length: number): PreparedSeries {
  return preparedSeries(noisySine(length, 0.1));
}

const noop = () => undefined;

describe('forecast pipeline', () => {
  it('an untrained network forecasts exactly the naive baseline (difference target)', async () => {
    const { tf } = await loadTf();
    const spec = testSpec({
      data: { file: '/s.csv', targetColumns: ['y'], lookback: 10, horizon: 3, targetTransform: 'difference' },
    });
    const data = prepareForecast(sineSeries(200), spec);
    expect(data.plan.kind).toBe('difference');
    const { model } = buildModel(tf, spec, data.dims, { fused: spec.training.fused });
    const evaluation = evaluateForecast(tf, model, data);
    model.dispose();
    expect(evaluation.horizon).toBe(3);
    expect(evaluation.metrics.rmse).toBeCloseTo(evaluation.baselines.naive.rmse, 6);
    expect(evaluation.metrics.mae).toBeCloseTo(evaluation.baselines.naive.mae, 6);
    // Not beating the baseline is said plainly.
    expect(evaluation.verdict).toMatch(/does not beat the naive forecast/);
    const y = data.series.target;
    // Chart: the one-step forecast at t is the last value, y[t-1].
    const t = evaluation.series.testStart + 2;
    expect(evaluation.series.predicted[t]).toBeCloseTo(y[t - 1], 5);
    expect(evaluation.series.predicted[0]).toBeNull();
    expect(evaluation.series.actual).toHaveLength(200);
  });

  it('an LSTM trained on a noisy sine beats the naive last-value forecast on the test split', async () => {
    const { tf, backend } = await loadTf();
    if (process.env.RECURRENT_REQUIRE_NATIVE === '1') expect(backend).toBe('tensorflow');
    const spec = testSpec(
      {
        data: { file: '/s.csv', targetColumns: ['y'], lookback: 20, horizon: 1, targetTransform: 'difference' },
        model: { cell: 'LSTM', layers: [{ units: 16 }] },
      },
      { epochs: 15, batchSize: 32, optimizer: { learningRate: 0.01 }, earlyStopping: { enabled: true, patience: 5 } },
    );
    const data = prepareForecast(sineSeries(500), spec);
    const { model } = buildModel(tf, spec, data.dims, { fused: spec.training.fused });
    const outcome = await trainModel(tf, model, data.source, spec, 'mse', {
      runId: 'sine',
      control: new TrainControl(),
      onEpoch: noop,
      onProgress: noop,
      log: noop,
    });
    const evaluation = evaluateForecast(tf, model, data);
    model.dispose();
    expect(outcome.status).toBe('completed');
    expect(evaluation.metrics.rmse).toBeLessThan(evaluation.baselines.naive.rmse * 0.8);
    expect(evaluation.verdict ?? '').not.toMatch(/naive forecast \(last value/);
  });
});

describe('preparing a long series', () => {
  it('says what it is doing, step by step, in order; a short series says nothing', () => {
    const spec = testSpec({ data: { file: '/s.csv', targetColumns: ['y'], lookback: 12, horizon: 1 } });
    const messages: string[] = [];
    const data = prepareForecast(sineSeries(PROGRESS_MIN_STEPS), spec, undefined, 'one', (m) => messages.push(m));
    expect(data.split.train.length).toBeGreaterThan(0);
    const steps = [...new Set(messages.map((m) => m.replace(/ \d+%$/, '')))];
    expect(steps).toEqual([
      'finding the season',
      'looking for further seasons',
      'choosing the target transform',
      'scaling the inputs',
      'scaling the targets',
      'building windows',
    ]);
    expect(messages).toContain('choosing the target transform 100%');
    // Its start and its end at least; how often it speaks in between depends on the clock, which the
    // reporter's own tests move by hand.
    expect(messages.filter((m) => m.startsWith('choosing the target transform')).length).toBeGreaterThanOrEqual(2);

    const quiet: string[] = [];
    prepareForecast(sineSeries(2000), spec, undefined, 'one', (m) => quiet.push(m));
    expect(quiet).toEqual([]);
  });
});

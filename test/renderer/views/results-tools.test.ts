// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import type { ChartConfiguration } from 'chart.js';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import { formatNumber, formatPercent, formatScore } from '../../../src-renderer/utils/format';
import ResultsView from '../../../src-renderer/views/ResultsView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { runResult, spec } from '../fixtures';
import { backtestReport, chartTheme, classificationEvaluation, explanation, futureForecast } from '../fixtures-more';
import type { ChartTheme } from '../../../src-renderer/charts/theme';

type Wrapper = ReturnType<typeof mount>;
const tabIds = (w: Wrapper) => w.findAll('[data-testid^="results-tab-"]').map((t) => t.attributes('data-testid'));
async function openTab(w: Wrapper, id: string): Promise<void> {
  await w.get(`[data-testid="results-tab-${id}"]`).trigger('click');
}

describe('Results tools', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi();
    setStudioApi(api);
    setActivePinia(createPinia());
  });
  afterEach(() => vi.restoreAllMocks());

  it('offers the tools that fit a forecast, and none but the evaluation for a failed-to-save run', async () => {
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    expect(tabIds(wrapper)).toEqual([
      'results-tab-evaluation',
      'results-tab-future',
      'results-tab-backtest',
      'results-tab-explain',
      'results-tab-predict',
      'results-tab-export',
    ]);
    expect(wrapper.find('[data-testid="residual-chart"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="residual-histogram"]').exists()).toBe(true);
    useRunsStore().adopt(runResult({ modelDir: null }));
    await flushPromises();
    expect(tabIds(wrapper)).toEqual([]);
  });

  it('forecasts ahead with the chosen steps and levels, and downloads the CSV', async () => {
    const future = futureForecast(5);
    api.handlers['forecast.future'] = () => future;
    api.handlers['forecast.futureCsv'] = () => ({ fileName: 'nile-future.csv', csv: 'time,forecast\n1971,100\n' });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:y';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'future');
    await wrapper.get('[data-testid="future-steps-input"]').setValue('5');
    await wrapper.get('[data-testid="future-levels-input"]').setValue('90, 50, 120');
    await wrapper.get('[data-testid="future-run-button"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('forecast.future')).toEqual([{ runId: 'run-1', steps: 5, levels: [0.9, 0.5] }]);
    const rows = wrapper.get('[data-testid="future-table"]').findAll('tbody tr');
    expect(rows).toHaveLength(5);
    expect(rows[2]!.text()).toContain(formatNumber(future.point[2]!));
    expect(rows[2]!.text()).toContain(
      `${formatNumber(future.intervals[1]!.lower[2]!)} – ${formatNumber(future.intervals[1]!.upper[2]!)}`,
    );
    expect(wrapper.text()).toContain(future.intervalMethod);
    // No long-range note when the forecast did not lean on a plain reference.
    expect(wrapper.find('[data-testid="future-long-range-note"]').exists()).toBe(false);

    await wrapper.get('[data-testid="future-csv-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('forecast.futureCsv')).toEqual([{ runId: 'run-1', steps: 5, levels: [0.9, 0.5] }]);
    expect(await blobs[0]!.text()).toBe('time,forecast\n1971,100\n');
  });

  it('says when a long forecast leans on the season past the model horizon', async () => {
    const note =
      "Past the model's horizon its forecasts are fed back step after step and drift: in the backtest, the average of the same point in the last 5 seasons (a season of 1 year) forecast better from step 2 on.";
    api.handlers['forecast.future'] = () => ({ ...futureForecast(5), longRangeNote: note });
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'future');
    await wrapper.get('[data-testid="future-steps-input"]').setValue('5');
    await wrapper.get('[data-testid="future-run-button"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="future-long-range-note"]').text()).toBe(note);
  });

  it('backtests with the typed settings and marks the best per step, with the flag sentence', async () => {
    const report = backtestReport({ beatsReference: false });
    api.handlers['backtest.run'] = () => report;
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'backtest');
    await wrapper.get('[data-testid="backtest-step-input"]').setValue('2');
    await wrapper.get('[data-testid="backtest-retrain-input"]').setValue('10');
    await wrapper.get('[data-testid="backtest-run-button"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('backtest.run')).toEqual([
      { runId: 'run-1', start: null, step: 2, horizon: null, retrainEvery: 10 },
    ]);
    expect(wrapper.get('[data-testid="backtest-verdict"]').text()).toContain('does not beat the seasonal naive');
    const rows = wrapper.get('[data-testid="backtest-table"]').findAll('tbody tr');
    expect(rows).toHaveLength(report.model.perStep.length + 1);
    // Step 1: seasonal naive (third column) is best; step 2: the model is.
    expect(rows[0]!.findAll('td.num').map((c) => c.classes('best'))).toEqual([false, false, true, false]);
    expect(rows[1]!.findAll('td.num').map((c) => c.classes('best'))).toEqual([true, false, false, false]);
    expect(rows[0]!.findAll('td.num')[0]!.text()).toBe(formatNumber(report.model.perStep[0]!.rmse));
    await wrapper.get('[data-testid="backtest-metric-mae"]').setValue(true);
    expect(rows[0]!.findAll('td.num')[0]!.text()).toBe(formatNumber(report.model.perStep[0]!.mae));
  });

  it('past the horizon, shows the forecast as shown beside the fed-back model: table, per-step chart and sentence', async () => {
    const note =
      "Forecast as shown: past the model's horizon of 1 step, a future forecast leans on the average of the same point in the last 5 seasons (a season of 1 year) more the further ahead, because on these origins weights fitted on either half lowered the error on the other; each half of the origins is scored here as the same rule, run on the other half alone, forecasts it (the reference it picks there and the weights it fits there), never on its own.";
    const per = (values: number[]) => ({
      overall: { rmse: values.at(-1)!, mae: values.at(-1)! / 2, r2: 0, mape: null, smape: 1 },
      perStep: values.map((v) => ({ rmse: v, mae: v / 2, r2: 0, mape: null, smape: 1 })),
    });
    const report = backtestReport({ blended: per([10, 8.5]), blendNote: note });
    api.handlers['backtest.run'] = () => report;
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView, { global: { stubs: { ChartBox: true } } });
    await openTab(wrapper, 'backtest');
    await wrapper.get('[data-testid="backtest-horizon-input"]').setValue('2');
    await wrapper.get('[data-testid="backtest-run-button"]').trigger('submit');
    await flushPromises();
    const table = wrapper.get('[data-testid="backtest-table"]');
    expect(table.findAll('th').map((h) => h.text())).toEqual([
      'Step',
      'Model, fed back',
      'Forecast as shown',
      'Naive',
      'Seasonal naive (12)',
      'Moving average',
    ]);
    // The short header carries the full name as its tooltip, as the chart's legend does.
    expect(table.findAll('th')[2]!.attributes('title')).toBe('Forecast as shown (blended past the horizon)');
    const rows = table.findAll('tbody tr');
    // Step 2: the forecast as shown (8.5) beats the fed-back model (12) and every baseline.
    expect(rows[1]!.findAll('td.num')[1]!.text()).toBe(formatNumber(8.5));
    expect(rows[1]!.findAll('td.num').map((c) => c.classes('best'))).toEqual([false, true, false, false, false]);
    expect(rows[2]!.findAll('td.num')[1]!.text()).toBe(formatNumber(8.5));
    expect(wrapper.get('[data-testid="backtest-blend-note"]').text()).toBe(note);
    // The per-step chart draws the same columns, each step's error as one point.
    const box = wrapper
      .findAllComponents({ name: 'ChartBox' })
      .find((c) => c.props('testid') === 'backtest-step-chart');
    const build = box!.props('build') as (t: ChartTheme) => ChartConfiguration<'line'>;
    const datasets = build(chartTheme).data.datasets;
    expect(datasets.map((d) => d.label)).toEqual([
      'Model, fed back',
      'Forecast as shown (blended past the horizon)',
      'Naive',
      'Seasonal naive (12)',
      'Moving average',
    ]);
    expect(datasets[1]!.data).toEqual([
      { x: 1, y: 10 },
      { x: 2, y: 8.5 },
    ]);
    await wrapper.get('[data-testid="backtest-metric-mae"]').setValue(true);
    expect((box!.props('build') as typeof build)(chartTheme).data.datasets[1]!.data).toEqual([
      { x: 1, y: 5 },
      { x: 2, y: 4.25 },
    ]);
  });

  it('says why there is no blended row, keeps the plain model column within the horizon, and names the baseline it beat', async () => {
    const note =
      'No "forecast as shown" row: the forecast past the horizon leans on a plain reference only when at least 30 backtest origins support it, and this backtest has 3 (an earlier start or a smaller step gives more).';
    api.handlers['backtest.run'] = () => backtestReport({ blended: null, blendNote: note });
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView, { global: { stubs: { ChartBox: true } } });
    await openTab(wrapper, 'backtest');
    await wrapper.get('[data-testid="backtest-run-button"]').trigger('submit');
    await flushPromises();
    const heads = () =>
      wrapper
        .get('[data-testid="backtest-table"]')
        .findAll('th')
        .map((h) => h.text());
    expect(heads()).toEqual(['Step', 'Model, fed back', 'Naive', 'Seasonal naive (12)', 'Moving average']);
    expect(wrapper.get('[data-testid="backtest-verdict"]').text()).toBe(
      'The model beats the seasonal naive forecast over the backtest.',
    );
    expect(wrapper.get('[data-testid="backtest-blend-note"]').text()).toBe(note);
    // Within the model's own horizon there is nothing to blend and nothing to say about it.
    // Nor, without a season, about a seasonal naive forecast it did not score.
    const plain = backtestReport();
    api.handlers['backtest.run'] = () => ({
      ...plain,
      period: null,
      baselines: { ...plain.baselines, seasonalNaive: null },
    });
    await wrapper.get('[data-testid="backtest-run-button"]').trigger('submit');
    await flushPromises();
    expect(heads()).toEqual(['Step', 'Model', 'Naive', 'Moving average']);
    expect(wrapper.get('[data-testid="backtest-verdict"]').text()).toBe(
      'The model beats the naive forecast over the backtest.',
    );
    expect(wrapper.find('[data-testid="backtest-blend-note"]').exists()).toBe(false);
  });

  it('ranks features by importance and draws the heatmap over every step and feature', async () => {
    const e = explanation();
    api.handlers['explain.run'] = () => e;
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'explain');
    await wrapper.get('[data-testid="explain-run-button"]').trigger('click');
    await flushPromises();
    const order = wrapper.findAll('[data-testid="importance-bars"] li').map((li) => li.attributes('data-feature'));
    expect(order).toEqual([...e.features].sort((a, b) => b.importance - a.importance).map((f) => f.name));
    expect(wrapper.get('[data-testid="explain-heatmap"]').attributes('data-cells')).toBe(
      String(e.heatmap.length * e.featureNames.length),
    );
  });

  it('shows a classifier’s confusion matrix, per-class scores, AUC and tries a text', async () => {
    const evaluation = classificationEvaluation();
    api.handlers['predict.text'] = ({ text }) => ({
      runId: 'run-1',
      classes: [
        { label: 'negative', probability: text.includes('bad') ? 0.9 : 0.2 },
        { label: 'positive', probability: text.includes('bad') ? 0.1 : 0.8 },
      ],
    });
    useRunsStore().adopt(
      runResult({ task: 'text-classification', evaluation, spec: { ...spec(), task: 'text-classification' } }),
    );
    const wrapper = mount(ResultsView);
    expect(tabIds(wrapper)).toContain('results-tab-try');
    expect(tabIds(wrapper)).not.toContain('results-tab-future');
    expect(wrapper.get('[data-cell="1-0"]').text()).toBe(String(evaluation.confusion[1]![0]));
    expect(wrapper.get('[data-class="positive"]').text()).toContain(formatNumber(evaluation.perClass[1]!.recall, 3));
    expect(wrapper.get('[data-testid="auc-value"]').text()).toBe(formatScore(evaluation.auc));
    expect(wrapper.find('[data-testid="roc-chart"]').exists()).toBe(true);

    await openTab(wrapper, 'try');
    await wrapper.get('[data-testid="try-text-input"]').setValue('a bad film');
    await wrapper.get('[data-testid="try-text-button"]').trigger('submit');
    await flushPromises();
    const bars = wrapper.findAll('[data-testid="class-probabilities"] li');
    expect(bars.map((b) => b.attributes('data-class'))).toEqual(['negative', 'positive']);
    expect(bars[0]!.text()).toContain(formatPercent(0.9));
  });

  it('says how much of a tried text the model never saw, with the warning main gives', async () => {
    /** Main's answer for a text: the probability of 'positive', the share of new words, the warning. */
    const answer = (positive: number, unknownShare: number, warning: string | null) => () => ({
      runId: 'run-1',
      classes: [
        { label: 'negative', probability: 1 - positive },
        { label: 'positive', probability: positive },
      ],
      unknownShare,
      warning,
    });
    api.handlers['predict.text'] = answer(
      0.5,
      0.75,
      'Most words of this text are new to the model: the answer rests on little.',
    );
    useRunsStore().adopt(
      runResult({
        task: 'text-classification',
        evaluation: classificationEvaluation(),
        spec: { ...spec(), task: 'text-classification' },
      }),
    );
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'try');
    await wrapper.get('[data-testid="try-text-input"]').setValue('zorp blick');
    await wrapper.get('[data-testid="try-text-button"]').trigger('submit');
    await flushPromises();
    // The warning speaks for the share: the plain line is not repeated under it.
    expect(wrapper.get('[data-testid="try-text-warning"]').text()).toContain('new to the model');
    expect(wrapper.find('[data-testid="try-text-unknown"]').exists()).toBe(false);

    // A text with few new words: the share alone, no warning.
    api.handlers['predict.text'] = answer(0.8, 0.1, null);
    await wrapper.get('[data-testid="try-text-input"]').setValue('a good film');
    await wrapper.get('[data-testid="try-text-button"]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid="try-text-unknown"]').text()).toContain(formatPercent(0.1));
    expect(wrapper.find('[data-testid="try-text-warning"]').exists()).toBe(false);
  });

  it('counts the epochs in the header in words that fit the number', async () => {
    const one = runResult({ task: 'text-generation', evaluation: { kind: 'generation', perplexity: 9, sample: 'a' } });
    useRunsStore().adopt({ ...one, history: one.history.slice(0, 1) });
    const wrapper = mount(ResultsView);
    expect(wrapper.text()).toContain(' · 1 epoch · ');
    expect(wrapper.text()).not.toContain('1 epochs');
    useRunsStore().adopt({ ...one, runId: 'run-2', history: one.history });
    await flushPromises();
    expect(wrapper.text()).toContain(' · 2 epochs · ');
  });

  it('generates text from a seed at the chosen temperature and shows perplexity', async () => {
    api.handlers['generate.text'] = ({ seed, length }) => ({ runId: 'run-1', text: seed + 'x'.repeat(length) });
    useRunsStore().adopt(
      runResult({ task: 'text-generation', evaluation: { kind: 'generation', perplexity: 4.25, sample: 'once upon' } }),
    );
    const wrapper = mount(ResultsView);
    expect(wrapper.get('[data-testid="perplexity"]').text()).toBe(formatNumber(4.25, 4));
    await wrapper.get('[data-testid="generate-seed-input"]').setValue('The ');
    await wrapper.get('[data-testid="generate-temperature-input"]').setValue('1.3');
    await wrapper.get('[data-testid="generate-length-input"]').setValue('7');
    await wrapper.get('[data-testid="generate-button"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('generate.text')).toEqual([{ runId: 'run-1', seed: 'The ', length: 7, temperature: 1.3 }]);
    expect(wrapper.get('[data-testid="generated-text"]').text()).toBe('The xxxxxxx');
  });

  it('predicts a new file chosen in the dialog, with problems and a preview', async () => {
    api.handlers['dialog.openDataFile'] = () => '/data/new.csv';
    api.handlers['predict.file'] = ({ path }) => ({
      runId: 'run-1',
      rows: 3,
      file: path.replace('.csv', '-predicted.csv'),
      preview: [
        ['1971', '101'],
        ['1972', '103'],
      ],
      header: ['year', 'forecast'],
      problems: ['Line 4: rain is empty; the row was skipped.'],
    });
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'predict');
    await wrapper.get('[data-testid="batch-choose-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('predict.file')).toEqual([{ runId: 'run-1', path: '/data/new.csv' }]);
    expect(wrapper.get('[data-testid="batch-problems"]').text()).toContain('Line 4');
    expect(wrapper.get('[data-testid="batch-summary"]').text()).toContain('/data/new-predicted.csv');
    expect(wrapper.findAll('[data-testid="batch-preview"] tbody tr')).toHaveLength(2);
  });

  it('in the browser, states the upload limit and names the downloaded predictions; a cancel keeps them', async () => {
    api.uploadLimit = '100 MB';
    const downloaded = {
      runId: 'run-1',
      rows: 2,
      file: null,
      downloadedAs: 'new-predictions.csv',
      preview: [['1971', '101']],
      header: ['year', 'forecast'],
      problems: [],
    };
    let answer: typeof downloaded | null = downloaded;
    api.predictFile = async () => answer;
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'predict');
    expect(wrapper.get('[data-testid="batch-upload-limit"]').text()).toContain('up to 100 MB');
    await wrapper.get('[data-testid="batch-choose-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="batch-downloaded"]').text()).toBe('new-predictions.csv');
    answer = null;
    await wrapper.get('[data-testid="batch-choose-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="batch-downloaded"]').text()).toBe('new-predictions.csv');
    expect(wrapper.find('[data-testid="batch-error"]').exists()).toBe(false);
  });

  it('shows a tool’s error next to it and forgets answers that belong to another run', async () => {
    api.handlers['explain.run'] = () => {
      throw new Error('Explanations need at least 10 test windows.');
    };
    useRunsStore().adopt(runResult());
    const wrapper = mount(ResultsView);
    await openTab(wrapper, 'explain');
    await wrapper.get('[data-testid="explain-run-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="explain-error"]').text()).toBe('Explanations need at least 10 test windows.');

    api.handlers['explain.run'] = () => explanation();
    await wrapper.get('[data-testid="explain-run-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="importance-bars"]').exists()).toBe(true);
    useRunsStore().adopt(runResult({ runId: 'run-2' }));
    await flushPromises();
    expect(wrapper.find('[data-testid="importance-bars"]').exists()).toBe(false);
  });
});

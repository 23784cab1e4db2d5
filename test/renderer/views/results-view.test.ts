// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useProjectStore } from '../../../src-renderer/stores/project-store';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import { formatNumber } from '../../../src-renderer/utils/format';
import ResultsView from '../../../src-renderer/views/ResultsView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { forecastEvaluation, runResult } from '../fixtures';
import { projectState, runSummary } from '../fixtures-more';

describe('ResultsView', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi();
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('shows an empty state before any run', () => {
    const wrapper = mount(ResultsView);
    expect(wrapper.text()).toContain('No results yet');
    expect(wrapper.find('[data-testid="metrics-table"]').exists()).toBe(false);
  });

  it('opens the newest stored run when none is open yet', async () => {
    const stored = runResult({ runId: 'run-old', name: 'Stored run' });
    api.handlers['runs.get'] = ({ runId }) => ({ ...stored, runId });
    useRunsStore().list = [{ ...stored, runId: 'run-new' }, stored];
    const wrapper = mount(ResultsView);
    await flushPromises();
    expect(api.callsOf('runs.get')).toEqual([{ runId: 'run-new' }]);
    expect(wrapper.find('[data-testid="metrics-table"]').exists()).toBe(true);
  });

  it("opens and offers the open project's runs only, keeping the run on show", async () => {
    const stored = runResult({ runId: 'x', name: 'Stored run' });
    api.handlers['runs.get'] = ({ runId }) => ({ ...stored, runId });
    useProjectStore().project = projectState({ runs: [runSummary('mine-1'), runSummary('mine-2')] });
    useRunsStore().list = [runSummary('other-newest'), runSummary('mine-2'), runSummary('mine-1')];
    const wrapper = mount(ResultsView);
    await flushPromises();
    expect(api.callsOf('runs.get')).toEqual([{ runId: 'mine-2' }]);
    const options = () => wrapper.findAll('[data-testid="run-select"] option').map((o) => o.attributes('value'));
    expect(options()).toEqual(['mine-2', 'mine-1']);

    // A run of another project opened from "All projects" stays selectable while it is on show.
    useRunsStore().adopt(runResult({ runId: 'other-newest' }));
    await flushPromises();
    expect(options()).toEqual(['other-newest', 'mine-2', 'mine-1']);
  });

  it('renders the model’s metrics beside both baselines, and the verdict', async () => {
    const evaluation = forecastEvaluation({
      verdict: 'The model does not beat the seasonal naive forecast: try a longer window.',
    });
    useRunsStore().adopt(runResult({ evaluation }));
    const wrapper = mount(ResultsView);
    await flushPromises();

    const table = wrapper.get('[data-testid="metrics-table"]');
    const rmseCells = table
      .get('[data-metric="rmse"]')
      .findAll('td')
      .map((c) => c.text());
    expect(rmseCells).toEqual([
      formatNumber(evaluation.metrics.rmse),
      formatNumber(evaluation.baselines.naive.rmse),
      formatNumber(evaluation.baselines.seasonalNaive!.rmse),
    ]);
    const r2Cells = table
      .get('[data-metric="r2"]')
      .findAll('td')
      .map((c) => c.text());
    expect(r2Cells[0]).toBe(formatNumber(evaluation.metrics.r2));
    expect(table.text()).toContain(`Seasonal naive (${evaluation.seasonalPeriod})`);
    expect(wrapper.get('[data-testid="verdict"]').text()).toBe(evaluation.verdict);
    expect(wrapper.get('[data-testid="forecast-chart"]').attributes('data-points')).toBe(
      String(evaluation.series.actual.length),
    );
  });

  it('shows a verdict as a warning only when the model does not beat every simple forecast', async () => {
    const note = 'Automatic search tried 12 candidates; the GRU won on every origin.';
    useRunsStore().adopt(runResult({ runId: 'winner', evaluation: forecastEvaluation({ verdict: note }) }));
    const wrapper = mount(ResultsView);
    await flushPromises();
    expect(wrapper.get('[data-testid="verdict"]').classes()).toEqual(expect.arrayContaining(['verdict', 'good']));

    const losing = forecastEvaluation({ verdict: note });
    losing.baselines.naive.rmse = losing.metrics.rmse / 2;
    useRunsStore().adopt(runResult({ runId: 'loser', evaluation: losing }));
    await flushPromises();
    expect(wrapper.get('[data-testid="verdict"]').classes()).toContain('warn');
  });

  it('marks the best value of each metric', async () => {
    const evaluation = forecastEvaluation();
    evaluation.baselines.naive.mae = evaluation.metrics.mae / 2;
    useRunsStore().adopt(runResult({ evaluation }));
    const wrapper = mount(ResultsView);
    const maeCells = wrapper.get('[data-metric="mae"]').findAll('td');
    expect(maeCells.map((c) => c.classes('best'))).toEqual([false, true, false]);
  });

  it('saves the model through the host and shows where it went', async () => {
    useRunsStore().adopt(runResult({ runId: 'run-42' }));
    api.saveDestination = '/home/user/models/nile-lstm';
    const wrapper = mount(ResultsView);
    expect(wrapper.find('[data-testid="save-result"]').exists()).toBe(false);
    await wrapper.get('[data-testid="save-model-button"]').trigger('click');
    await flushPromises();
    expect(api.saveCalls).toEqual(['run-42']);
    expect(wrapper.get('[data-testid="save-result"]').text()).toContain('/home/user/models/nile-lstm');
  });

  it('explains a failed run instead of showing metrics', () => {
    useRunsStore().adopt(
      runResult({ status: 'failed', evaluation: null, error: 'Out of memory: lower the batch size.' }),
    );
    const wrapper = mount(ResultsView);
    expect(wrapper.text()).toContain('Out of memory: lower the batch size.');
    expect(wrapper.find('[data-testid="metrics-table"]').exists()).toBe(false);
    expect((wrapper.get('[data-testid="save-model-button"]').element as HTMLButtonElement).disabled).toBe(true);
  });
  it('says the model is the base forecast itself when the network adds nothing, and a correction otherwise', async () => {
    const runs = useRunsStore();
    runs.adopt(runResult({ evaluation: forecastEvaluation({ targetTransform: 'exponential-smoothing' }) }));
    const wrapper = mount(ResultsView);
    await flushPromises();
    const note = () => wrapper.find('[data-testid="modelled-note"]').text();
    expect(note()).toMatch(/^The network corrected exponential smoothing/);

    runs.adopt(
      runResult({ evaluation: forecastEvaluation({ targetTransform: 'exponential-smoothing', plainForecast: true }) }),
    );
    await flushPromises();
    expect(note()).toMatch(/^The model forecasts exponential smoothing itself/);
    expect(note()).toContain('the network adds nothing to it');
  });
});

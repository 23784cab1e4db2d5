// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import ModelView from '../../../src-renderer/views/ModelView.vue';
import ResultsView from '../../../src-renderer/views/ResultsView.vue';
import RunsView from '../../../src-renderer/views/RunsView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, modelSummary, runResult, spec } from '../fixtures';
import { runSummary } from '../fixtures-more';

describe('continue training and imported models', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
      'train.start': () => ({ runId: 'run-next' }),
      'runs.list': () => useRunsStore().list,
    });
    setStudioApi(api);
    setActivePinia(createPinia());
    useDatasetStore().adopt(datasetSummary());
  });

  it('continues a run from Results: its spec fills the form, epochs stay editable, train sends continueFrom', async () => {
    const run = runResult({ runId: 'run-7', name: 'Nile GRU', spec: spec({ lookback: 9 }) });
    useRunsStore().adopt(run);
    const results = mount(ResultsView);
    await flushPromises();
    await results.get('[data-testid="continue-training-button"]').trigger('click');
    await flushPromises();
    expect(useAppStore().step).toBe('model');
    expect(useExperimentStore().spec?.data.lookback).toBe(9);

    const model = mount(ModelView);
    await flushPromises();
    expect(model.get('[data-testid="continue-banner"]').text()).toContain('Nile GRU');
    await model.get('[data-testid="epochs-input"]').setValue('15');
    await model.get('[data-testid="train-button"]').trigger('click');
    await flushPromises();
    const sent = api.callsOf('train.start').at(-1) as { continueFrom?: string; spec: { training: { epochs: number } } };
    expect(sent.continueFrom).toBe('run-7');
    expect(sent.spec.training.epochs).toBe(15);
  });

  it('trains from scratch when the user says so, and a duplicated run never continues', async () => {
    await useExperimentStore().continueTraining(runResult({ runId: 'run-7' }));
    const model = mount(ModelView);
    await flushPromises();
    await model.get('[data-testid="train-from-scratch"]').trigger('click');
    await model.get('[data-testid="train-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('train.start').at(-1)).not.toHaveProperty('continueFrom');

    await useExperimentStore().continueTraining(runResult({ runId: 'run-8' }));
    await useExperimentStore().load(spec());
    expect(useExperimentStore().continueFrom).toBeNull();
  });

  it('says which run a result continued from, by name', async () => {
    useRunsStore().list = [runSummary('run-1', { name: 'First fit' })];
    useRunsStore().adopt(runResult({ runId: 'run-2', name: 'Second fit', continuedFrom: 'run-1' }));
    const results = mount(ResultsView);
    await flushPromises();
    expect(results.get('[data-testid="continued-from"]').text()).toBe('Continued from First fit');
  });

  it('offers Continue in the Runs table for runs with weights, not for failed ones', async () => {
    const done = runResult({ runId: 'ok', name: 'Done', spec: spec({ lookback: 5 }) });
    api.handlers['runs.get'] = () => done;
    useRunsStore().list = [runSummary('ok'), runSummary('bad', { status: 'failed', error: 'NaN loss' })];
    const runs = mount(RunsView);
    await flushPromises();
    expect(runs.find('[data-testid="run-continue-bad"]').exists()).toBe(false);
    await runs.get('[data-testid="run-continue-ok"]').trigger('click');
    await flushPromises();
    expect(useExperimentStore().continueFrom).toEqual({ runId: 'ok', name: 'Done' });
    expect(useExperimentStore().spec?.data.lookback).toBe(5);
    expect(useAppStore().step).toBe('model');
  });

  it('imports a TensorFlow.js model folder from the dialog, or as an upload where the host has none', async () => {
    api.handlers['model.import'] = ({ dir }) => runSummary('imported', { name: `Imported ${dir}` });
    api.handlers['dialog.chooseFolder'] = () => '/models/a';
    const runs = mount(RunsView);
    await flushPromises();
    await runs.get('[data-testid="import-model-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('model.import')).toEqual([{ dir: '/models/a' }]);
    expect(useRunsStore().list[0]?.runId).toBe('imported');

    // The browser host uploads the chosen folder; the run it answers joins the list the same way.
    api.importModel = async () => runSummary('uploaded', { name: 'Uploaded model' });
    await runs.get('[data-testid="import-model-button"]').trigger('click');
    await flushPromises();
    expect(useRunsStore().list[0]?.runId).toBe('uploaded');
    expect(runs.find('input[type="text"]').exists()).toBe(false);

    // A cancelled chooser changes nothing.
    api.importModel = async () => null;
    await runs.get('[data-testid="import-model-button"]').trigger('click');
    await flushPromises();
    expect(
      useRunsStore()
        .list.map((r) => r.runId)
        .slice(0, 2),
    ).toEqual(['uploaded', 'imported']);
  });
});

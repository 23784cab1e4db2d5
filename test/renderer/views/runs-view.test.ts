// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-main/shared/types';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import { useProjectStore } from '../../../src-renderer/stores/project-store';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import { StudioError } from '../../../src-main/shared/contract';
import { flatten } from '../../../src-renderer/utils/spec-diff';
import RunsView from '../../../src-renderer/views/RunsView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { modelSummary, runResult, spec } from '../fixtures';
import { projectState, runSummary } from '../fixtures-more';

describe('Runs view', () => {
  let api: FakeStudioApi;
  let stored: Map<string, RunResult>;
  beforeEach(() => {
    stored = new Map([
      [
        'a',
        runResult({
          runId: 'a',
          name: 'Alpha',
          spec: spec({ lookback: 12 }),
          durationSeconds: 50,
          headline: { rmse: 9 },
        }),
      ],
      [
        'b',
        runResult({
          runId: 'b',
          name: 'Beta',
          spec: spec({ lookback: 24 }),
          durationSeconds: 10,
          headline: { rmse: 7 },
        }),
      ],
      [
        'c',
        runResult({
          runId: 'c',
          name: 'Gamma',
          task: 'text-classification',
          status: 'interrupted',
          durationSeconds: 20,
          headline: {},
          error: 'The app closed during epoch 3.',
        }),
      ],
    ]);
    api = new FakeStudioApi({
      'runs.list': () => [...stored.values()].map((r) => runSummary(r.runId, { ...r, error: r.error })),
      'runs.get': ({ runId }) => stored.get(runId)!,
      'runs.delete': ({ runId }) => {
        stored.delete(runId);
        return { ok: true };
      },
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  const names = (w: ReturnType<typeof mount>) =>
    w.findAll('[data-testid="runs-table"] tbody .name').map((c) => c.text());

  it('sorts by any column and filters by text and status; shows why a run stopped', async () => {
    const wrapper = mount(RunsView);
    await flushPromises();
    expect(names(wrapper)).toHaveLength(3);
    await wrapper.get('[data-testid="runs-sort-durationSeconds"]').trigger('click');
    expect(names(wrapper)).toEqual(['Beta', 'Gamma', 'Alpha']);
    await wrapper.get('[data-testid="runs-sort-durationSeconds"]').trigger('click');
    expect(names(wrapper)).toEqual(['Alpha', 'Gamma', 'Beta']);
    await wrapper.get('[data-testid="runs-sort-name"]').trigger('click');
    expect(names(wrapper)).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(wrapper.get('[data-run="c"] [data-testid="run-reason"]').text()).toBe('The app closed during epoch 3.');

    await wrapper.get('[data-testid="runs-filter-input"]').setValue('et');
    expect(names(wrapper)).toEqual(['Beta']);
    await wrapper.get('[data-testid="runs-filter-input"]').setValue('');
    await wrapper.get('[data-testid="runs-status-filter"]').setValue('interrupted');
    expect(names(wrapper)).toEqual(['Gamma']);
  });

  it('shows the open project’s runs, and every project’s on request', async () => {
    useProjectStore().project = projectState({ runs: [runSummary('a'), runSummary('b')] });
    const wrapper = mount(RunsView);
    await flushPromises();
    expect(names(wrapper).sort()).toEqual(['Alpha', 'Beta']);
    await wrapper.get('[data-testid="all-projects-toggle"]').setValue(true);
    expect(names(wrapper).sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
  });

  it('overlays the ticked runs and diffs exactly two, highlighting only the differing paths', async () => {
    const wrapper = mount(RunsView);
    await flushPromises();
    await wrapper.get('[data-testid="run-select-a"]').setValue(true);
    await flushPromises();
    expect(wrapper.find('[data-testid="runs-loss-chart"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="diff-hint"]').exists()).toBe(true);
    await wrapper.get('[data-testid="run-select-b"]').setValue(true);
    await flushPromises();
    expect(api.callsOf('runs.get')).toEqual([{ runId: 'a' }, { runId: 'b' }]);
    const differing = wrapper
      .findAll('[data-testid="spec-diff"] tbody tr.differs')
      .map((r) => r.attributes('data-path'));
    expect(differing).toEqual(['data.lookback']);
    const row = wrapper.get('[data-path="data.lookback"]').findAll('td');
    expect(row.map((c) => c.text())).toEqual(['data.lookback', '12', '24']);
    await wrapper.get('[data-testid="diff-only-toggle"]').setValue(false);
    expect(wrapper.findAll('[data-testid="spec-diff"] tbody tr')).toHaveLength(flatten(spec()).size);
  });

  it('duplicates a run into the Model form under a new name', async () => {
    const wrapper = mount(RunsView);
    await flushPromises();
    await wrapper.get('[data-testid="run-duplicate-b"]').trigger('click');
    await flushPromises();
    const form = useExperimentStore().spec;
    expect(form?.data.lookback).toBe(24);
    expect(form?.name).toBe('Beta (copy)');
    expect(useAppStore().step).toBe('model');
  });

  it('deletes a run only on the second press', async () => {
    const wrapper = mount(RunsView);
    await flushPromises();
    await wrapper.get('[data-testid="run-delete-a"]').trigger('click');
    expect(api.callsOf('runs.delete')).toEqual([]);
    expect(wrapper.get('[data-testid="run-delete-a"]').text()).toBe('Confirm delete');
    await wrapper.get('[data-testid="run-delete-a"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('runs.delete')).toEqual([{ runId: 'a' }]);
    expect(names(wrapper)).not.toContain('Alpha');
  });

  it('imports a .keras model through the host dialog and says why a model is refused', async () => {
    const keras = runResult({ runId: 'k', name: 'Demand (Keras import)', headline: { rmse: 6 } });
    api.handlers['dialog.openKerasModel'] = () => '/projects/demand/output/model.keras';
    api.handlers['model.importKeras'] = () => runSummary('k', keras);
    const wrapper = mount(RunsView);
    await flushPromises();
    await wrapper.get('[data-testid="import-keras-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('model.importKeras')).toEqual([{ file: '/projects/demand/output/model.keras' }]);
    expect(names(wrapper)).toContain('Demand (Keras import)');
    expect(wrapper.get('[data-testid="import-report"]').text()).toContain('"Demand (Keras import)"');

    api.handlers['model.importKeras'] = () => {
      throw new StudioError({
        code: 'bad-data',
        message:
          "The model takes inputs of shape [20, 1], but the run's preparation gives windows of 14 steps × 1 inputs [14, 1].",
      });
    };
    await wrapper.get('[data-testid="import-keras-button"]').trigger('click');
    await flushPromises();
    expect(useRunsStore().error).toContain('takes inputs of shape [20, 1]');
  });

  it('imports the trials of a Ray Tune search and lists the ones it refused', async () => {
    api.handlers['dialog.chooseFolder'] = () => '/projects/demand/ray-results/search';
    api.handlers['model.importRay'] = () => ({
      imported: [runSummary('t1', runResult({ runId: 't1', name: 'Demand #1 (units=4)' }))],
      refused: [{ folder: 'run_trial_00001', reason: 'The trial failed in Ray: RuntimeError: out of memory' }],
    });
    const wrapper = mount(RunsView);
    await flushPromises();
    await wrapper.get('[data-testid="import-ray-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('model.importRay')).toEqual([{ dir: '/projects/demand/ray-results/search' }]);
    expect(names(wrapper)).toContain('Demand #1 (units=4)');
    expect(wrapper.get('[data-testid="import-report"]').text()).toBe(
      'Imported 1 of 2 trials of the Ray Tune search. Not imported: run_trial_00001: The trial failed in Ray: RuntimeError: out of memory',
    );
  });
});

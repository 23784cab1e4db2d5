// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import App from '../../../src-renderer/App.vue';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, modelSummary, spec } from '../fixtures';
import { projectState, runSummary } from '../fixtures-more';

function mountApp() {
  return mount(App, { global: { plugins: [createPinia()] }, attachTo: document.body });
}

describe('App', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    document.body.innerHTML = '';
    api = new FakeStudioApi({
      'app.info': () => ({
        version: '1.2.3',
        backend: 'tensorflow',
        backendNote: null,
        host: 'browser',
        platform: 'linux',
      }),
      'runs.list': () => [],
      'data.rows': ({ offset, limit }) => ({ rows: [], total: Math.max(0, 100 - offset - limit) }),
      'spec.suggest': () => spec(),
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
    });
    setStudioApi(api);
  });

  it('shows the backend note only when training would run on the JavaScript backend', async () => {
    const fast = mountApp();
    await flushPromises();
    expect(fast.find('[data-testid="backend-banner"]').exists()).toBe(false);
    fast.unmount();

    api.handlers['app.info'] = () => ({
      version: '1.2.3',
      backend: 'cpu',
      backendNote: 'Native TensorFlow could not load: run npm run provision-tensorflow.',
      host: 'browser',
      platform: 'linux',
    });
    const slow = mountApp();
    await flushPromises();
    expect(slow.get('[data-testid="backend-banner"]').text()).toContain('run npm run provision-tensorflow');
  });

  it('imports a file, asks for a suggested spec and unlocks the Model step', async () => {
    api.picked = datasetSummary();
    const wrapper = mountApp();
    await flushPromises();
    expect(wrapper.get('[data-testid="nav-model"]').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-testid="import-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="dataset-summary"]').text()).toContain('nile-yearly.csv');
    expect(wrapper.get('[data-testid="problems-list"]').text()).toContain(datasetSummary().problems[0]!.message);
    // No task of its own: main proposes the one the file's layout calls for.
    expect(api.callsOf('spec.suggest')).toEqual([{ datasetId: 'ds-1' }]);
    expect(wrapper.get('[data-testid="nav-model"]').attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[data-testid="nav-results"]').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-testid="nav-model"]').trigger('click');
    expect(wrapper.find('[data-testid="lookback-input"]').exists()).toBe(true);
  });

  it('shows one dismissible error message when an action fails', async () => {
    api.pickDataFile = async () => {
      throw new Error('The file is not a spreadsheet or text file.');
    };
    const wrapper = mountApp();
    await flushPromises();
    expect(wrapper.find('[data-testid="error-message"]').exists()).toBe(false);
    await wrapper.get('[data-testid="import-button"]').trigger('click');
    await flushPromises();
    const errors = wrapper.findAll('[data-testid="error-message"]');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text()).toContain('The file is not a spreadsheet or text file.');
    await errors[0]!.get('button').trigger('click');
    expect(wrapper.find('[data-testid="error-message"]').exists()).toBe(false);
  });

  it("counts the open project's runs in the sidebar, not every stored run", async () => {
    api.handlers['runs.list'] = () => [runSummary('mine'), runSummary('other-1'), runSummary('other-2')];
    const wrapper = mountApp();
    await flushPromises();
    // No project open yet: every stored run is the user's.
    expect(wrapper.get('[data-testid="nav-runs"]').text()).toContain('3 runs');
    api.emit('project.changed', projectState({ runs: [runSummary('mine')] }));
    await flushPromises();
    expect(wrapper.get('[data-testid="nav-runs"]').text()).toContain('1 run');
    expect(wrapper.get('[data-testid="nav-runs"]').text()).not.toContain('3 runs');
    api.emit('project.changed', projectState({ runs: [] }));
    await flushPromises();
    expect(wrapper.get('[data-testid="nav-runs"]').text()).toContain('0 runs');
    expect(wrapper.get('[data-testid="nav-results"]').attributes('disabled')).toBeDefined();
  });
});

// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../src-main/shared/types-project';
import App from '../../../src-renderer/App.vue';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { AUTOSAVE_DELAY_MS } from '../../../src-renderer/stores/project-store';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, modelSummary, spec } from '../fixtures';
import { SAMPLES, projectState } from '../fixtures-more';

function mountApp() {
  return mount(App, { global: { plugins: [createPinia()] }, attachTo: document.body });
}

describe('Start screen and shell', () => {
  let api: FakeStudioApi;
  let settings: Settings;
  beforeEach(() => {
    document.body.innerHTML = '';
    settings = { theme: 'system', defaultDataFolder: null, defaultExportFolder: null, trainingThreads: null };
    api = new FakeStudioApi({
      'app.info': () => ({
        version: '1',
        backend: 'tensorflow',
        backendNote: null,
        host: 'browser',
        platform: 'linux',
      }),
      'runs.list': () => [],
      'project.current': () =>
        projectState({ path: null, name: 'Untitled project', dirty: false, savedAt: null, spec: null, dataset: null }),
      'project.recent': () => [
        { path: '/p/nile.rsproj', name: 'Nile study', openedAt: '2026-01-01T00:00:00Z', exists: true },
        { path: '/p/gone.rsproj', name: 'Old study', openedAt: '2025-01-01T00:00:00Z', exists: false },
      ],
      'samples.list': () => SAMPLES,
      'settings.get': () => settings,
      'settings.set': (patch) => (settings = { ...settings, ...patch } as Settings),
      'data.inspect': ({ path }) => datasetSummary({ path }),
      'data.rows': () => ({ rows: [], total: 0 }),
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
    });
    setStudioApi(api);
  });
  afterEach(() => vi.useRealTimers());

  it('opens on the start screen with sample cards and recent projects; a moved project cannot be opened', async () => {
    const wrapper = mountApp();
    await flushPromises();
    expect(wrapper.get('[data-testid="nav-start"]').attributes('aria-current')).toBe('step');
    const card = wrapper.get('[data-testid="sample-reviews"]');
    expect(card.text()).toContain(SAMPLES[1]!.title);
    expect(card.text()).toContain('Text classification');
    expect(card.text()).toContain(SAMPLES[1]!.description);
    expect(wrapper.get('[data-testid="recent-0"]').attributes('disabled')).toBeUndefined();
    expect(wrapper.get('[data-testid="recent-1"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="recent-1"]').text()).toContain('moved or deleted');
  });

  it('opens a sample, shows its title, and autosaves the edited spec', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    api.handlers['samples.open'] = () =>
      projectState({ path: null, name: 'Nile river flow', dirty: false, spec: spec() });
    api.handlers['project.setSpec'] = ({ spec: s }) =>
      projectState({ name: 'Nile river flow', dirty: true, spec: s as never });
    const wrapper = mountApp();
    await flushPromises();
    await wrapper.get('[data-testid="open-sample-nile"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('samples.open')).toEqual([{ id: 'nile' }]);
    expect(wrapper.get('[data-testid="project-title"]').text()).toBe('Nile river flow');
    expect(wrapper.find('[data-testid="lookback-input"]').exists()).toBe(true);
    expect(api.callsOf('project.setSpec')).toEqual([]);

    await wrapper.get('[data-testid="lookback-input"]').setValue('31');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 10);
    await flushPromises();
    const sent = api.callsOf('project.setSpec') as { spec: { data: { lookback: number } } }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.spec.data.lookback).toBe(31);
    expect(wrapper.get('[data-testid="project-status"]').text()).toBe('Unsaved changes');
  });

  it('asks before a new project replaces unsaved work, and does nothing when the user cancels', async () => {
    api.handlers['project.new'] = () => projectState({ name: 'Untitled project', dirty: false });
    const wrapper = mountApp();
    await flushPromises();
    api.emit('project.changed', projectState({ name: 'Nile river flow', dirty: true }));
    await flushPromises();
    const confirm = vi.fn((_question: string) => false);
    vi.stubGlobal('confirm', confirm);
    await wrapper.get('[data-testid="new-project-button"]').trigger('click');
    await flushPromises();
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('“Nile river flow” has unsaved changes'));
    expect(api.callsOf('project.new')).toEqual([]);

    confirm.mockImplementation(() => true);
    await wrapper.get('[data-testid="new-project-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('project.new')).toHaveLength(1);
    vi.unstubAllGlobals();
  });

  it('never says "Saved" for a project that has no file yet', async () => {
    const wrapper = mountApp();
    await flushPromises();
    api.emit('project.changed', projectState({ path: null, dirty: false, savedAt: null }));
    await flushPromises();
    expect(wrapper.get('[data-testid="project-status"]').text()).toBe('Not saved yet');
  });

  it('follows project.changed for the saved indicator and shows the relink banner for a changed file', async () => {
    const wrapper = mountApp();
    await flushPromises();
    expect(wrapper.find('[data-testid="relink-banner"]').exists()).toBe(false);
    api.emit(
      'project.changed',
      projectState({
        dirty: false,
        savedAt: '2026-01-02T10:00:00Z',
        dataset: { path: '/d/x.csv', sha256: 'a', status: 'changed' },
      }),
    );
    await flushPromises();
    expect(wrapper.get('[data-testid="project-status"]').text()).toContain('Saved');
    expect(wrapper.get('[data-testid="relink-banner"]').text()).toContain('x.csv has changed');

    api.handlers['dialog.openDataFile'] = () => '/d/x-v2.csv';
    api.handlers['project.relink'] = ({ path }) => projectState({ dataset: { path, sha256: 'b', status: 'ok' } });
    await wrapper.get('[data-testid="relink-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('project.relink')).toEqual([{ path: '/d/x-v2.csv' }]);
    expect(wrapper.find('[data-testid="relink-banner"]').exists()).toBe(false);
  });

  it('opens an uploaded project in the browser, states the upload limit, and goes to its data', async () => {
    api.uploadLimit = '100 MB';
    api.openProject = async () => projectState({ path: '/data/uploads/a/pumps.rsproj', name: 'Uploaded', spec: null });
    const wrapper = mountApp();
    await flushPromises();
    expect(wrapper.get('[data-testid="start-upload-limit"]').text()).toContain('up to 100 MB');
    await wrapper.get('[data-testid="open-project-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('input[type="text"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="project-title"]').text()).toBe('Uploaded');
    expect(wrapper.get('[data-testid="nav-data"]').attributes('aria-current')).toBe('step');
    expect(wrapper.find('[data-testid="dataset-summary"]').exists()).toBe(true);
  });

  it('offers default folders where the desktop dialogs open, and none where files are uploaded', async () => {
    api.handlers['dialog.chooseFolder'] = () => '/home/me/data';
    const desktop = mountApp();
    await flushPromises();
    await desktop.get('[data-testid="settings-button"]').trigger('click');
    await flushPromises();
    await desktop.get('[data-testid="defaultDataFolder-choose"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('settings.set')).toEqual([{ defaultDataFolder: '/home/me/data' }]);
    desktop.unmount();

    api.uploadLimit = '100 MB';
    const browser = mountApp();
    await flushPromises();
    await browser.get('[data-testid="settings-button"]').trigger('click');
    await flushPromises();
    expect(browser.find('[data-testid="settings-dialog"]').exists()).toBe(true);
    expect(browser.find('[data-testid="defaultDataFolder-input"]').exists()).toBe(false);
    expect(browser.find('input[type="text"]').exists()).toBe(false);
  });

  it('changes the theme live from the settings dialog and stores the thread count', async () => {
    const wrapper = mountApp();
    await flushPromises();
    await wrapper.get('[data-testid="settings-button"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="theme-dark"]').trigger('change');
    expect(document.documentElement.dataset.theme).toBe('dark');
    await flushPromises();
    await wrapper.get('[data-testid="threads-input"]').setValue('3');
    await flushPromises();
    expect(api.callsOf('settings.set')).toEqual([{ theme: 'dark' }, { trainingThreads: 3 }]);
    expect(settings.trainingThreads).toBe(3);
    await wrapper.get('[data-testid="settings-close"]').trigger('click');
    expect(wrapper.find('[data-testid="settings-dialog"]').exists()).toBe(false);
    await wrapper.get('[data-testid="settings-button"]').trigger('click');
    expect(wrapper.find('[data-testid="settings-dialog"]').exists()).toBe(true);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await flushPromises();
    expect(wrapper.find('[data-testid="settings-dialog"]').exists()).toBe(false);
  });

  it('records a column type override and offers the column by its new type', async () => {
    api.picked = datasetSummary();
    api.handlers['spec.suggest'] = () => spec();
    const wrapper = mountApp();
    await flushPromises();
    await wrapper.get('[data-testid="import-button"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="column-type-rain"]').setValue('categorical');
    // The file is read again with the new type before the override counts.
    await flushPromises();
    expect(useDatasetStore().typeOverrides).toEqual({ rain: 'categorical' });
    expect(wrapper.find('[data-testid="type-override-note"]').exists()).toBe(true);
    await wrapper.get('[data-testid="nav-model"]').trigger('click');
    const targets = wrapper
      .get('[data-testid="target-select"]')
      .findAll('option')
      .map((o) => o.text());
    expect(targets).not.toContain('rain');
    await wrapper.get('[data-testid="nav-data"]').trigger('click');
    await wrapper.get('[data-testid="column-type-rain"]').setValue('numeric');
    await flushPromises();
    expect(useDatasetStore().typeOverrides).toEqual({});
  });
});

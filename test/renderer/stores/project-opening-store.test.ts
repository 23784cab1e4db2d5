/**
 * Following a project open: the bar moves with main's progress for this open only, Cancel
 * asks main to stop it by the same id, and a cancelled open resolves quietly with null.
 */
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-main/shared/contract';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useProjectOpeningStore } from '../../../src-renderer/stores/project-opening-store';
import { FakeStudioApi } from '../fake-studio-api';

describe('project opening store', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({ 'data.cancelImport': () => ({ ok: true }) });
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('follows the progress of its own open and clears the bar when it ends', async () => {
    const store = useProjectOpeningStore();
    let finish: (value: string) => void = () => undefined;
    let id = '';
    const result = store.track(
      (openId) =>
        new Promise<string>((resolve) => {
          id = openId;
          finish = resolve;
        }),
    );
    api.emit('data.progress', { importId: 'someone-else', fraction: 0.9, bytesRead: 900 });
    expect(store.opening).toMatchObject({ importId: id, fraction: null });
    api.emit('data.progress', { importId: id, fraction: 0.25, bytesRead: 250 });
    expect(store.opening).toMatchObject({ fraction: 0.25, bytesRead: 250, cancelling: false });
    finish('opened');
    await expect(result).resolves.toBe('opened');
    expect(store.opening).toBeNull();
    expect(api.listenerCount('data.progress')).toBe(0);
  });

  it('cancels by the open id and resolves null when main says it was cancelled', async () => {
    const store = useProjectOpeningStore();
    let fail: (e: Error) => void = () => undefined;
    const result = store.track(() => new Promise<string>((_, reject) => (fail = reject)));
    const id = store.opening?.importId;
    await store.cancel();
    expect(store.opening?.cancelling).toBe(true);
    expect(api.callsOf('data.cancelImport')).toEqual([{ importId: id }]);
    fail(new StudioError({ code: 'cancelled', message: 'Opening "a.rsproj" was cancelled; nothing changed.' }));
    await expect(result).resolves.toBeNull();
    expect(store.opening).toBeNull();
  });

  it('passes on a failure that is not a cancel', async () => {
    const store = useProjectOpeningStore();
    const damaged = new StudioError({ code: 'bad-data', message: '"a.rsproj" cannot be opened: it is damaged.' });
    await expect(store.track(() => Promise.reject(damaged))).rejects.toBe(damaged);
    expect(store.opening).toBeNull();
  });
});

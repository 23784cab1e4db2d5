import { describe, expect, it } from 'vitest';
import { StudioError, type StudioApi } from '../../../src-main/shared/contract';
import { wrapPreloadApi } from '../../../src-renderer/host/electron-host';

/** Mimics the preload after the context bridge: failures are plain objects. */
function bridged(reason: unknown): StudioApi {
  return {
    host: 'electron',
    request: () => Promise.reject(reason),
    on: () => () => undefined,
    pickDataFile: () => Promise.reject(reason),
    saveModel: () => Promise.resolve('/models/nile'),
    uploadLimit: null,
    openProject: () => Promise.reject(reason),
    saveProject: () => Promise.resolve(null),
    pickDataFolder: () => Promise.reject(reason),
    predictFile: () => Promise.reject(reason),
    predictFolder: () => Promise.reject(reason),
    relinkData: () => Promise.resolve(null),
    importModel: () => Promise.reject(reason),
    importKeras: () => Promise.reject(reason),
    importRay: () => Promise.reject(reason),
  };
}

describe('wrapPreloadApi', () => {
  it('turns bridged error objects back into StudioErrors with code and problems', async () => {
    const api = wrapPreloadApi(
      bridged({
        code: 'invalid-spec',
        message: 'Fix the window.',
        problems: [{ path: 'data.lookback', message: 'x' }],
      }),
    );
    const error = await api.request('runs.list', undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('invalid-spec');
    expect((error as StudioError).problems[0].path).toBe('data.lookback');
    await expect(api.pickDataFile()).rejects.toBeInstanceOf(StudioError);
    // The file actions fail alike, so the views show main's sentence whichever action failed.
    for (const action of [
      api.openProject(),
      api.pickDataFolder(),
      api.predictFile('r'),
      api.predictFolder('r'),
      api.importModel(),
    ]) {
      await expect(action).rejects.toBeInstanceOf(StudioError);
    }
  });

  it('passes values and other errors through', async () => {
    const api = wrapPreloadApi(bridged(new TypeError('boom')));
    expect(api.host).toBe('electron');
    expect(await api.saveModel('r')).toBe('/models/nile');
    await expect(api.request('runs.list', undefined)).rejects.toBeInstanceOf(TypeError);
  });
});

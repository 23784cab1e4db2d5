/**
 * Adapts the Electron preload's `window.studio` to the renderer. Values crossing Electron's
 * context bridge are copied, so a failed request arrives as a plain `{ code, message }`
 * object rather than a StudioError; this restores the class so every host fails alike.
 */
import { StudioError, type StudioApi, type StudioErrorInfo } from '../../src-main/shared/contract';

function isErrorInfo(value: unknown): value is StudioErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StudioErrorInfo).code === 'string' &&
    typeof (value as StudioErrorInfo).message === 'string'
  );
}

/** A rejection from the preload as a StudioError (other errors pass through unchanged). */
export function toStudioError(reason: unknown): unknown {
  if (reason instanceof StudioError) return reason;
  return isErrorInfo(reason) ? new StudioError(reason) : reason;
}

/** Wraps the preload's API so its failures are StudioErrors. */
export function wrapPreloadApi(preload: StudioApi): StudioApi {
  const rethrow = (reason: unknown): never => {
    throw toStudioError(reason);
  };
  return {
    host: preload.host,
    request: (name, args) => preload.request(name, args).catch(rethrow),
    on: (event, listener) => preload.on(event, listener),
    pickDataFile: (options) => preload.pickDataFile(options).catch(rethrow),
    saveModel: (runId) => preload.saveModel(runId).catch(rethrow),
    uploadLimit: preload.uploadLimit,
    openProject: () => preload.openProject().catch(rethrow),
    saveProject: (options) => preload.saveProject(options).catch(rethrow),
    pickDataFolder: (options) => preload.pickDataFolder(options).catch(rethrow),
    predictFile: (runId) => preload.predictFile(runId).catch(rethrow),
    predictFolder: (runId) => preload.predictFolder(runId).catch(rethrow),
    relinkData: () => preload.relinkData().catch(rethrow),
    importModel: () => preload.importModel().catch(rethrow),
    importKeras: () => preload.importKeras().catch(rethrow),
    importRay: () => preload.importRay().catch(rethrow),
  };
}

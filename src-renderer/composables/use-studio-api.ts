/**
 * The renderer's one way to reach the API object. The boot code (main.ts) installs the
 * host's API before mounting; tests install a fake. Stores and components never know
 * whether they run in Electron or in a browser.
 */
import type { StudioApi } from '../../src-main/shared/contract';

let current: StudioApi | null = null;

/** Makes `api` the object every store and component talks to (boot code and tests). */
export function setStudioApi(api: StudioApi | null): void {
  current = api;
}

/** The installed API; throws when called before the boot code installed one. */
export function useStudioApi(): StudioApi {
  if (!current) throw new Error('The Studio API is not ready yet: install it with setStudioApi() before mounting.');
  return current;
}

/**
 * Picks the API object for this page: the Electron preload's `window.studio` when present,
 * otherwise a WebSocket client of the browser host that served the page. Nothing else in the
 * renderer knows which one it got.
 */
import type { StudioApi } from '../../src-main/shared/contract';
import { BrowserHost } from './browser-host';
import { wrapPreloadApi } from './electron-host';

declare global {
  interface Window {
    /** Provided by the Electron preload (src-main/electron/preload.ts); absent in a browser. */
    readonly studio?: StudioApi;
  }
}

/** The host's API; call once at boot. */
export function resolveStudioApi(): StudioApi {
  return window.studio ? wrapPreloadApi(window.studio) : new BrowserHost();
}

export { BrowserHost } from './browser-host';

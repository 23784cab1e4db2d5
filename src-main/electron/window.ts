/**
 * The main window, locked down: the renderer is a web page with no Node access, may not
 * navigate away, open windows, use device permissions or reach the network.
 */
import { BrowserWindow, type Session } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../host/content-security-policy';
import { isAllowedRequest, type RendererLocation } from './url-policy';

const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const preloadScript = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** Where our pages come from in this launch (the dev server only under `electron-vite dev`). */
export function rendererLocation(): RendererLocation {
  return {
    rendererDir: pathToFileURL(fileURLToPath(new URL('../renderer/', import.meta.url))).href,
    devServerUrl: process.env.ELECTRON_RENDERER_URL ?? null,
  };
}

/** Applies the permission, request and CSP rules to a session once. */
export function hardenSession(target: Session, where: RendererLocation): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, where) }));
  const devSocket = where.devServerUrl ? [where.devServerUrl.replace(/^http/, 'ws')] : [];
  const csp = contentSecurityPolicy(devSocket);
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/** Creates and loads the main window. */
export function createMainWindow(where: RendererLocation): BrowserWindow {
  const win = new BrowserWindow({
    width: 1320,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Recurrent Studio',
    webPreferences: {
      preload: preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Links and drops must not replace the app with another page.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (where.devServerUrl) void win.loadURL(where.devServerUrl);
  else void win.loadFile(rendererIndex);
  return win;
}

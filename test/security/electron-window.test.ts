/**
 * The desktop window's security boundary, checked on the options and handlers the window module
 * really installs (Electron itself is replaced by a recorder: its binary cannot run here):
 * isolated sandboxed renderer without Node, no navigation, no new windows, no device
 * permissions, no network requests, and a strict Content-Security-Policy.
 */
import { describe, expect, it, vi } from 'vitest';

interface Recorded {
  options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
  handlers: Map<string, (event: { preventDefault: () => void }, url?: string) => void>;
  openHandler: ((details: { url: string }) => { action: string }) | null;
  loaded: string[];
}
const windows = vi.hoisted(() => [] as Recorded[]);

vi.mock('electron', () => {
  class BrowserWindow {
    private readonly rec: Recorded;
    readonly webContents: Record<string, unknown>;
    constructor(options: Recorded['options']) {
      this.rec = { options, handlers: new Map(), openHandler: null, loaded: [] };
      windows.push(this.rec);
      const rec = this.rec;
      this.webContents = {
        on: (name: string, handler: Recorded['handlers'] extends Map<string, infer H> ? H : never) => {
          rec.handlers.set(name, handler);
        },
        setWindowOpenHandler: (handler: Recorded['openHandler']) => {
          rec.openHandler = handler;
        },
      };
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      this.rec.loaded.push(url);
      return Promise.resolve();
    }
    loadFile(file: string): Promise<void> {
      this.rec.loaded.push(file);
      return Promise.resolve();
    }
  }
  return { BrowserWindow, default: { BrowserWindow } };
});

const { createMainWindow, hardenSession } = await import('../../src-main/electron/window');
type SessionArg = Parameters<typeof hardenSession>[0];

const where = { rendererDir: 'file:///opt/recurrent/out/renderer/', devServerUrl: null };

describe('main window options', () => {
  it('isolates a sandboxed renderer without Node and with web security on', () => {
    createMainWindow(where);
    const prefs = windows.at(-1)?.options.webPreferences ?? {};
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    // Options that would weaken the boundary must be absent or off.
    for (const risky of [
      'allowRunningInsecureContent',
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webviewTag',
      'experimentalFeatures',
      'enableBlinkFeatures',
    ]) {
      expect(prefs[risky] ?? false, risky).toBe(false);
    }
    // The sandboxed preload must be CommonJS (Electron runs it as a plain script).
    expect(String(prefs.preload)).toMatch(/\.cjs$/);
    expect(windows.at(-1)?.loaded).toEqual([expect.stringMatching(/renderer[\\/]index\.html$/)]);
  });

  it('blocks navigation, redirects and new windows', () => {
    createMainWindow(where);
    const rec = windows.at(-1);
    if (!rec) throw new Error('no window was created');
    for (const name of ['will-navigate', 'will-redirect']) {
      const handler = rec.handlers.get(name);
      expect(handler, name).toBeTypeOf('function');
      const event = { preventDefault: vi.fn() };
      handler?.(event, 'https://example.com/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(rec.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });
});

describe('session hardening', () => {
  function hardened(devServerUrl: string | null = null) {
    const seen: {
      permission?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
      check?: (...args: unknown[]) => boolean;
      request?: (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void;
      headers?: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (r: { responseHeaders: Record<string, string[]> }) => void,
      ) => void;
    } = {};
    const session = {
      setPermissionRequestHandler: (h: typeof seen.permission) => (seen.permission = h),
      setPermissionCheckHandler: (h: typeof seen.check) => (seen.check = h),
      webRequest: {
        onBeforeRequest: (h: typeof seen.request) => (seen.request = h),
        onHeadersReceived: (h: typeof seen.headers) => (seen.headers = h),
      },
    };
    hardenSession(session as unknown as SessionArg, { ...where, devServerUrl });
    return seen;
  }

  it('denies every permission request and check', () => {
    const seen = hardened();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fileSystem',
    ]) {
      const callback = vi.fn();
      seen.permission?.({}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(seen.check?.({}, permission, 'file://', {})).toBe(false);
    }
  });

  it('cancels every network request and files outside the renderer', () => {
    const seen = hardened();
    const cancelled = (url: string) => {
      let result: boolean | undefined;
      seen.request?.({ url }, (r) => (result = r.cancel));
      return result;
    };
    for (const url of [
      'https://example.com/x.js',
      'http://127.0.0.1:8080/',
      'ws://evil.test/',
      'file:///etc/passwd',
      'file:///opt/recurrent/out/renderer/../main/index.js',
      'file:///opt/recurrent/out/renderer/%2e%2e/main/index.js',
      '\\\\server\\share\\x',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    expect(cancelled('file:///opt/recurrent/out/renderer/index.html')).toBe(false);
    expect(cancelled('data:image/png;base64,AA==')).toBe(false);
  });

  it('sends a strict Content-Security-Policy: own scripts only, no eval, no remote hosts', () => {
    const seen = hardened();
    let headers: Record<string, string[]> = {};
    seen.headers?.(
      { responseHeaders: { 'Content-Security-Policy': ['default-src *'] } },
      (r) => (headers = r.responseHeaders),
    );
    const policies = headers['Content-Security-Policy'];
    expect(policies).toHaveLength(1);
    const csp = policies[0];
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|\*|https?:|wss?:/);
  });
});

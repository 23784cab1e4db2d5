/**
 * Smoke test of the real desktop app: launches Electron on the built main bundle and checks
 * that the window shows the app with the preload's API. Skipped where the Electron binary is
 * not installed (offline machines cannot download it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { REPO_ROOT } from './e2e-env';

/**
 * The Electron binary's path, or why there is none. Checked on disk: requiring the electron
 * package without its binary starts a download, which fails offline after a long wait.
 */
function electronBinary(): { path: string } | { reason: string } {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'the Electron binary was never downloaded (no electron/path.txt)' };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { reason: `the Electron binary ${binary} is missing` };
}

const binary = electronBinary();

test('the desktop app opens its window with the preload API', async () => {
  test.skip('reason' in binary, 'reason' in binary ? `Skipped: ${binary.reason}.` : '');
  if (!('path' in binary)) return;
  const app = await electron.launch({
    executablePath: binary.path,
    args: [join(REPO_ROOT, 'out', 'main', 'index.js'), '--no-sandbox'],
    cwd: REPO_ROOT,
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('import-button')).toBeVisible();
    const host = await window.evaluate(() => (window as unknown as { studio?: { host: string } }).studio?.host);
    expect(host).toBe('electron');
    // The preload must not leak Node or IPC into the page.
    const leaks = await window.evaluate(() => ({
      require: typeof (window as unknown as { require?: unknown }).require,
      ipc: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(leaks).toEqual({ require: 'undefined', ipc: 'undefined' });
  } finally {
    await app.close();
  }
});

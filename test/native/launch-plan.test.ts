/**
 * `npm start` on a machine without the Electron binary once ended in "Error: Electron uninstall"
 * and a stack trace; it now opens the browser host instead. These tests pin that decision.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { electronBinary, launchPlan } from '../../src-main/native/launch-plan';
import { openCommand } from '../../src-main/host/open-browser';

const dir = mkdtempSync(join(tmpdir(), 'rs-launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function electronPackage(name: string, options: { pathTxt?: string; binary?: boolean }): string {
  const pkg = join(dir, name);
  mkdirSync(join(pkg, 'dist'), { recursive: true });
  if (options.pathTxt !== undefined) writeFileSync(join(pkg, 'path.txt'), options.pathTxt);
  if (options.binary) writeFileSync(join(pkg, 'dist', options.pathTxt ?? 'electron'), '');
  return pkg;
}

describe('electronBinary', () => {
  it('finds the binary path.txt names under dist/', () => {
    const pkg = electronPackage('installed', { pathTxt: 'electron', binary: true });
    expect(electronBinary(pkg, {})).toBe(join(pkg, 'dist', 'electron'));
  });

  it('is null when the package never downloaded its binary (no path.txt)', () => {
    expect(electronBinary(electronPackage('bare', {}), {})).toBeNull();
  });

  it('is null when path.txt exists but the binary was removed', () => {
    expect(electronBinary(electronPackage('removed', { pathTxt: 'electron' }), {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const pkg = electronPackage('override', {});
    const custom = join(dir, 'custom-dist');
    mkdirSync(custom, { recursive: true });
    writeFileSync(join(custom, 'electron'), '');
    expect(electronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: custom })).toBe(join(custom, 'electron'));
    expect(electronBinary(pkg, { ELECTRON_OVERRIDE_DIST_PATH: join(dir, 'missing') })).toBeNull();
  });
});

describe('launchPlan', () => {
  const tools = { electronVite: '/x/electron-vite.js', serveEntry: '/x/out/main/serve.js' };

  it('opens the desktop window where the binary exists, silently', () => {
    const start = launchPlan({ mode: 'start', electron: '/x/electron', ...tools });
    expect(start.target).toBe('desktop');
    expect(start.notice).toBeNull();
    expect(start.steps.map((s) => s.args[0])).toEqual(['build', 'preview']);
    const dev = launchPlan({ mode: 'dev', electron: '/x/electron', ...tools });
    expect(dev.steps).toEqual([{ script: tools.electronVite, args: ['dev'] }]);
  });

  it('without the binary, builds and serves in the default browser, saying so in one line', () => {
    for (const mode of ['start', 'dev'] as const) {
      const plan = launchPlan({ mode, electron: null, ...tools });
      expect(plan.target).toBe('browser');
      expect(plan.steps).toEqual([
        { script: tools.electronVite, args: ['build'] },
        { script: tools.serveEntry, args: ['--open'] },
      ]);
      expect(plan.notice).toMatch(/Electron binary is not installed.*browser/);
      expect(plan.notice).not.toContain('\n');
    }
  });

  it('passes browser-host options on (npm start -- --port 0)', () => {
    const plan = launchPlan({ mode: 'start', electron: null, ...tools, serveArgs: ['--port', '0'] });
    expect(plan.steps[1].args).toEqual(['--open', '--port', '0']);
  });
});

describe('openCommand', () => {
  const url = 'http://127.0.0.1:4780/?token=abc&x=1';
  it('uses each system’s opener', () => {
    expect(openCommand('linux', url)).toEqual({ command: 'xdg-open', args: [url] });
    expect(openCommand('darwin', url)).toEqual({ command: 'open', args: [url] });
    const win = openCommand('win32', url);
    expect(win.command).toBe('cmd');
    // cmd would split the address at an unescaped "&".
    expect(win.args.at(-1)).toBe('http://127.0.0.1:4780/?token=abc^&x=1');
  });
});

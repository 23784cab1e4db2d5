/**
 * What `npm start` and `npm run dev` do on this machine: the desktop window when the Electron
 * binary is installed, otherwise the same app in the default browser through the browser host.
 * Machines without internet cannot download Electron, and a stack trace is not an answer there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type LaunchMode = 'start' | 'dev';

/** One program to run, with its arguments (node scripts run with the current node). */
export interface LaunchStep {
  script: string;
  args: string[];
}

export interface LaunchPlan {
  target: 'desktop' | 'browser';
  steps: LaunchStep[];
  /** One line for the terminal, set when the app opens somewhere other than the desktop window. */
  notice: string | null;
}

/**
 * The Electron executable the `electron` package would run, or null when it is not on disk.
 * Mirrors the package's own lookup (path.txt names the file under dist/, or an override folder)
 * without its side effect of trying to download the binary.
 */
export function electronBinary(electronDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(electronDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

/**
 * The steps for `mode`, given where the build tool and the built browser host live and whether
 * the Electron binary exists. Pure, so the decision is testable without Electron or a browser.
 */
export function launchPlan(options: {
  mode: LaunchMode;
  electron: string | null;
  electronVite: string;
  serveEntry: string;
  /** Extra options for the browser host (`npm start -- --port 0`); the desktop window takes none. */
  serveArgs?: string[];
}): LaunchPlan {
  const { mode, electron, electronVite, serveEntry, serveArgs = [] } = options;
  if (electron) {
    const steps: LaunchStep[] =
      mode === 'dev'
        ? [{ script: electronVite, args: ['dev'] }]
        : [
            { script: electronVite, args: ['build'] },
            { script: electronVite, args: ['preview'] },
          ];
    return { target: 'desktop', steps, notice: null };
  }
  return {
    target: 'browser',
    // Without Electron there is no window to hot-reload into: dev builds once and serves like start.
    steps: [
      { script: electronVite, args: ['build'] },
      { script: serveEntry, args: ['--open', ...serveArgs] },
    ],
    notice:
      'The Electron binary is not installed on this machine, so Recurrent Studio opens in your default browser instead (same app, served only to this computer).',
  };
}

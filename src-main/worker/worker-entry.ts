/**
 * Where a worker's code lives (the training worker's, the project unpacker's). Bundled
 * (electron-vite), it is e.g. `training-worker.js` in the main output folder (the code asking
 * may sit there or in `chunks/` below it). From TypeScript sources (tests, tsx) the worker
 * starts through a small bootstrap that registers tsx and then imports e.g. `training-worker.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** A file URL, or bootstrap code when `eval` is true. */
  source: URL | string;
  eval: boolean;
}

/** A worker's code: its source file (relative to this file) and its bundle's name in the main output folder. */
export interface WorkerFiles {
  source: string;
  bundle: string;
  /** How the worker is named in the message when its bundle is missing. */
  title: string;
}

const TRAINING_WORKER: WorkerFiles = {
  source: './training-worker.ts',
  bundle: 'training-worker.js',
  title: 'training worker',
};

/** The entry for the build that is running now. */
export function trainingWorkerEntry(): WorkerEntry {
  return resolveWorkerEntry(import.meta.url);
}

/** The entry of another worker of this build (one that electron.vite.config.ts bundles too). */
export function workerEntry(files: WorkerFiles): WorkerEntry {
  return resolveWorkerEntry(import.meta.url, files);
}

/**
 * The worker entry as seen from the module at `moduleUrl` (this file, or the bundle chunk it
 * ended up in). Bundled, the worker is its bundle file in the main output folder: beside
 * this code when it sits in an entry bundle, one folder up when the bundler moved it into
 * `chunks/`. From TypeScript sources the worker starts through a tsx bootstrap.
 */
export function resolveWorkerEntry(moduleUrl: string, files: WorkerFiles = TRAINING_WORKER): WorkerEntry {
  if (moduleUrl.endsWith('.ts')) return typescriptEntry(new URL(files.source, moduleUrl));
  const candidates = [new URL(`./${files.bundle}`, moduleUrl), new URL(`../${files.bundle}`, moduleUrl)];
  const found = candidates.find((u) => existsSync(fileURLToPath(u)));
  if (!found) {
    const looked = candidates.map((u) => fileURLToPath(u)).join(' or ');
    throw new Error(`The ${files.title} is missing from this installation (looked for ${looked}). Reinstall the app.`);
  }
  return { source: found, eval: false };
}

/** A bootstrap that runs a TypeScript worker file through tsx. */
export function typescriptEntry(file: URL): WorkerEntry {
  const tsxApi = tsxEsmApi();
  // Eval'd worker code is a CommonJS script: no top-level await, so chain the imports.
  const code = [
    `import(${JSON.stringify(tsxApi)})`,
    '.then((m) => { (m.register ?? m.default.register)(); })',
    `.then(() => import(${JSON.stringify(file.href)}));`,
  ].join('');
  return { source: code, eval: true };
}

interface TsxManifest {
  exports: Record<string, { import?: { default?: string } } | string>;
}

/** File URL of tsx's ESM register API (the `import` condition, which require.resolve would not pick). */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as TsxManifest;
  const api = manifest.exports['./esm/api'];
  const file = typeof api === 'string' ? api : api?.import?.default;
  if (!file) throw new Error('This tsx version has no ESM register API; update tsx.');
  return pathToFileURL(path.join(path.dirname(manifestPath), file)).href;
}

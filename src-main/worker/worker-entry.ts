/**
 * Where the training worker's code lives. Bundled (electron-vite), it is `training-worker.js`
 * beside the main bundle. From TypeScript sources (tests, tsx) the worker starts through a
 * small bootstrap that registers tsx and then imports `training-worker.ts`.
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

/** The entry for the build that is running now. */
export function trainingWorkerEntry(): WorkerEntry {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    // The bundler may move this code into a shared chunk one folder below the entries.
    const candidates = [new URL('./training-worker.js', here), new URL('../training-worker.js', here)];
    const found = candidates.find((u) => existsSync(fileURLToPath(u))) ?? candidates[0];
    return { source: found, eval: false };
  }
  return typescriptEntry(new URL('./training-worker.ts', here));
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

#!/usr/bin/env node
/**
 * Downloads the Electron binary that `npm start` runs. The project installs packages with
 * --ignore-scripts (tfjs-node's own install step must not run; native TensorFlow is provisioned
 * offline instead), so Electron's download step is run here. Without internet it cannot
 * succeed: it says so and exits 0, because the tests, the browser host (`npm run serve`) and
 * the command line do not need Electron.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const log = (msg) => process.stdout.write(`[fetch-electron] ${msg}\n`);

if (!fs.existsSync(path.join(electronDir, 'install.js'))) {
  log('the electron package is not installed; run `npm install` first.');
} else if (fs.existsSync(path.join(electronDir, 'path.txt'))) {
  log('the Electron binary is present.');
} else {
  const r = spawnSync(process.execPath, ['install.js'], { cwd: electronDir, encoding: 'utf8', timeout: 600_000 });
  if (r.status === 0 && fs.existsSync(path.join(electronDir, 'path.txt'))) log('downloaded the Electron binary.');
  else {
    log(
      'could not download the Electron binary (no internet access?). The desktop window needs it; ' +
        'the tests, `npm run serve` (the app in a browser) and the command line work without it.',
    );
  }
}

import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { E2E_DATA_DIR, E2E_PORT, E2E_TOKEN, REPO_ROOT } from './e2e-env';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

// The config is evaluated again in each worker; pin the data folder chosen by the first evaluation.
process.env.RECURRENT_E2E_DATA_DIR = E2E_DATA_DIR;

/**
 * End-to-end tests against the built app (`npm run build` first): the browser host serves
 * out/renderer and the API, and the system Chromium drives it. Playwright cannot download
 * browsers on offline machines, so it uses /usr/bin/chromium with flags that keep it from
 * calling home.
 */
export default defineConfig({
  testDir: '.',
  outputDir: `${REPO_ROOT}test-results/e2e`,
  // Training a small model on the pure-JS engine can take a while on two cores.
  timeout: 240_000,
  expect: { timeout: 20_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    trace: 'off',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      // The system Chromium where there is one (Debian / Ubuntu); otherwise Playwright's own browser.
      ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `node out/main/serve.js --port ${E2E_PORT} --data-dir "${E2E_DATA_DIR}"`,
    cwd: REPO_ROOT,
    url: `http://127.0.0.1:${E2E_PORT}/?token=${E2E_TOKEN}`,
    env: { RECURRENT_TOKEN: E2E_TOKEN },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});

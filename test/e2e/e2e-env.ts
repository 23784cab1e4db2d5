/** Values the e2e config and specs share: the browser host's port and its fixed token. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A port per test session (another session or a developer's server may hold a fixed one);
 * pinned in the environment so Playwright's workers, which evaluate this file again, agree.
 */
export const E2E_PORT = Number(
  (process.env.RECURRENT_E2E_PORT ??= String(20_000 + Math.floor(Math.random() * 20_000))),
);
/** Fixed through RECURRENT_TOKEN so the specs can open the app's address. */
export const E2E_TOKEN = 'e2e-token-0123456789abcdef';
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
/** A fresh data folder per test session: no runs or uploads from earlier sessions. */
export const E2E_DATA_DIR = process.env.RECURRENT_E2E_DATA_DIR ?? join(tmpdir(), `recurrent-e2e-${process.pid}`);
/** The address printed by the server, token included. */
export const APP_URL = `/?token=${E2E_TOKEN}`;

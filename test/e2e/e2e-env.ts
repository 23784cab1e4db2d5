/** Values the e2e config and specs share: the browser host's port and its fixed token. */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const E2E_PORT = 4791;
/** Fixed through RECURRENT_TOKEN so the specs can open the app's address. */
export const E2E_TOKEN = 'e2e-token-0123456789abcdef';
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');
/** A fresh data folder per test session: no runs or uploads from earlier sessions. */
export const E2E_DATA_DIR = process.env.RECURRENT_E2E_DATA_DIR ?? join(tmpdir(), `recurrent-e2e-${process.pid}`);
/** The address printed by the server, token included. */
export const APP_URL = `/?token=${E2E_TOKEN}`;

/** Removes the data folder the e2e server wrote uploads and runs into. */
import { rm } from 'node:fs/promises';
import { E2E_DATA_DIR } from './e2e-env';

export default async function globalTeardown(): Promise<void> {
  await rm(E2E_DATA_DIR, { recursive: true, force: true });
}

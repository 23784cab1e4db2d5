/** Files of the user's own, written for a journey, and opening one (or a folder) from the Start view. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { APP_URL } from './e2e-env';

/** Writes `lines` as the CSV file `name` in a fresh temporary folder and returns its path. */
export async function writeUserCsv(name: string, lines: string[]): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'rs-e2e-')), name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

/**
 * Opens the app, imports `file` with the Import button as a user would and waits for its summary.
 * Returns the API requests the page sends from then on (to wait for the form's checks).
 */
export async function importFromStart(page: Page, file: string): Promise<string[]> {
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (f) => sent.push(String(f.payload))));
  await page.goto(APP_URL);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles(file);
  await expect(page.getByTestId('dataset-summary')).toContainText(basename(file));
  return sent;
}

/**
 * Opens the app and uploads `folder` with "Open a folder…" on the Start view, as a user would (the
 * browser's folder chooser sends the whole folder), and waits for its summary. Returns the API
 * requests the page sends from then on, as `importFromStart` does.
 */
export async function openFolderFromStart(page: Page, folder: string): Promise<string[]> {
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (f) => sent.push(String(f.payload))));
  await page.goto(APP_URL);
  await expect(page.getByTestId('open-folder-button')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-folder-button').click();
  await (await chooser).setFiles(folder);
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
  return sent;
}

/**
 * Trains once the form has checked the final settings (it disables Train while a check runs, and
 * `settled` picks the check of the settings wanted from the requests `importFromStart` records),
 * then waits for the run to end and opens its results.
 */
export async function trainAndOpenResults(
  page: Page,
  sent: string[],
  settled: (spec: string) => boolean,
): Promise<void> {
  await expect.poll(() => sent.some((m) => m.includes('"spec.validate"') && settled(m))).toBe(true);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await page.getByTestId('train-button').click();
  const metrics = page.getByTestId('metrics-table');
  await expect(metrics.or(page.getByTestId('see-results'))).toBeVisible({ timeout: 180_000 });
  if (!(await metrics.isVisible())) await page.getByTestId('nav-results').click();
}

/**
 * Exports the model of the open Results view in `format` (a radio of the Export tab) and returns
 * the downloaded file's suggested name and bytes, once the view has named it.
 */
export async function exportFromResults(page: Page, format: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByTestId('results-tab-export').click();
  await page.getByTestId(`export-format-${format}`).check();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-button').click();
  const file = await download;
  const bytes = await readFile(await file.path());
  await expect(page.getByTestId('export-result')).toContainText(file.suggestedFilename());
  return { name: file.suggestedFilename(), bytes };
}

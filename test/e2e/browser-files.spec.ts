/**
 * Files in the browser host the way a web app handles them, from the Start view with a user's
 * own file (none is a bundled sample): the upload limit is stated, predictions on a new file
 * come back as a download, Save and Save as download the project, and Open project uploads it
 * again with its runs. No step asks for a path on the server.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { APP_URL, REPO_ROOT } from './e2e-env';
import { snap } from './screenshots';

const GREENHOUSE = join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'greenhouse-hourly.tsv');
const scratch = mkdtempSync(join(tmpdir(), 'recurrent-e2e-files-'));
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A later stretch of the greenhouse log, as the user's "new readings" file to predict. */
function newReadings(): string {
  const [header, ...rows] = readFileSync(GREENHOUSE, 'utf8').trim().split(/\r?\n/);
  const path = join(scratch, 'greenhouse-new-readings.tsv');
  writeFileSync(path, [header, ...rows.slice(-96)].join('\n') + '\n');
  return path;
}

test('browser files: predict a new file, save and reopen the project, all by upload and download', async ({ page }) => {
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (f) => sent.push(String(f.payload))));
  // Replacing a project with unsaved work asks first; this user agrees.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(APP_URL);
  await expect(page).toHaveURL(/\/$/);
  // The Start view says files are uploaded and how large they may be.
  await expect(page.getByTestId('start-upload-limit')).toContainText('up to 100 MB');
  await snap(page, 'browser-files-0-start');
  // Whatever an earlier visitor of this server left open, this user starts a new project.
  await page.getByTestId('new-project-button').click();

  await test.step('import the greenhouse log from the Start view and train briefly', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-button').click();
    await (await chooser).setFiles(GREENHOUSE);
    await expect(page.getByTestId('dataset-summary')).toContainText('greenhouse-hourly.tsv');
    await page.getByTestId('continue-to-model').click();
    await page.getByTestId('lookback-input').fill('24');
    await page.getByTestId('units-input').fill('8');
    await page.getByTestId('epochs-input').fill('2');
    await expect.poll(() => sent.some((m) => m.includes('"spec.validate"') && /"epochs":2[,}]/.test(m))).toBe(true);
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('see-results')).toBeVisible({ timeout: 120_000 });
    await page.getByTestId('see-results').click();
    await expect(page.getByTestId('metrics-table')).toBeVisible();
  });

  await test.step('predict a new file: an upload, and the predictions as a download', async () => {
    await page.getByTestId('results-tab-predict').click();
    await expect(page.getByTestId('batch-upload-limit')).toContainText('up to 100 MB');
    const chooser = page.waitForEvent('filechooser');
    const download = page.waitForEvent('download');
    await page.getByTestId('batch-choose-button').click();
    await (await chooser).setFiles(newReadings());
    const file = await download;
    expect(file.suggestedFilename()).toBe('greenhouse-new-readings-predictions.csv');
    const csv = await readFile(await file.path(), 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(10);
    await expect(page.getByTestId('batch-downloaded')).toHaveText(file.suggestedFilename());
    await expect(page.getByTestId('batch-summary')).not.toContainText('Written to');
    await expect(page.locator('input[type="text"]')).toHaveCount(0);
    await snap(page, 'browser-files-1-predicted');
  });

  let projectFile = '';
  await test.step('Save and Save as download the project file', async () => {
    let download = page.waitForEvent('download');
    await page.getByTestId('save-project-button').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/\.rsproj$/);
    await expect(page.getByTestId('project-status')).toContainText('Saved');

    download = page.waitForEvent('download');
    await page.getByTestId('save-as-button').click();
    const savedAs = await download;
    projectFile = join(scratch, savedAs.suggestedFilename());
    await savedAs.saveAs(projectFile);
    // A project file is a zip with the project's manifest and its run.
    const entries = Object.keys(unzipSync(new Uint8Array(await readFile(projectFile))));
    expect(entries.length).toBeGreaterThan(1);
    await expect(page.locator('input[type="text"]')).toHaveCount(0);
    await snap(page, 'browser-files-2-saved');
  });

  await test.step('a new project, then Open project uploads the saved file with its run', async () => {
    await page.getByTestId('nav-start').click();
    await page.getByTestId('new-project-button').click();
    await page.getByTestId('nav-start').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-project-button').click();
    await expect(page.getByTestId('nav-data')).not.toContainText('greenhouse-hourly.tsv');
    await (await chooser).setFiles(projectFile);
    // The project comes back with its file and its settings: it opens on the Model step.
    await expect(page.getByTestId('nav-data')).toContainText('greenhouse-hourly.tsv');
    await expect(page.getByTestId('lookback-input')).toHaveValue('24');
    await page.getByTestId('nav-runs').click();
    await expect(page.getByTestId('runs-table').locator('tbody tr')).toHaveCount(1);
    await snap(page, 'browser-files-3-reopened');
    // Leave the studio with an empty project, as the next user of this server would find it.
    await page.getByTestId('nav-start').click();
    await page.getByTestId('new-project-button').click();
  });
});

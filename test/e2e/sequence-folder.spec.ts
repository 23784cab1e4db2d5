/**
 * Sequence classification from a folder of recordings, the way sensor datasets are shared: one
 * CSV per recording, sorted into one subfolder per movement (`gestures/circle/rec00.csv`),
 * generated here. From the Start view the user opens the folder, sees one long table of steps
 * with the sequence classification proposed, trains briefly, reads the results and classifies a
 * folder of new recordings from "Predict a file".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { openFolderFromStart, trainAndOpenResults } from './user-files';

const scratch = mkdtempSync(join(tmpdir(), 'recurrent-e2e-sequence-folder-'));
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test.setTimeout(600_000);

/**
 * A 'circle' turns (x and y a quarter period apart), a 'shake' swings x only and faster; 15 to 40
 * steps, a random start and noise, in the header style of instrument exports ('#x, y').
 */
function recording(kind: 'circle' | 'shake', i: number): string {
  const steps = 15 + ((i * 7) % 26);
  const phase = (i * 2.39) % (2 * Math.PI);
  const rows = ['#x, y'];
  for (let t = 0; t < steps; t++) {
    const noise = 0.2 * Math.sin(t * 12.9898 + i * 78.233);
    const x = kind === 'circle' ? Math.cos(phase + t * 0.4) : Math.sin(phase + t * 1.3);
    const y = kind === 'circle' ? Math.sin(phase + t * 0.4) : 0;
    rows.push(`${(x + noise).toFixed(3)},${(y - noise).toFixed(3)}`);
  }
  return `${rows.join('\n')}\n`;
}

test('sequence classification: from a folder of recordings to results', async ({ page }) => {
  const folder = join(scratch, 'gestures');
  for (const kind of ['circle', 'shake'] as const) {
    mkdirSync(join(folder, kind), { recursive: true });
    for (let i = 0; i < 50; i++)
      writeFileSync(join(folder, kind, `rec${String(i).padStart(2, '0')}.csv`), recording(kind, i));
  }
  writeFileSync(join(folder, 'README.md'), 'Two movements, x and y of a wrist sensor.');
  let sent: string[] = [];

  await test.step('open the folder from the Start view and see one table of steps', async () => {
    sent = await openFolderFromStart(page, folder);
    const summary = page.getByTestId('dataset-summary');
    await expect(summary.locator('.fact', { hasText: 'Layout' })).toContainText('Long');
    await expect(summary.locator('.fact', { hasText: 'Series id' })).toContainText('sequence');
    await expect(summary.locator('.fact', { hasText: 'Time column' })).toContainText('step');
    await expect(page.getByTestId('data-task-select')).toHaveValue('sequence-classification');
    await expect(page.getByText(/100 recordings in 2 label folders: circle 50, shake 50/)).toBeVisible();
    await expect(page.getByTestId('error-message')).toHaveCount(0);
    await expect(page.getByTestId('continue-to-model')).toBeEnabled();
    // The recordings drawn as what they are: how many per class and how long they are.
    const overview = page.getByTestId('data-overview');
    await expect(overview.getByTestId('sequence-labels-chart')).toBeVisible();
    await expect(overview.getByTestId('sequence-lengths-chart')).toBeVisible();
    await expect(overview).toContainText('100 sequences');
    await snap(page, 'sequence-folder-1-data');
  });

  await test.step('keep the proposed sequence classification, make it small and train', async () => {
    await page.getByTestId('continue-to-model').click();
    // The form starts on the proposal: the label folders are the classes, each file one sequence.
    const proposed = {
      'task-select': 'sequence-classification',
      'id-column-select': 'sequence',
      'target-select': 'label',
    };
    for (const [id, value] of Object.entries(proposed)) await expect(page.getByTestId(id)).toHaveValue(value);
    for (const [id, value] of [
      ['units-input', '8'],
      ['epochs-input', '30'],
    ])
      await page.getByTestId(id).fill(value);
    // The architecture shown is the network these settings build, not the one before them.
    await expect(page.getByTestId('architecture-summary')).not.toHaveAttribute('aria-busy', 'true');
    await expect(page.getByTestId('train-button')).toBeEnabled();
    await snap(page, 'sequence-folder-2-model');
    await trainAndOpenResults(page, sent, (m) => /"epochs":30[,}]/.test(m));
  });

  await test.step('read the accuracy and the confusion matrix of the two movements', async () => {
    await expect(page.getByTestId('classification-kpis')).toBeVisible();
    await expect(page.getByTestId('confusion-matrix')).toContainText('circle');
    await expect(page.getByTestId('confusion-matrix')).toContainText('shake');
    await snap(page, 'sequence-folder-3-results');
  });

  await test.step('classify a folder of new recordings from Predict a file', async () => {
    // Ten new recordings in one flat folder, without labels: what the model is for.
    const fresh = join(scratch, 'new-recordings');
    mkdirSync(fresh);
    for (let i = 0; i < 10; i++)
      writeFileSync(join(fresh, `take${i}.csv`), recording(i % 2 === 0 ? 'circle' : 'shake', 200 + i));
    await page.getByTestId('results-tab-predict').click();
    await expect(page.getByTestId('batch-upload-limit')).toContainText('file or folder');
    const chooser = page.waitForEvent('filechooser');
    const download = page.waitForEvent('download');
    await page.getByTestId('batch-folder-button').click();
    await (await chooser).setFiles(fresh);
    const file = await download;
    expect(file.suggestedFilename()).toBe('new-recordings-predictions.csv');
    const rows = (await readFile(await file.path(), 'utf8')).trim().split(/\r?\n/);
    expect(rows[0]).toBe('sequence,predicted,probability_circle,probability_shake');
    expect(rows).toHaveLength(11);
    // The movements are easy to tell apart: most new recordings get their own kind.
    const right = rows.slice(1).filter((r) => {
      const [name, predicted] = r.split(',');
      return predicted === (Number(/take(\d)/.exec(name)?.[1]) % 2 === 0 ? 'circle' : 'shake');
    });
    expect(right.length).toBeGreaterThanOrEqual(8);
    await expect(page.getByTestId('batch-preview').locator('tbody tr')).toHaveCount(10);
    await snap(page, 'sequence-folder-4-predict-folder');
  });
});

/**
 * Sequence to sequence from a folder of paired files, the way parallel corpora are published:
 * `train.src` + `train.tgt` and `valid.src` + `valid.tgt`, line N of one paired with line N of the
 * other (numbers in words beside Roman numerals, generated here). From the Start view the user
 * uploads the folder, sees the pairs (not a series), keeps the proposed task, trains briefly and
 * reads the scores.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { inWords, roman } from './number-pairs';
import { snap } from './screenshots';
import { openFolderFromStart } from './user-files';

const scratch = mkdtempSync(join(tmpdir(), 'recurrent-e2e-seq2seq-folder-'));
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test.setTimeout(600_000);

test('sequence to sequence: from a folder of line-aligned files to scores', async ({ page }) => {
  const folder = join(scratch, 'words-to-roman');
  mkdirSync(folder);
  // 11 and 999 share no factor, so the 400 numbers are all different.
  const numbers = Array.from({ length: 400 }, (_, i) => 1 + ((i * 11) % 999));
  const write = (name: string, part: number[]) => {
    writeFileSync(join(folder, `${name}.src`), `${part.map(inWords).join('\n')}\n`);
    writeFileSync(join(folder, `${name}.tgt`), `${part.map(roman).join('\n')}\n`);
  };
  write('train', numbers.slice(0, 320));
  write('valid', numbers.slice(320));
  writeFileSync(join(folder, 'README.md'), 'Numbers in words beside Roman numerals.');

  await test.step('upload the folder from the Start view and see the pairs', async () => {
    await openFolderFromStart(page, folder);
    const summary = page.getByTestId('dataset-summary');
    await expect(summary.locator('.fact', { hasText: 'Layout' })).toContainText('Pairs of texts');
    await expect(summary.locator('.fact', { has: page.locator('dt', { hasText: /^Pairs$/ }) })).toContainText('400');
    await expect(summary.locator('.fact', { hasText: 'Sources' })).toContainText('src');
    await expect(summary.locator('.fact', { hasText: 'Targets' })).toContainText('tgt');
    await expect(page.getByTestId('data-task-select')).toHaveValue('sequence-to-sequence');
    await expect(page.getByTestId('pair-count')).toContainText('400 pairs');
    await expect(page.getByTestId('pair-examples').locator('li').first()).toContainText('one');
    await expect(page.getByTestId('pair-examples').locator('li').first()).toContainText('I');
    await expect(page.getByTestId('error-message')).toHaveCount(0);
    await expect(page.getByText('One series')).toHaveCount(0);
    await snap(page, 'seq2seq-folder-1-data');
  });

  await test.step('keep the proposed encoder-decoder, make it small and train briefly', async () => {
    await page.getByTestId('continue-to-model').click();
    await expect(page.getByTestId('task-select')).toHaveValue('sequence-to-sequence');
    await expect(page.getByTestId('text-column-select')).toHaveValue('src');
    await expect(page.getByTestId('target-select')).toHaveValue('tgt');
    await expect(page.getByTestId('seq2seq-output-note')).toBeVisible();
    await expect(page.getByTestId('dense-layers-input')).toHaveCount(0);
    await page.getByTestId('units-input').fill('16');
    await page.getByTestId('epochs-input').fill('3');
    await expect(page.getByTestId('train-button')).toBeEnabled();
    await snap(page, 'seq2seq-folder-2-model');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('see-results')).toBeVisible({ timeout: 180_000 });
    await page.getByTestId('see-results').click();
  });

  await test.step('read the scores and the worst outputs', async () => {
    await expect(page.getByTestId('seq2seq-metrics')).toBeVisible();
    await expect(page.getByTestId('metric-exact-match')).toContainText('%');
    await expect(page.getByTestId('seq2seq-worst-table').locator('tbody tr').first()).toBeVisible();
    await snap(page, 'seq2seq-folder-3-results');
  });
});

/**
 * Sequence to sequence from a user's own file of pairs (not the bundled date sample): numbers
 * written in words beside the same numbers in Roman numerals, generated here. From the Start
 * view the user imports the file, chooses the task, keeps the training short, trains, and reads
 * the results: the scores, the worst outputs with the attention heatmap, and the try-it box.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { importFromStart } from './user-files';
import { inWords, roman } from './number-pairs';
import { snap } from './screenshots';

const scratch = mkdtempSync(join(tmpdir(), 'recurrent-e2e-seq2seq-'));
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test.setTimeout(600_000);

test('sequence to sequence: from a file of pairs to scores, worst outputs, attention and the try-it box', async ({
  page,
}) => {
  const file = join(scratch, 'numbers-in-words.csv');
  const rows = Array.from({ length: 400 }, (_, i) => {
    // 7 and 999 share no factor, so the 400 numbers are all different.
    const n = 1 + ((i * 7) % 999);
    return `${inWords(n)},${roman(n)}`;
  });
  writeFileSync(file, `words,roman\n${rows.join('\n')}\n`);

  await test.step('import the pairs and choose the task', async () => {
    await importFromStart(page, file);
    await page.getByTestId('data-task-select').selectOption('sequence-to-sequence');
    await expect(page.getByTestId('data-task-select')).toHaveValue('sequence-to-sequence');
    await expect(page.getByTestId('error-message')).toHaveCount(0);
    await snap(page, 'seq2seq-1-data');
  });

  await test.step('set up the encoder-decoder through the forms and train briefly', async () => {
    await page.getByTestId('continue-to-model').click();
    await expect(page.getByTestId('task-select')).toHaveValue('sequence-to-sequence');
    await page.getByTestId('text-column-select').selectOption('words');
    await page.getByTestId('target-select').selectOption('roman');
    await expect(page.getByTestId('seq2seq-settings')).toBeVisible();
    await page.getByTestId('attention-select').selectOption('dot');
    await page.getByTestId('units-input').fill('16');
    await page.getByTestId('epochs-input').fill('4');
    await expect(page.getByTestId('train-button')).toBeEnabled();
    // The architecture shown is the network these settings build, not the one before them.
    await expect(page.getByTestId('architecture-summary')).not.toHaveAttribute('aria-busy', 'true');
    await expect(page.getByTestId('architecture-summary')).toContainText('decoder');
    await expect(page.getByTestId('nav-model')).toContainText('encoder–decoder');
    await snap(page, 'seq2seq-2-model');
    await page.getByTestId('train-button').click();
    await expect(page.getByTestId('see-results')).toBeVisible({ timeout: 180_000 });
    await page.getByTestId('see-results').click();
  });

  await test.step('read the scores, the worst outputs and the attention heatmap', async () => {
    await expect(page.getByTestId('seq2seq-metrics')).toBeVisible();
    await expect(page.getByTestId('metric-exact-match')).toContainText('%');
    await expect(page.getByTestId('seq2seq-worst-table')).toBeVisible();
    await expect(page.getByTestId('seq2seq-worst-table').locator('tbody tr').first()).toBeVisible();
    await page.getByTestId('attention-heatmap').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('attention-heatmap')).toBeVisible();
    await snap(page, 'seq2seq-3-results');
  });

  await test.step('try a source of their own', async () => {
    await page.getByTestId('results-tab-try').click();
    await page.getByTestId('seq2seq-try-input').fill('forty-two');
    await page.getByTestId('seq2seq-try-button').click();
    await expect(page.getByTestId('seq2seq-try-output')).toBeVisible({ timeout: 90_000 });
    await snap(page, 'seq2seq-4-try');
  });
});

/**
 * A tour of the screens beyond the forecast journey, as a new user meets them: the Start screen
 * with its samples, the review sentiment sample trained briefly, its classification results and
 * the Try it box, the Runs view comparing two runs, and the Settings dialog in the dark theme.
 * Each stop is kept as a screenshot (tour-*.png) for review.
 */
import { type Page, expect, test } from '@playwright/test';
import { APP_URL } from './e2e-env';
import { snap } from './screenshots';

/** Requests the page sent over the API socket, to wait for the check of the final settings. */
function recordRequests(page: Page): string[] {
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (f) => sent.push(String(f.payload))));
  return sent;
}

/**
 * Sets the epochs on the Model view and trains until the run is done. The form re-checks the
 * settings shortly after the last edit and disables Train meanwhile, so the click waits for that check.
 */
async function trainWithEpochs(page: Page, sent: string[], epochs: number): Promise<void> {
  await page.getByTestId('nav-model').click();
  await page.getByTestId('epochs-input').fill(String(epochs));
  await expect(page.getByTestId('epochs-input')).toHaveValue(String(epochs));
  await expect
    .poll(() => sent.some((m) => m.includes('"spec.validate"') && new RegExp(`"epochs":${epochs}[,}]`).test(m)))
    .toBe(true);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('see-results')).toBeVisible({ timeout: 120_000 });
}

test('tour: start screen, a trained sample, runs and settings', async ({ page }) => {
  const sent = recordRequests(page);
  await page.goto(APP_URL);
  await expect(page).toHaveURL(/\/$/);

  await test.step('the Start screen lists recent projects and samples', async () => {
    await expect(page.getByTestId('recent-empty').or(page.getByTestId('recent-list'))).toBeVisible();
    const samples = page.getByTestId('samples-list');
    await expect(samples).toBeVisible();
    await expect(page.getByTestId('sample-review-sentiment')).toContainText('Text classification');
    await snap(page, 'tour-01-start');
  });

  await test.step('open the review sentiment sample and train it briefly', async () => {
    // Earlier journeys left unsaved work in this server's project: the studio asks before replacing it.
    page.on('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('open-sample-review-sentiment').click();
    await expect(page.getByTestId('project-title')).toContainText(/movie reviews/i);
    await expect(page.getByTestId('epochs-input')).toBeVisible();
    await snap(page, 'tour-02-sample-model');
    await trainWithEpochs(page, sent, 4);
    await snap(page, 'tour-03-sample-trained');
  });

  await test.step('read the classification results', async () => {
    await page.getByTestId('see-results').click();
    await expect(page.getByTestId('classification-kpis')).toBeVisible();
    const matrix = page.getByTestId('confusion-matrix');
    await expect(matrix).toContainText('positive');
    await expect(matrix).toContainText('negative');
    await expect(page.getByTestId('per-class-table')).toContainText('positive');
    await expect(page.getByTestId('roc-chart')).toBeVisible();
    await expect(page.getByTestId('auc-value')).toHaveText(/^[01](\.\d{1,3})?$/);
    await snap(page, 'tour-04-classification-results');
  });

  await test.step('try the model on a sentence', async () => {
    await page.getByTestId('results-tab-try').click();
    await page.getByTestId('try-text-input').fill('The movie was not good.');
    await page.getByTestId('try-text-button').click();
    const probabilities = page.getByTestId('class-probabilities');
    await expect(probabilities.locator('li')).toHaveCount(2);
    await expect(probabilities.locator('li[data-class="positive"]')).toContainText('%');
    await expect(probabilities.locator('li[data-class="negative"]')).toContainText('%');
    await snap(page, 'tour-05-try-it');
  });

  await test.step('train a second run and compare both on the Runs view', async () => {
    await trainWithEpochs(page, sent, 3);
    await page.getByTestId('nav-runs').click();
    const table = page.getByTestId('runs-table');
    // Runs of other specs in the same session are listed too: keep this sample's two.
    await page.getByTestId('runs-filter-input').fill('Review sentiment');
    await expect(table.locator('tbody tr')).toHaveCount(2);
    for (const box of await table.locator('[data-testid^="run-select-"]').all()) await box.check();
    await expect(page.getByTestId('runs-loss-chart')).toBeVisible();
    const diff = page.getByTestId('spec-diff');
    await expect(diff).toBeVisible();
    // The two runs differ in their epochs, so the diff names that setting.
    await expect(diff).toContainText(/epochs/i);
    await snap(page, 'tour-06-runs-compared');
  });

  await test.step('the Settings dialog in the dark theme', async () => {
    await page.getByTestId('settings-button').click();
    const dialog = page.getByTestId('settings-dialog');
    await expect(dialog).toBeVisible();
    // The radio itself is hidden behind its segmented label, which is what a user clicks.
    await dialog.locator('label', { has: page.getByTestId('theme-dark') }).click();
    await expect(page.getByTestId('theme-dark')).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await snap(page, 'tour-07-settings-dark');
    await page.getByTestId('settings-close').click();
    await expect(dialog).toBeHidden();
    // The compared runs in the dark theme: legends, axes and the diff must stay readable.
    await snap(page, 'tour-08-runs-dark');
    await page.getByTestId('nav-results').click();
    await expect(page.getByTestId('results-tab-evaluation')).toBeVisible();
    await page.getByTestId('results-tab-evaluation').click();
    await expect(page.getByTestId('roc-chart')).toBeVisible();
    await snap(page, 'tour-09-results-dark');
    // Back to the system theme, so the stored settings do not leak into a later session.
    await page.getByTestId('settings-button').click();
    await dialog.locator('label', { has: page.getByTestId('theme-system') }).click();
    await expect(page.getByTestId('theme-system')).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });
});

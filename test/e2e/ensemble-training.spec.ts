/**
 * An ensemble on the user's own file: a daily file of café orders (written here, not a sample)
 * trains three networks from the form's "Ensemble size", and the live loss chart keeps every
 * network in view (networks 2 and 3 as their own lines) instead of stopping after the first.
 */
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { importFromStart, writeUserCsv } from './user-files';

/** 400 days of orders with a weekly rhythm and a slow rise. */
async function ordersCsv(): Promise<string> {
  const lines = ['day,orders'];
  for (let t = 0; t < 400; t++) {
    const weekly = [0.8, 0.9, 1, 1, 1.1, 1.4, 1.3][t % 7];
    const value = (120 + 0.05 * t) * weekly + 6 * Math.sin(1.3 * t);
    lines.push(`${new Date(Date.UTC(2023, 0, 1 + t)).toISOString().slice(0, 10)},${value.toFixed(1)}`);
  }
  return writeUserCsv('cafe-orders.csv', lines);
}

test('ensemble: three networks train from the form and each stays on the loss chart', async ({ page }) => {
  const sent = await importFromStart(page, await ordersCsv());

  await page.getByTestId('nav-model').click();
  await page.getByTestId('epochs-input').fill('4');
  await page.getByTestId('advanced-settings').locator('summary').click();
  await page.getByTestId('ensemble-input').fill('3');
  await expect
    .poll(() =>
      sent.some((m) => m.includes('"spec.validate"') && m.includes('"ensemble":3') && m.includes('"epochs":4')),
    )
    .toBe(true);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await page.getByTestId('train-button').click();

  const metrics = page.getByTestId('metrics-table');
  await expect(metrics.or(page.getByTestId('see-results'))).toBeVisible({ timeout: 180_000 });
  if (await metrics.isVisible()) await page.getByTestId('nav-train').click();
  const chart = page.getByTestId('loss-chart');
  // The first network's epochs are the chart's history; networks 2 and 3 add theirs (up to 4 each).
  await expect(chart).toHaveAttribute('data-epochs', /^[1-4]$/);
  await expect.poll(async () => Number(await chart.getAttribute('data-networks'))).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('run-log')).toContainText('Network 3, epoch 1');
  await snap(page, 'ensemble-01-three-networks-trained');
});

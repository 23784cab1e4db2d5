/**
 * A 60-day backtest of a daily series with a yearly season, from a public file a user could bring
 * (Seattle's daily weather): beside the network's fed-back forecasts the Backtest tab scores the
 * forecast the Future tab shows (blended with the season past the model's horizon), in its table
 * and its per-step chart, and says how those scores were fitted.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { importFromStart, trainAndOpenResults } from './user-files';

const SEATTLE = path.resolve(import.meta.dirname, '../quality/data/seattle-weather-daily.csv');

test('backtest: 60 days ahead score the forecast as shown beside the fed-back network', async ({ page }) => {
  const sent = await importFromStart(page, SEATTLE);
  await page.getByTestId('nav-model').click();
  await page.getByTestId('target-select').selectOption('temp_max');
  await trainAndOpenResults(page, sent, (m) => m.includes('"temp_max"'));

  await page.getByTestId('results-tab-backtest').click();
  await page.getByTestId('backtest-horizon-input').fill('60');
  await page.getByTestId('backtest-run-button').click();
  const table = page.getByTestId('backtest-table');
  await expect(table.locator('thead')).toContainText('Model, fed back', { timeout: 60_000 });
  const asShown = table.locator('thead th', { hasText: 'Forecast as shown' });
  await expect(asShown).toHaveAttribute('title', 'Forecast as shown (blended past the horizon)');
  await expect(table.locator('tbody tr')).toHaveCount(61);
  const note = page.getByTestId('backtest-blend-note');
  await expect(note).toContainText('the average of the same point in the last 5 seasons (a season of 1 year)');
  await expect(note).toContainText(
    'each half of the origins is scored here as the same rule, run on the other half alone, forecasts it',
  );
  await expect(page.getByTestId('backtest-step-chart')).toBeVisible();
  await page.getByTestId('backtest-verdict').scrollIntoViewIfNeeded();
  await snap(page, '13-backtest-forecast-as-shown');
});

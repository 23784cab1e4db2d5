/**
 * A long forecast of a daily series with a yearly season, from a public file a user could bring
 * (Seattle's daily weather): past the model's one-step horizon the forecast is fed back, and the
 * Future tab says where and how much it leans on the average of the same days in earlier years.
 */
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { importFromStart, trainAndOpenResults } from './user-files';

const SEATTLE = path.resolve(import.meta.dirname, '../quality/data/seattle-weather-daily.csv');

test('long forecast: 60 days ahead lean on the season where the backtest says so', async ({ page }) => {
  const sent = await importFromStart(page, SEATTLE);
  await page.getByTestId('nav-model').click();
  await page.getByTestId('target-select').selectOption('temp_max');
  // Train only once the settings for the new target were checked.
  await trainAndOpenResults(page, sent, (m) => m.includes('"temp_max"'));

  await page.getByTestId('results-tab-future').click();
  await expect(page.getByTestId('future-run-button')).toBeEnabled();
  await page.getByTestId('future-steps-input').fill('60');
  await page.getByTestId('future-run-button').click();
  await expect(page.getByText('First 12 of 60 steps')).toBeVisible();
  const note = page.getByTestId('future-long-range-note');
  await expect(note).toContainText('the average of the same point in the last 5 seasons (a season of 1 year)');
  await expect(note).toContainText(/forecast better from step \d+ on/);
  // The series ends on the last day of 2015: the forecast runs into 2016, day by day.
  await expect(page.getByTestId('future-table')).toContainText('2016-01-01');
  await page.getByTestId('future-chart').scrollIntoViewIfNeeded();
  await snap(page, '10-long-forecast-leans-on-season');
});

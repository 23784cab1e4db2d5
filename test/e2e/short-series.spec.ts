/**
 * A series too short for the thirty training windows a network needs: three years of monthly
 * values, cut from a public file (the first 36 months of the airline passengers). Before, the form
 * refused it; now it says that plain forecasts stand behind the network and trains, and Results
 * judge the model against the naive forecasts on the few test windows.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { importFromStart, trainAndOpenResults, writeUserCsv } from './user-files';

const AIRLINE = path.resolve(import.meta.dirname, '../quality/data/airline-passengers-monthly.csv');

test('short series: 36 months train with plain forecasts behind the network', async ({ page }) => {
  const lines = (await readFile(AIRLINE, 'utf8')).trim().split('\n').slice(0, 37);
  const file = await writeUserCsv('passengers-first-three-years.csv', lines);
  const sent = await importFromStart(page, file);
  await page.getByTestId('nav-model').click();
  const caution = page.getByTestId('split-caution').first();
  await expect(caution).toContainText(/Only \d+ training windows in this series of 36 steps/);
  await expect(caution).toContainText('otherwise the model is the best of those plain forecasts');
  await snap(page, '11-short-series-caution');
  await trainAndOpenResults(page, sent, (m) => m.includes('passengers'));
  const metrics = page.getByTestId('metrics-table');
  await expect(metrics).toContainText(/naive/i);
  await expect(page.getByText(/Judged on only \d+ test windows/).first()).toBeVisible();
  await snap(page, '12-short-series-results');
});

/**
 * A monthly series with a trend under a stable season, trained on the seasonal profile picked in
 * the form's advanced settings: Results shows the usual monthly pattern the network corrects.
 */
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { importFromStart, trainAndOpenResults, writeUserCsv } from './user-files';

/** Seeded standard normal numbers (a linear congruential generator and Box–Muller). */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** 20 years of months: 50 + 0.05 t + a two-harmonic yearly shape + Gaussian noise (σ 1). */
async function monthlyCsv(): Promise<string> {
  const lines = ['month,sales'];
  const noise = gaussian(11);
  for (let t = 0; t < 240; t++) {
    const phase = (2 * Math.PI * t) / 12;
    const value = 50 + 0.05 * t + 5 * (Math.sin(phase) + 0.4 * Math.cos(2 * phase + 0.5)) + noise();
    lines.push(`${new Date(Date.UTC(2001, t, 1)).toISOString().slice(0, 10)},${value.toFixed(3)}`);
  }
  return writeUserCsv('monthly-sales.csv', lines);
}

test('seasonal forecast: the seasonal profile picked in the form shows its pattern', async ({ page }) => {
  const sent = await importFromStart(page, await monthlyCsv());

  await page.getByTestId('nav-model').click();
  await page.getByTestId('epochs-input').fill('6');
  // The automatic choice weighs the profile against seasonal ARIMA and smoothing on rolling
  // origins; the analyst who wants the calendar pattern picks it by name.
  const advanced = page.getByTestId('advanced-settings');
  await advanced.locator('summary').click();
  await expect(advanced.getByText('The network corrects an ARIMA model')).toBeVisible();
  await advanced.locator('input[name="target-transform"][value="seasonal-profile"]').check();
  await trainAndOpenResults(
    page,
    sent,
    (m) => m.includes('"epochs":6') && m.includes('"targetTransform":"seasonal-profile"'),
  );
  await expect(page.getByText('target transform: seasonal-profile')).toBeVisible();
  const pattern = page.getByTestId('season-pattern');
  await expect(pattern).toBeVisible();
  await expect(pattern.locator('li')).toHaveCount(12);
  await expect(pattern).toContainText('Jan');
  await pattern.scrollIntoViewIfNeeded();
  await snap(page, '08-seasonal-profile-results');

  await page.getByTestId('results-tab-future').click();
  // The tab forecasts once on opening; ask for two years when that is done.
  await expect(page.getByTestId('future-run-button')).toBeEnabled();
  await page.getByTestId('future-steps-input').fill('24');
  await page.getByTestId('future-run-button').click();
  // The table lists the first 12 steps and says the CSV holds all 24.
  await expect(page.getByText('First 12 of 24 steps')).toBeVisible();
  // The series ends in December 2020: the forecast continues month by month.
  await expect(page.getByTestId('future-table')).toContainText('2021-01-01');
  await snap(page, '09-seasonal-profile-future');
});

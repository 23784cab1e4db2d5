/**
 * Many series, one model: a long file of six shops' monthly sales trains one network over
 * every shop from the form's "All series, one model" (the proposal for such a file), and Results switches between shops with
 * the searchable series picker (metrics and chart, future forecast, backtest). Where a plain forecast
 * fitted on one shop beats the shared network on its validation windows, Results says that shop
 * uses it; a seventh shop sells exactly the same each month of the year, so on it last year's value
 * wins: Results says that shop uses the seasonal naive forecast.
 */
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { importFromStart, trainAndOpenResults, writeUserCsv } from './user-files';

const SHOPS = ['harbour', 'market', 'station', 'old-town', 'airport', 'campus'];

/**
 * Six shops × 72 months: each its own level and trend under one shared yearly shape, with a little
 * noise (seeded, so every run sees the same file).
 */
async function shopsCsv(): Promise<string> {
  const lines = ['shop,month,sales'];
  let state = 7;
  const noise = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  SHOPS.forEach((shop, s) => {
    const level = 40 * (s + 1) ** 1.5;
    for (let t = 0; t < 72; t++) {
      const season = Math.sin((2 * Math.PI * t) / 12) + 0.3 * Math.cos((4 * Math.PI * t) / 12);
      const value = level * (1 + 0.004 * t + 0.2 * season + 0.06 * noise());
      lines.push(`${shop},${new Date(Date.UTC(2018, t, 1)).toISOString().slice(0, 10)},${value.toFixed(2)}`);
    }
  });
  // The kiosk sells the same each month of the year, to the cent: last year's value is exact.
  for (let t = 0; t < 72; t++) {
    const value = 300 + 10 * (t % 12) + (t % 12 === 11 ? 80 : 0);
    lines.push(`kiosk,${new Date(Date.UTC(2018, t, 1)).toISOString().slice(0, 10)},${value.toFixed(2)}`);
  }
  return writeUserCsv('shop-sales.csv', lines);
}

test('many series: train all shops in one model and switch shops in Results', async ({ page }) => {
  const sent = await importFromStart(page, await shopsCsv());

  await page.getByTestId('nav-model').click();
  const scope = page.getByTestId('series-scope');
  await expect(scope).toContainText('This file holds 7 series.');
  // A file of several series is proposed as a whole: every shop, one network.
  await expect(page.getByTestId('series-scope-all')).toBeChecked();
  // One series first: the picker filters as the user types.
  await page.getByTestId('series-scope-one').check();
  await page.getByTestId('settings-series-picker-search').fill('stat');
  await expect(page.getByTestId('settings-series-picker-option')).toHaveText(['station']);
  await page.getByTestId('settings-series-picker-option').click();
  await expect(scope.getByTestId('series-picked')).toHaveText('station');
  await snap(page, 'many-series-01-one-series-picked');

  await page.getByTestId('series-scope-all').check();
  await page.getByTestId('epochs-input').fill('5');
  await trainAndOpenResults(page, sent, (m) => m.includes('"scope":"all"') && m.includes('"epochs":5'));
  const metrics = page.getByTestId('metrics-table');
  await expect(page.getByTestId('verdict')).toContainText('Across 7 series');
  const picker = page.getByTestId('results-series-picker');
  await expect(picker.getByTestId('series-picked')).toHaveText('harbour');
  const firstMetrics = await metrics.innerText();

  await page.getByTestId('results-series-picker-search').fill('air');
  await page.getByTestId('results-series-picker-search').press('Enter');
  await expect(picker.getByTestId('series-picked')).toHaveText('airport');
  await expect(page.getByText('Test metrics · airport')).toBeVisible();
  // Airport sells about ten times what the harbour shop does: its own errors, not the first shop's.
  await expect.poll(() => metrics.innerText()).not.toBe(firstMetrics);
  // After five epochs the shared network loses on most shops' validation windows to a model
  // fitted on that shop alone (ARIMA or smoothing): the verdict counts them, each shop's note names its own.
  await expect(page.getByTestId('verdict')).toContainText(/Validation guard: on [2-7] of 7 series .*\(ARIMA on \d/);
  await expect(page.getByTestId('series-plain-note')).toContainText(
    /'airport' uses the (ARIMA|exponential smoothing) forecast instead of the network/,
  );
  // The fitted model it uses, with its coefficients or weights.
  await expect(page.getByTestId('base-model')).toContainText(/^Base forecast: (ARIMA|ETS)\(.*: (φ|θ|Θ|α)/);
  await snap(page, 'many-series-02-results-airport');
  // The shop the network serves best keeps it.
  await page.getByTestId('results-series-picker-search').fill('mark');
  await page.getByTestId('results-series-picker-search').press('Enter');
  await expect(picker.getByTestId('series-picked')).toHaveText('market');
  await expect(page.getByTestId('series-plain-note')).toHaveCount(0);

  // The kiosk repeats last year to the cent: the guard gave it last year's value, and its note says so.
  await page.getByTestId('results-series-picker-search').fill('kiosk');
  await page.getByTestId('results-series-picker-search').press('Enter');
  await expect(page.getByTestId('series-plain-note')).toContainText(
    "'kiosk' uses the seasonal naive forecast instead of the network",
  );
  await snap(page, 'many-series-02b-results-kiosk-seasonal-naive');
  await page.getByTestId('results-series-picker-search').fill('air');
  await page.getByTestId('results-series-picker-search').press('Enter');
  await expect(picker.getByTestId('series-picked')).toHaveText('airport');

  await page.getByTestId('results-tab-future').click();
  await expect(page.getByTestId('future-run-button')).toBeEnabled();
  await page.getByTestId('future-run-button').click();
  await expect(page.getByTestId('future-table')).toBeVisible();
  await expect
    .poll(() => sent.some((m) => m.includes('"forecast.future"') && m.includes('"series":"airport"')))
    .toBe(true);
  await snap(page, 'many-series-03-future-airport');

  await page.getByTestId('results-tab-backtest').click();
  await page.getByTestId('backtest-run-button').click();
  await expect
    .poll(() => sent.some((m) => m.includes('"backtest.run"') && m.includes('"series":"airport"')))
    .toBe(true);
  await expect(page.getByTestId('backtest-panel').locator('table').first()).toBeVisible({ timeout: 60_000 });
  await snap(page, 'many-series-04-backtest-airport');
});

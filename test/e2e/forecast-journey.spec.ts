/**
 * The main user journey in the browser host: import the Nile series, configure a small LSTM,
 * train it while the loss chart grows, read the metrics, zoom the forecast chart, forecast the
 * future and download the model.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { APP_URL, REPO_ROOT } from './e2e-env';
import { snap } from './screenshots';
import { exportFromResults } from './user-files';

const NILE = join(REPO_ROOT, 'resources', 'samples', 'nile-yearly.csv');

test('forecast journey: import, configure, train, evaluate, save', async ({ page }, testInfo) => {
  // The API traffic, attached to the report when a step fails: says whether the UI asked and what main answered.
  const traffic: string[] = [];
  // Requests in full, to wait for the check of the final settings.
  const sent: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (f) => {
      sent.push(String(f.payload));
      traffic.push(`→ ${String(f.payload).slice(0, 300)}`);
    });
    socket.on('framereceived', (f) => {
      const text = String(f.payload);
      if (!text.startsWith('{"event":"train.progress"')) traffic.push(`← ${text.slice(0, 300)}`);
    });
  });
  await page.goto(APP_URL);
  // The token in the address is traded for a cookie and removed from the address bar.
  await expect(page).toHaveURL(/\/$/);

  await test.step('import the Nile series', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-button').click();
    await (await chooser).setFiles(NILE);
    await expect(page.getByTestId('dataset-summary')).toBeVisible();
    await expect(page.getByTestId('dataset-summary')).toContainText('nile-yearly.csv');
    await expect(page.getByTestId('preview-table')).toContainText('1871');
    await expect(page.getByTestId('preview-table')).toContainText('1120');
    await snap(page, '01-data-imported');
  });

  await test.step('configure a one-layer LSTM', async () => {
    await page.getByTestId('nav-model').click();
    await page.getByTestId('target-select').selectOption('volume');
    await page.getByTestId('lookback-input').fill('8');
    await page.getByTestId('horizon-input').fill('1');
    await page.getByTestId('cell-select').selectOption('LSTM');
    await page.getByTestId('layers-input').fill('1');
    await page.getByTestId('units-input').fill('16');
    await page.getByTestId('epochs-input').fill('15');
    await page.getByTestId('batch-size-input').fill('16');
    await expect(page.getByTestId('lookback-input')).toHaveValue('8');
    await expect(page.getByTestId('units-input')).toHaveValue('16');
    await snap(page, '02-model-configured');
    // The advanced part: target transforms (with the seasonal profile) and weight averaging.
    const advanced = page.getByTestId('advanced-settings');
    await advanced.locator('summary').click();
    await expect(advanced.getByText('seasonal-profile')).toBeVisible();
    await expect(page.getByTestId('weight-averaging-decay-input')).toBeVisible();
    await advanced.scrollIntoViewIfNeeded();
    await snap(page, '02b-advanced-settings');
    await advanced.locator('summary').click();
  });

  await test.step('train and watch the loss chart grow', async () => {
    // The form re-checks the settings 300 ms after the last edit and disables Train while the
    // check runs; a click landing in that moment is lost (the journey then stays on the Model
    // view). Wait until the final settings were checked and Train is enabled again.
    await expect
      .poll(() =>
        sent.some((m) => m.includes('"spec.validate"') && m.includes('"lookback":8') && m.includes('"batchSize":16')),
      )
      .toBe(true);
    await expect(page.getByTestId('train-button')).toBeEnabled();
    await page.getByTestId('train-button').click();
    const chart = page.getByTestId('loss-chart');
    try {
      await expect(chart).toBeVisible();
    } catch (err) {
      await testInfo.attach('api-traffic.txt', { body: traffic.join('\n'), contentType: 'text/plain' });
      throw err;
    }
    await expect
      .poll(async () => Number(await chart.getAttribute('data-epochs')), { timeout: 180_000 })
      .toBeGreaterThanOrEqual(2);
    await expect(page.getByTestId('progress-bar')).toBeVisible();
    await snap(page, '03-training');
  });

  await test.step('see the metrics', async () => {
    const metrics = page.getByTestId('metrics-table');
    const seeResults = page.getByTestId('see-results');
    await expect(metrics.or(seeResults)).toBeVisible({ timeout: 180_000 });
    if (!(await metrics.isVisible())) await page.getByTestId('nav-results').click();
    await expect(metrics).toBeVisible();
    await expect(metrics).toContainText(/RMSE/i);
    await expect(page.getByTestId('forecast-chart')).toBeVisible();
    await snap(page, '04-results');
  });

  await test.step('zoom into the forecast chart, pan it and reset', async () => {
    const canvas = page.getByTestId('forecast-chart').locator('canvas');
    await expect(canvas).toHaveAttribute('data-zoomed', 'false');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('the forecast chart has no size');
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -120);
    await expect(canvas).toHaveAttribute('data-zoomed', 'true');
    // A drag pans the zoomed chart; it stays zoomed.
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await expect(canvas).toHaveAttribute('data-zoomed', 'true');
    await snap(page, '04b-forecast-zoomed');
    await page.getByTestId('forecast-chart-reset-zoom').click();
    await expect(canvas).toHaveAttribute('data-zoomed', 'false');
  });

  await test.step('forecast beyond the data and download it as CSV', async () => {
    await page.getByTestId('results-tab-future').click();
    await page.getByTestId('future-steps-input').fill('4');
    await page.getByTestId('future-run-button').click();
    const table = page.getByTestId('future-table');
    // The Nile series ends in 1970: the forecast continues with the next four years.
    await expect(table.locator('tbody tr')).toHaveCount(4);
    await expect(table.locator('tbody tr').first()).toContainText('1971');
    await expect(table.locator('tbody tr').last()).toContainText('1974');
    await snap(page, '05-future-forecast');

    const download = page.waitForEvent('download');
    await page.getByTestId('future-csv-button').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('volume-forecast.csv');
    const lines = (await readFile(await file.path(), 'utf8')).trim().split(/\r?\n/);
    expect(lines[0]).toBe('time,forecast,lower_80,upper_80,lower_95,upper_95');
    expect(lines).toHaveLength(5);
  });

  await test.step('export the model as ONNX', async () => {
    const onnx = await exportFromResults(page, 'onnx');
    expect(onnx.name).toMatch(/\.onnx$/);
    expect(onnx.bytes.length).toBeGreaterThan(1000);
    await snap(page, '06-exported');
  });

  await test.step('download the model', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('save-model-button').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
    const zip = unzipSync(new Uint8Array(await readFile(await file.path())));
    expect(Object.keys(zip)).toContain('model.json');
    expect(Object.keys(zip)).toContain('preprocessing.json');
    const model = JSON.parse(Buffer.from(zip['model.json']).toString()) as { modelTopology?: unknown };
    expect(model.modelTopology).toBeTruthy();
    await expect(page.getByTestId('save-result')).toContainText(file.suggestedFilename());
    await snap(page, '07-model-saved');
  });
});

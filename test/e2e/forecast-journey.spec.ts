/**
 * The main user journey in the browser host: import the Nile series, configure a small LSTM,
 * train it while the loss chart grows, read the metrics, forecast the future and download
 * the model.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { APP_URL, REPO_ROOT } from './e2e-env';
import { snap } from './screenshots';

const NILE = join(REPO_ROOT, 'resources', 'samples', 'nile-yearly.csv');

test('forecast journey: import, configure, train, evaluate, save', async ({ page }, testInfo) => {
  // The API traffic, attached to the report when a step fails: says whether the UI asked and what main answered.
  const traffic: string[] = [];
  // Requests in full, to wait for the check of the final settings and to read the run id.
  const sent: string[] = [];
  const received: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', (f) => {
      sent.push(String(f.payload));
      traffic.push(`→ ${String(f.payload).slice(0, 300)}`);
    });
    socket.on('framereceived', (f) => {
      const text = String(f.payload);
      if (text.startsWith('{"event":"train.progress"')) return;
      received.push(text);
      traffic.push(`← ${text.slice(0, 300)}`);
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

  await test.step('forecast beyond the data through the host API', async () => {
    // The run id the page was given when training started.
    const startId = sent
      .map((m) => JSON.parse(m) as { id: number; name: string })
      .find((m) => m.name === 'train.start')?.id;
    const reply = received
      .map((m) => JSON.parse(m) as { id?: number; envelope?: { ok: boolean; value?: { runId?: string } } })
      .find((m) => m.id === startId);
    const runId = reply?.envelope?.value?.runId;
    expect(runId).toBeTruthy();
    // A second connection from the page itself: same origin and token cookie as the app.
    const host = new URL(page.url()).host;
    const forecast = await page.evaluate(
      async ({ id, host }) => {
        const socket = new WebSocket(`ws://${host}/api`);
        await new Promise((resolve, reject) => {
          socket.onopen = resolve;
          socket.onerror = reject;
        });
        const answer = new Promise<string>((resolve) => {
          socket.onmessage = (m) => {
            const text = String(m.data);
            if (text.startsWith('{"id":1,')) resolve(text);
          };
        });
        socket.send(JSON.stringify({ id: 1, name: 'forecast.future', args: { runId: id, steps: 4 } }));
        const text = await answer;
        socket.close();
        return JSON.parse(text) as { envelope: { ok: boolean; value?: { time: string[]; point: number[] } } };
      },
      { id: runId, host },
    );
    expect(forecast.envelope.ok).toBe(true);
    expect(forecast.envelope.value?.time).toEqual(['1971-01-01', '1972-01-01', '1973-01-01', '1974-01-01']);
    expect(forecast.envelope.value?.point.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
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
    await snap(page, '05-model-saved');
  });
});

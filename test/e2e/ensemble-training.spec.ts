/**
 * An ensemble on the user's own file: a daily file of café orders (written here, not a sample)
 * trains three networks from the form's "Ensemble size", and the live loss chart keeps every
 * network in view (networks 2 and 3 as their own lines) instead of stopping after the first. A
 * file of labelled support messages trains a classification ensemble that answers with the mean
 * of its networks' class probabilities, in Results, in "Try it" and as an ONNX file.
 */
import { expect, test } from '@playwright/test';
import { snap } from './screenshots';
import { exportFromResults, importFromStart, trainAndOpenResults, writeUserCsv } from './user-files';

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

/** 120 short support messages, labelled by what they are about. */
async function messagesCsv(): Promise<string> {
  const topics: Record<string, string[]> = {
    billing: ['charged twice', 'refund my payment', 'wrong invoice', 'card was billed', 'price on my bill'],
    delivery: [
      'parcel is late',
      'courier lost the box',
      'package never came',
      'tracking shows nothing',
      'delivery was damaged',
    ],
    login: [
      'cannot sign in',
      'password reset fails',
      'account is locked',
      'two factor code never arrives',
      'login page hangs',
    ],
  };
  const openers = ['Hello,', 'Hi team,', 'Please help:', 'Urgent:', 'Good morning,', 'Again,'];
  const lines = ['message,topic'];
  for (let i = 0; i < 120; i++) {
    const topic = Object.keys(topics)[i % 3];
    const phrases = topics[topic];
    lines.push(`"${openers[i % openers.length]} my ${phrases[(i * 7) % phrases.length]} today",${topic}`);
  }
  return writeUserCsv('support-messages.csv', lines);
}

test("ensemble: a classification of the user's texts answers with the mean of three networks", async ({ page }) => {
  const sent = await importFromStart(page, await messagesCsv());
  await expect(page.getByTestId('data-task-select')).toHaveValue('text-classification');
  await page.getByTestId('continue-to-model').click();
  await page.getByTestId('epochs-input').fill('6');
  await page.getByTestId('units-input').fill('8');
  await page.getByTestId('advanced-settings').locator('summary').click();
  await expect(page.getByTestId('advanced-settings')).toContainText('mean of their class probabilities');
  await page.getByTestId('ensemble-input').fill('3');
  // Three topics: the automatic output and loss say what training will use for them.
  await expect(page.locator('option', { hasText: 'Automatic (softmax)' })).toHaveCount(1);
  await expect(page.locator('option', { hasText: 'Automatic (Sparse categorical cross-entropy)' })).toHaveCount(1);
  await snap(page, 'ensemble-02-classification-form');
  await trainAndOpenResults(page, sent, (m) => m.includes('"ensemble":3') && m.includes('"epochs":6'));

  await expect(page.getByTestId('classification-kpis')).toBeVisible();
  await expect(page.getByTestId('confusion-matrix')).toBeVisible();
  await expect(page.getByText('ensemble of 3 networks (mean)')).toBeVisible();
  await page.getByTestId('results-tab-try').click();
  await page.getByTestId('try-text-input').fill('Hi, my parcel is late again');
  await page.getByTestId('try-text-button').click();
  await expect(page.getByTestId('class-probabilities').locator('li')).toHaveCount(3);
  await snap(page, 'ensemble-03-classification-try');

  const onnx = await exportFromResults(page, 'onnx');
  expect(onnx.name).toMatch(/\.onnx$/);
  expect(onnx.bytes.length).toBeGreaterThan(1000);

  await page.getByTestId('nav-train').click();
  await expect(page.getByTestId('run-log')).toContainText(
    "The model answers with the mean of the 3 networks' probabilities.",
  );
});

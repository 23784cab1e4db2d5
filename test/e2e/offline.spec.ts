/**
 * The app must work offline and send nothing anywhere: every request the page makes goes to
 * the loopback server that served it.
 */
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { APP_URL, REPO_ROOT } from './e2e-env';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return LOOPBACK.has(hostname);
}

test('the page makes no request to a non-loopback address', async ({ page }) => {
  const offenders: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    offenders.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('request', (request) => {
    if (!isLoopback(request.url())) offenders.push(request.url());
  });
  page.on('websocket', (socket) => {
    if (!isLoopback(socket.url())) offenders.push(socket.url());
  });

  await page.goto(APP_URL);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles(join(REPO_ROOT, 'resources', 'samples', 'us-employment-monthly.csv'));
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
  for (const view of ['nav-model', 'nav-train', 'nav-results', 'nav-data']) {
    const link = page.getByTestId(view);
    if (await link.isEnabled()) await link.click();
  }
  // Let late requests (fonts, lazy chunks) happen before judging.
  await page.waitForLoadState('networkidle');
  expect(offenders).toEqual([]);
});

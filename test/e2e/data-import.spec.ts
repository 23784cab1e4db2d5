/**
 * Importing files in the browser host, as a user does: each real sample layout, a messy export
 * and two unusable files. Checks what the Data view shows (layout, rows, preview, the problems
 * with their specific sentences, the error for an unusable file) and keeps a screenshot of each.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { APP_URL, REPO_ROOT } from './e2e-env';
import { snap } from './screenshots';

const SAMPLES = join(REPO_ROOT, 'resources', 'samples');
const scratch = mkdtempSync(join(tmpdir(), 'recurrent-e2e-import-'));
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Imports a file through the Import button and the browser's file chooser. */
async function importFile(page: Page, path: string): Promise<void> {
  await page.goto(APP_URL);
  await expect(page).toHaveURL(/\/$/);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('import-button').click();
  await (await chooser).setFiles(path);
}

/** The Data view as it opens, and again scrolled to the Columns table (the view scrolls inside the window). */
async function snapWithColumns(page: Page, name: string): Promise<void> {
  await snap(page, name);
  await page.getByTestId('column-stats').scrollIntoViewIfNeeded();
  await snap(page, `${name}-columns`);
}

/** The data lines of a CSV (header and blank lines left out), split on `delimiter`. */
function dataLines(path: string, delimiter = ','): string[][] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  return lines.slice(1).map((l) => l.split(delimiter).map((f) => f.replace(/^"|"$/g, '')));
}

const samples = [
  { file: 'nile-yearly.csv', layout: 'One series', time: 'year', frequency: 'yearly' },
  { file: 'us-employment-monthly.csv', layout: 'Several variables', time: 'month', frequency: 'monthly' },
  // A row per year and a column per month: read as one monthly series (a row per month), and said so.
  {
    file: 'elnino-monthly-wide.csv',
    layout: 'One series',
    time: 'month',
    frequency: 'monthly',
    rowsPerLine: 12,
    note: "a column per month ('JAN' … 'DEC')",
  },
  { file: 'iowa-electricity-long.csv', layout: 'Long (id column)', time: 'year', frequency: 'yearly', id: 'source' },
];

for (const sample of samples) {
  test(`imports the sample ${sample.file}`, async ({ page }) => {
    const path = join(SAMPLES, sample.file);
    const rows = dataLines(path);
    await importFile(page, path);

    const summary = page.getByTestId('dataset-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toContainText(sample.file);
    await expect(summary.locator('.fact', { hasText: 'Layout' })).toContainText(sample.layout);
    const rowCount = (rows.length * (sample.rowsPerLine ?? 1)).toLocaleString('en-US');
    await expect(summary.locator('.fact', { hasText: 'Rows' })).toContainText(rowCount);
    await expect(summary.locator('.fact', { hasText: 'Time column' })).toContainText(sample.time);
    await expect(summary.locator('.fact', { hasText: 'Frequency' })).toContainText(sample.frequency);
    if (sample.id) await expect(summary.locator('.fact', { hasText: 'Series id' })).toContainText(sample.id);
    const problems = page.getByTestId('problems-list');
    if (sample.note) await expect(problems).toContainText(sample.note);
    else await expect(problems).toContainText('No problems found in this file.');

    // The preview shows the file's first data row; its last field (its first, after the year, when
    // the file is unfolded) is a number as written there.
    const preview = page.getByTestId('preview-table');
    await expect(preview).toContainText(String(Number(sample.rowsPerLine ? rows[0][1] : rows[0].at(-1))));
    await expect(page.getByTestId('column-stats')).toContainText(sample.time);
    // The suggested model arrives just after the file: shoot the view once Continue is usable.
    await expect(page.getByTestId('continue-to-model')).toBeEnabled();
    await snapWithColumns(page, `data-${sample.file.replace(/\.csv$/, '')}`);
  });
}

test('imports a messy export and names each problem', async ({ page }) => {
  // A European spreadsheet export: ';' between fields, decimal commas, gaps, a typo and a short line.
  const lines = ['date;temperature;rainfall'];
  for (let d = 1; d <= 30; d++) {
    const day = `2024-01-${String(d).padStart(2, '0')}`;
    const temperature = (d / 4).toFixed(2).replace('.', ',');
    const rain = d % 5 === 0 ? '' : (d * 0.3).toFixed(1).replace('.', ',');
    if (d === 7) lines.push(`${day};oops;${rain}`);
    else if (d === 12) lines.push(`${day};${temperature}`);
    else lines.push(`${day};${temperature};${rain}`);
  }
  const path = join(scratch, 'messy-export.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await importFile(page, path);

  const summary = page.getByTestId('dataset-summary');
  await expect(summary).toContainText('messy-export.csv');
  await expect(summary).toContainText('delimiter “;”');
  await expect(summary).toContainText('decimal comma');
  await expect(summary.locator('.fact', { hasText: 'Rows' })).toContainText('30');
  await expect(summary.locator('.fact', { hasText: 'Frequency' })).toContainText('daily');

  const problems = page.getByTestId('problems-list');
  // Line numbers count the header: day d is on line d + 1.
  await expect(problems).toContainText(
    "Column 'temperature': 1 value is not a number, first at line 8 ('oops'). It is treated as missing",
  );
  await expect(problems).toContainText('Line 13 has 2 fields but the header has 3');
  await expect(problems.locator('li[data-severity="warning"]')).toHaveCount(2);

  // Decimal commas read as numbers: 1/4 of day 1 is 0.25.
  await expect(page.getByTestId('preview-table')).toContainText('0.25');
  // The Missing cell of each column: the typo is temperature's one gap; rainfall is empty every
  // fifth day and absent from the short line.
  const missingCell = (name: string) =>
    page.getByTestId('column-stats').locator('tr', { hasText: name }).locator('td').nth(2);
  const share = (n: number) => `${n} (${((n / 30) * 100).toFixed(1)}%)`;
  await expect(missingCell('temperature')).toHaveText(share(1));
  await expect(missingCell('rainfall')).toHaveText(share(6 + 1));
  await snapWithColumns(page, 'data-messy-export');
});

test('reads time from year, month, day and hour columns of a sensor export', async ({ page }) => {
  // An air-quality export: a row number, the time in four columns, a reading and a wind direction.
  // More than 10,000 rows, so the summary's distinct counts stop short of the row count.
  const lines = ['No,year,month,day,hour,pm25,wind'];
  const start = Date.UTC(2013, 0, 1);
  const winds = ['NW', 'cv', 'SE', 'NE'];
  for (let i = 0; i < 10_950; i++) {
    const t = new Date(start + i * 3_600_000);
    const reading = (80 + 40 * Math.sin((2 * Math.PI * i) / 24) + (i % 17)).toFixed(0);
    lines.push(
      [i + 1, t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), reading, winds[i % 4]].join(
        ',',
      ),
    );
  }
  const path = join(scratch, 'air-quality-hourly.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  await importFile(page, path);

  const summary = page.getByTestId('dataset-summary');
  await expect(summary).toContainText('air-quality-hourly.csv');
  await expect(summary.locator('.fact', { hasText: 'Time read from' })).toContainText('year, month, day and hour');
  await expect(summary.locator('.fact', { hasText: 'Frequency' })).toContainText('hourly');
  await expect(summary.locator('.fact', { hasText: 'Gaps' })).toContainText('0');
  // Every stamp is unique: the wind direction is a reading, not a series id.
  await expect(summary).not.toContainText('Long (id column)');
  await expect(page.getByTestId('problems-list')).toContainText(
    "Time is read from 'year', 'month', 'day' and 'hour' together (year, month, day and hour)",
  );
  // The proposed settings for it are ready once the form can move on.
  await expect(page.getByTestId('continue-to-model')).toBeEnabled();
  await snap(page, 'data-year-month-day-hour');
});

test("reads only the book of a text in Project Gutenberg's layout and says what it left out", async ({ page }) => {
  // A book as Gutenberg ships it: a header, the START marker, the book, the END marker, the licence
  // (the markers count with the lines left out: 4 + 1 before the book, 1 + 30 after it).
  const header = ['The Project Gutenberg EBook of Harbour Notes, by A. Keeper', '', 'Title: Harbour Notes', ''];
  const book = Array.from({ length: 40 }, (_, i) =>
    [`The lamp was lit at dusk on night ${i + 1}.`, 'The tide came in slowly and the boats stayed in.', ''].join('\n'),
  );
  const licence = Array.from({ length: 30 }, (_, i) => `1.E.${i + 1}. The Full Project Gutenberg License terms.`);
  const text = [
    ...header,
    '*** START OF THIS PROJECT GUTENBERG EBOOK HARBOUR NOTES ***',
    '',
    ...book,
    '*** END OF THIS PROJECT GUTENBERG EBOOK HARBOUR NOTES ***',
    ...licence,
  ].join('\r\n');
  const path = join(scratch, 'harbour-notes.txt');
  writeFileSync(path, text);
  await importFile(page, path);

  const summary = page.getByTestId('dataset-summary');
  await expect(summary.locator('.fact', { hasText: 'Layout' })).toContainText('Text corpus');
  await expect(page.getByTestId('problems-list')).toContainText(
    'This is a Project Gutenberg ebook: only the book between its START and END markers is read; the 5 lines of header before it and the 31 lines of licence after it are left out.',
  );
  await expect(page.getByTestId('problems-list')).toContainText('The text is split into 40 paragraphs.');
  await expect(page.getByTestId('continue-to-model')).toBeEnabled();
  await snap(page, 'data-ebook-text');
});

test('refuses a binary file with a message that says why', async ({ page }) => {
  const bytes = Buffer.alloc(4096);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
  const path = join(scratch, 'photo.csv');
  writeFileSync(path, bytes);
  await importFile(page, path);
  const error = page.getByTestId('error-message');
  await expect(error).toContainText('binary data');
  await expect(error).toContainText('Choose a CSV, TSV, TXT, XLSX or JSON file');
  await expect(page.getByTestId('dataset-summary')).toHaveCount(0);
  await snap(page, 'data-invalid-binary');
});

test('refuses an empty file with a message that says why', async ({ page }) => {
  const path = join(scratch, 'empty.csv');
  writeFileSync(path, '');
  await importFile(page, path);
  const error = page.getByTestId('error-message');
  await expect(error).toContainText('empty');
  await expect(error).toContainText('empty.csv');
  await expect(page.getByTestId('dataset-summary')).toHaveCount(0);
  await snap(page, 'data-invalid-empty');
});

/**
 * The journey matrix: every task reached from a new user's own files by every import route
 * (CSV, TSV and Excel uploads, a .txt corpus, a folder of labelled texts), starting on the Start
 * view. Each journey checks the task the studio proposes from what it detected (or changes it,
 * as a user would), trains briefly, and ends with results, a try-it answer or a generated text,
 * and an export. The files are in fixtures/ (see its README); none is a bundled sample.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import type { Task } from '../../src-main/shared/spec';
import { APP_URL, REPO_ROOT } from './e2e-env';
import { snap } from './screenshots';

const FIXTURES = join(REPO_ROOT, 'test', 'e2e', 'fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'recurrent-e2e-journeys-'));
test.afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Route = 'csv' | 'tsv' | 'xlsx' | 'json' | 'txt' | 'conllu' | 'folder';

interface Journey {
  name: string;
  route: Route;
  /** The fixture, relative to fixtures/. */
  source: string;
  /** The layout the Data view names. */
  layout: string;
  /** The task the studio proposes from what it detected. */
  proposed: Task;
  /** The task the user switches to on the Data view, when not the proposed one. */
  choose?: Task;
  /** Settings the user makes (a select by its value) and that keep training to seconds: [test id, value]. */
  settings: [string, string][];
}

const JOURNEYS: Journey[] = [
  {
    name: 'csv-text-classification',
    route: 'csv',
    source: 'shop-reviews.csv',
    layout: 'Labelled texts',
    proposed: 'text-classification',
    settings: [
      ['epochs-input', '3'],
      ['units-input', '8'],
    ],
  },
  {
    // The UCI SMS spam collection as it ships: no header, no extension, quotes inside the messages.
    name: 'tsv-text-classification',
    route: 'tsv',
    source: 'SMSSpamCollection',
    layout: 'Labelled texts',
    proposed: 'text-classification',
    settings: [
      ['epochs-input', '3'],
      ['units-input', '8'],
    ],
  },
  {
    name: 'tsv-forecast',
    route: 'tsv',
    source: 'greenhouse-hourly.tsv',
    layout: 'Several variables',
    proposed: 'forecast',
    settings: [
      ['lookback-input', '24'],
      ['epochs-input', '2'],
      ['units-input', '8'],
    ],
  },
  {
    name: 'json-forecast',
    route: 'json',
    source: 'greenhouse-hourly.tsv',
    layout: 'Several variables',
    proposed: 'forecast',
    settings: [
      ['lookback-input', '24'],
      ['epochs-input', '2'],
      ['units-input', '8'],
    ],
  },
  {
    name: 'csv-sequence-classification',
    route: 'csv',
    source: 'pump-vibration.csv',
    layout: 'Several variables',
    proposed: 'forecast',
    choose: 'sequence-classification',
    settings: [
      ['id-column-select', 'pump'],
      ['lookback-input', '20'],
      ['epochs-input', '3'],
      ['units-input', '8'],
    ],
  },
  {
    name: 'tsv-rows-sequence-classification',
    route: 'tsv',
    source: 'machine-cycles-ucr.tsv',
    layout: 'Long (id column)',
    proposed: 'sequence-classification',
    settings: [
      ['epochs-input', '3'],
      ['units-input', '8'],
    ],
  },
  {
    name: 'xlsx-sequence-labeling',
    route: 'xlsx',
    source: 'conveyor-states.csv',
    layout: 'Several variables',
    proposed: 'forecast',
    choose: 'sequence-labeling',
    settings: [
      ['id-column-select', 'shift'],
      ['lookback-input', '30'],
      ['epochs-input', '2'],
      ['units-input', '8'],
    ],
  },
  {
    name: 'conllu-word-tagging',
    route: 'conllu',
    source: 'web-english-200.conllu',
    layout: 'Tagged words',
    proposed: 'sequence-labeling',
    settings: [
      ['epochs-input', '15'],
      ['units-input', '32'],
    ],
  },
  {
    name: 'txt-text-generation',
    route: 'txt',
    source: 'lighthouse-log.txt',
    layout: 'Text corpus',
    proposed: 'text-generation',
    settings: [
      ['epochs-input', '1'],
      ['units-input', '16'],
    ],
  },
  {
    name: 'folder-text-classification',
    route: 'folder',
    source: 'support-tickets',
    layout: 'Labelled texts',
    proposed: 'text-classification',
    settings: [
      ['epochs-input', '3'],
      ['units-input', '8'],
    ],
  },
];

/**
 * An Excel workbook of a CSV fixture, as a user's spreadsheet would hold it: numbers as numbers, a
 * title and a blank row above the header, and a note below the table.
 */
async function asWorkbook(csvPath: string): Promise<string> {
  const [header, ...rows] = readFileSync(csvPath, 'utf8').trim().split(/\r?\n/);
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('line 3');
  sheet.addRow([WORKBOOK_TITLE]);
  sheet.addRow([]);
  sheet.addRow(header!.split(','));
  for (const row of rows)
    sheet.addRow(row.split(',').map((v) => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : v)));
  sheet.addRow(['Exported from the line controller']);
  const path = join(
    scratch,
    csvPath
      .split('/')
      .pop()!
      .replace(/\.csv$/, '.xlsx'),
  );
  await book.xlsx.writeFile(path);
  return path;
}

const WORKBOOK_TITLE = 'Line 3 conveyor, states per shift';

/** A JSON file of records of a delimited fixture, as a web service exports it (numbers as numbers). */
function asJson(path: string): string {
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const delimiter = path.endsWith('.tsv') ? '\t' : ',';
  const keys = header!.split(delimiter);
  const records = rows.map((row) =>
    Object.fromEntries(
      row.split(delimiter).map((v, i) => [keys[i], v !== '' && Number.isFinite(Number(v)) ? Number(v) : v]),
    ),
  );
  const out = join(scratch, basename(path).replace(/\.\w+$/, '.json'));
  writeFileSync(out, JSON.stringify(records));
  return out;
}

/** Requests the page sent over the API socket, to wait for the check of the final settings. */
function recordRequests(page: Page): string[] {
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framesent', (f) => sent.push(String(f.payload))));
  return sent;
}

/** From the Start view, by the journey's route, to the Data view with the file read. */
async function importFromStart(page: Page, journey: Journey): Promise<void> {
  await page.goto(APP_URL);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('import-button')).toBeVisible();
  const source = join(FIXTURES, journey.source);
  if (journey.route === 'folder') {
    // The browser's folder chooser: the whole folder is uploaded, its label subfolders with it.
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('open-folder-button').click();
    await (await chooser).setFiles(source);
  } else {
    const file =
      journey.route === 'xlsx' ? await asWorkbook(source) : journey.route === 'json' ? asJson(source) : source;
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-button').click();
    await (await chooser).setFiles(file);
  }
  await expect(page.getByTestId('dataset-summary')).toBeVisible();
}

for (const journey of JOURNEYS) {
  test(`journey ${journey.name}: from the Start view to results and an export`, async ({ page }) => {
    const sent = recordRequests(page);
    const task = journey.choose ?? journey.proposed;

    await test.step('import and see the proposed task', async () => {
      await importFromStart(page, journey);
      const summary = page.getByTestId('dataset-summary');
      await expect(summary.locator('.fact', { hasText: 'Layout' })).toContainText(journey.layout);
      const taskSelect = page.getByTestId('data-task-select');
      await expect(taskSelect).toHaveValue(journey.proposed);
      await expect(page.getByTestId('error-message')).toHaveCount(0);
      if (journey.source === 'SMSSpamCollection') {
        // Every line is a message: the first is data, and the quotes inside the texts are text.
        const problems = page.getByTestId('problems-list');
        await expect(problems).toContainText("Line 1 is data, not column names (its column 1 holds 'ham'");
        await expect(problems).toContainText('Double quotes are read as part of the texts');
        await expect(summary.locator('.fact', { hasText: 'Rows' })).toContainText('150');
      }
      if (journey.route === 'xlsx') {
        // The title above the header and the note below the table are named and left out.
        const problems = page.getByTestId('problems-list');
        await expect(problems).toContainText(`The first row ('${WORKBOOK_TITLE}') is a title above the table`);
        await expect(problems).toContainText("('Exported from the line controller') is a total or a note");
      }
      if (journey.choose) {
        await taskSelect.selectOption(journey.choose);
        await expect(taskSelect).toHaveValue(journey.choose);
        await expect(page.getByTestId('error-message')).toHaveCount(0);
      }
      await expect(page.getByTestId('continue-to-model')).toBeEnabled();
      // Before any training the file is drawn: label counts and text lengths for texts, sequences per
      // label and their lengths for sequences to classify (rows of one id), else the series.
      const overview = page.getByTestId('data-overview');
      if (journey.layout === 'Labelled texts') await expect(overview.getByTestId('label-counts-chart')).toBeVisible();
      else if (journey.layout === 'Text corpus') await expect(overview.getByTestId('text-lengths-chart')).toBeVisible();
      else if (journey.layout === 'Tagged words') {
        // How many words carry each tag and how long the sentences are; the form reads the word column.
        await expect(overview.getByTestId('tag-counts-chart')).toBeVisible();
        await expect(overview.getByTestId('sentence-lengths-chart')).toBeVisible();
        await expect(page.getByTestId('problems-list')).toContainText('Read as tagged words (CoNLL-U): 200 sentences');
      } else if (task === 'sequence-classification') {
        await expect(overview.getByTestId('sequence-labels-chart')).toBeVisible();
        await expect(overview.getByTestId('sequence-lengths-chart')).toBeVisible();
      } else await expect(overview.getByTestId('series-chart')).toBeVisible();
      await snap(page, `journey-${journey.name}-1-data`);
    });

    await test.step('keep the training short and train', async () => {
      await page.getByTestId('continue-to-model').click();
      await expect(page.getByTestId('task-select')).toHaveValue(task);
      if (journey.layout === 'Tagged words') {
        // The network reads the words (one per row) and tags them with the universal parts of speech.
        await expect(page.getByTestId('word-column-select')).toHaveValue('word');
        await expect(page.getByTestId('target-select')).toHaveValue('upos');
        await expect(page.getByTestId('text-settings')).toBeVisible();
      }
      for (const [id, value] of journey.settings) {
        const field = page.getByTestId(id);
        if (id.endsWith('-select')) await field.selectOption(value);
        else await field.fill(value);
      }
      const epochs = journey.settings.find(([id]) => id === 'epochs-input')![1];
      await expect
        .poll(() => sent.some((m) => m.includes('"spec.validate"') && new RegExp(`"epochs":${epochs}[,}]`).test(m)))
        .toBe(true);
      await expect(page.getByTestId('train-button')).toBeEnabled();
      await snap(page, `journey-${journey.name}-2-model`);
      await page.getByTestId('train-button').click();
      await expect(page.getByTestId('see-results')).toBeVisible({ timeout: 120_000 });
      await page.getByTestId('see-results').click();
    });

    await test.step('read the results the task calls for', async () => {
      if (task === 'forecast') {
        await expect(page.getByTestId('metrics-table')).toContainText(/RMSE/i);
        await expect(page.getByTestId('forecast-chart')).toBeVisible();
      } else if (task === 'text-generation') {
        await expect(page.getByTestId('generation-kpis')).toBeVisible();
        await page.getByTestId('generate-seed-input').fill('The keeper');
        await page.getByTestId('generate-length-input').fill('40');
        await page.getByTestId('generate-button').click();
        // The worker loads the model first; on two busy cores that alone can take a while.
        await expect(page.getByTestId('generated-text')).toContainText(/The keeper.{10,}/s, { timeout: 90_000 });
      } else {
        await expect(page.getByTestId('classification-kpis')).toBeVisible();
        await expect(page.getByTestId('confusion-matrix')).toBeVisible();
        // Beside the accuracy, as main judged them: the rule "always the most common class", and how
        // little a small test split says (a labeling run's test steps are many enough for none).
        await expect(page.getByTestId('majority-verdict')).toContainText('always answering');
        // Texts: once the most common class is beaten, the bar of counting the same words.
        const majority = (await page.getByTestId('majority-verdict').textContent()) ?? '';
        if (task === 'text-classification' && majority.trim().startsWith('Beats'))
          await expect(page.getByTestId('word-count-verdict')).toContainText('counting words');
        // Tagged words: the bar of giving each word its usual tag, neighbours ignored.
        if (journey.layout === 'Tagged words' && majority.trim().startsWith('Beats'))
          await expect(page.getByTestId('word-tag-verdict')).toContainText('tagging each word alone');
        await snap(page, `journey-${journey.name}-3-evaluation`);
        if (task !== 'sequence-labeling') {
          await expect(page.getByTestId('small-test-caution')).toContainText('Judged on only');
        }
      }
      if (journey.layout === 'Tagged words') {
        // A sentence of the user's own, tagged word by word.
        await page.getByTestId('results-tab-try').click();
        await page.getByTestId('try-tags-input').fill('The new phone works well.');
        await page.getByTestId('try-tags-button').click();
        await expect(page.getByTestId('tagged-words').locator('li')).toHaveCount(6);
        await expect(page.getByTestId('try-tags-unknown')).toContainText('never saw in training');
      }
      if (task === 'text-classification') {
        await page.getByTestId('results-tab-try').click();
        const text =
          journey.route === 'folder' ? 'I was charged twice this month' : 'Broke after a week, I want a refund';
        await page.getByTestId('try-text-input').fill(text);
        await page.getByTestId('try-text-button').click();
        await expect(page.getByTestId('class-probabilities').locator('li')).toHaveCount(2);
      }
      await snap(page, `journey-${journey.name}-3-results`);
    });

    await test.step('export the model', async () => {
      await page.getByTestId('results-tab-export').click();
      await page.getByTestId('export-format-tfjs').check();
      const download = page.waitForEvent('download');
      await page.getByTestId('export-button').click();
      const file = await download;
      expect((await readFile(await file.path())).length).toBeGreaterThan(100);
      await expect(page.getByTestId('export-result')).toContainText(file.suggestedFilename());
      await snap(page, `journey-${journey.name}-4-exported`);
    });
  });
}

/**
 * A folder of recordings, one .csv or .tsv per sequence (`gestures/wave/rec01.csv`, the layout of
 * sensor and movement datasets), imports as one long table of steps; files that do not fit are
 * named in the refusal. Without label subfolders each file is one series.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLDER_LIMITS } from '../../src-main/data/import/list-data-folder';
import { loadTable } from '../../src-main/data/import/load-table';
import { readSequenceFolder } from '../../src-main/data/import/read-sequence-folder';
import { column } from '../../src-main/data/table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { latin1, makeFolder, refusal } from './folder-helpers';
import { numbers, strings } from './helpers';

/** Two gestures, recordings of different lengths, in the CSV dialects instruments write. */
function gesturesFolder(): string {
  return makeFolder(
    {
      'wave/rec01.csv': '#ax, ay, az\n0.1,0.2,0.3\n0.4,0.5,0.6\n0.7,0.8,0.9\n',
      'wave/rec02.csv': '# ax, ay, az\r\n1,2,3\r\n4,5,6\r\n',
      'wave/rec10.csv': latin1('ax;ay;az\n1,5;2,5;3,5\n'),
      'swipe/rec01.tsv': 'ay\tax\taz\n-1\t-2\t-3\n-4\t-5\t-6\n',
      'swipe/README.md': 'recorded at 50 Hz',
      // A read-me is no text to classify: the folder stays one of recordings.
      'README.txt': 'Two gestures of a wrist sensor.',
      '.hidden.csv': 'ax,ay,az\n9,9,9\n',
      'swipe/.DS_Store': new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]),
    },
    'gestures',
  );
}

describe('importing a folder of recordings sorted into label folders', () => {
  it('reads one row per step with the file as sequence and the subfolder as label', async () => {
    const { table, summary } = await loadTable(gesturesFolder());
    expect(summary.format).toBe('folder');
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['sequence', 'categorical'],
      ['step', 'numeric'],
      // In the order of the first file; the others are matched by name.
      ['ay', 'numeric'],
      ['ax', 'numeric'],
      ['az', 'numeric'],
      ['label', 'categorical'],
    ]);
    expect(strings(column(table, 'sequence'))).toEqual([
      'swipe/rec01.tsv',
      'swipe/rec01.tsv',
      'wave/rec01.csv',
      'wave/rec01.csv',
      'wave/rec01.csv',
      'wave/rec02.csv',
      'wave/rec02.csv',
      'wave/rec10.csv',
    ]);
    expect(numbers(column(table, 'step'))).toEqual([0, 1, 0, 1, 2, 0, 1, 0]);
    // A decimal comma reads as a decimal point.
    expect(numbers(column(table, 'ax'))).toEqual([-2, -5, 0.1, 0.4, 0.7, 1, 4, 1.5]);
    expect(numbers(column(table, 'ay'))).toEqual([-1, -4, 0.2, 0.5, 0.8, 2, 5, 2.5]);
    expect(strings(column(table, 'label'))).toEqual(['swipe', 'swipe', 'wave', 'wave', 'wave', 'wave', 'wave', 'wave']);
  });

  it('is a long table of sequences over steps, proposed for sequence classification', async () => {
    const { summary } = await loadTable(gesturesFolder());
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('sequence');
    expect(summary.timeColumn).toBe('step');
    expect(summary.seriesIds).toEqual(['swipe/rec01.tsv', 'wave/rec01.csv', 'wave/rec02.csv', 'wave/rec10.csv']);
    expect(summary.proposedTask).toBe('sequence-classification');
    const spec = suggestSpec(summary);
    expect(spec.task).toBe('sequence-classification');
    expect(spec.data.targetColumns).toEqual(['label']);
    expect(spec.data.idColumn).toBe('sequence');
    expect(spec.data.timeColumn).toBe('step');
  });

  it('says what it read, and skips hidden files and files that are not tables', async () => {
    const { summary } = await loadTable(gesturesFolder());
    const messages = summary.problems.map((p) => `${p.severity}: ${p.message}`);
    expect(messages[0]).toBe('info: 4 recordings in 2 label folders: swipe 1, wave 3; 8 steps (1 to 3 per recording).');
    expect(messages).toContain(
      "info: 2 files are not .csv or .tsv and were skipped ('swipe/README.md', 'README.txt').",
    );
    expect(messages.join('\n')).not.toMatch(/hidden|DS_Store/);
    expect(summary.sizeBytes).toBeGreaterThan(0);
  });

  it('keeps a text column that holds one value per file, as a category', async () => {
    const folder = makeFolder({
      'a/1.csv': 'subject,x\nann,1\nann,2\n',
      'b/1.csv': 'subject,x\nbob,3\n',
    });
    const { table } = await loadTable(folder);
    expect(strings(column(table, 'subject'))).toEqual(['ann', 'ann', 'bob']);
    expect(column(table, 'subject').type).toBe('categorical');
  });

  it('decodes each file with its own encoding', async () => {
    const folder = makeFolder({
      'a/1.csv': latin1('site,x\nZürich,1\nZürich,2\n'),
      'b/1.csv': 'site,x\nGenève,3\n',
      'b/2.csv': 'site,x\nGenève,4\n',
    });
    const { table, summary } = await loadTable(folder);
    expect(strings(column(table, 'site'))).toEqual(['Zürich', 'Zürich', 'Genève', 'Genève']);
    expect(summary.encoding).toBe('UTF-8 (2 files), Latin-1 (Windows-1252) (1 file)');
  });

  it('moves its own column aside when the files have one of that name', async () => {
    const folder = makeFolder({
      'a/1.csv': 'step,label,x\n0,1,1\n1,0,2\n',
      'b/1.csv': 'step,label,x\n0,0,3\n',
    });
    const { table, summary } = await loadTable(folder);
    expect(table.columns.map((c) => c.name)).toEqual(['sequence', 'folder step', 'step', 'label', 'x', 'folder label']);
    expect(summary.timeColumn).toBe('folder step');
    expect(strings(column(table, 'folder label'))).toEqual(['a', 'a', 'b']);
  });

  it('follows links inside the folder but not links that leave it', async () => {
    const outside = makeFolder({ 'x.csv': 'v\n1\n' }, 'elsewhere');
    const folder = makeFolder({ 'a/1.csv': 'v\n1\n2\n', 'b/1.csv': 'v\n3\n' });
    symlinkSync(join(folder, 'a', '1.csv'), join(folder, 'b', 'same.csv'));
    symlinkSync(join(outside, 'x.csv'), join(folder, 'b', 'out.csv'));
    const { table, summary } = await loadTable(folder);
    expect(strings(column(table, 'sequence'))).toEqual(['a/1.csv', 'a/1.csv', 'b/1.csv', 'b/same.csv', 'b/same.csv']);
    expect(summary.problems.map((p) => p.message)).toContain(
      "Links that point outside the folder are not followed ('b/out.csv').",
    );
  });
});

describe('importing a folder of recordings without label folders', () => {
  it('reads each file as one series and proposes to forecast all of them', async () => {
    const rows = (offset: number) =>
      `load,temperature\n${Array.from({ length: 40 }, (_, i) => `${offset + i},${20 + (i % 5)}`).join('\n')}\n`;
    const folder = makeFolder({ 'm01.csv': rows(0), 'm02.csv': rows(100), 'm03.csv': rows(200) }, 'machines');
    const { table, summary } = await loadTable(folder);
    expect(table.columns.map((c) => c.name)).toEqual(['sequence', 'step', 'load', 'temperature']);
    expect(summary.rows).toBe(120);
    expect(summary.layout).toBe('long');
    expect(summary.seriesIds).toEqual(['m01.csv', 'm02.csv', 'm03.csv']);
    expect(summary.proposedTask).toBe('forecast');
    expect(summary.problems[0].message).toBe(
      '3 recordings, one series per file (no label subfolders); 120 steps (40 steps each).',
    );
    const spec = suggestSpec(summary);
    expect(spec.task).toBe('forecast');
    expect(spec.data.series.scope).toBe('all');
    expect(spec.data.idColumn).toBe('sequence');
    // A forecast reads dates; the steps are the rows' order, which the series keep without a time column.
    expect(spec.data.timeColumn).toBeNull();
    expect(spec.data.targetColumns).toEqual(['temperature']);
  });

  it('reads .csv files that happen to pair by name as recordings, not as pairs of texts', async () => {
    const folder = makeFolder({ 'sensor_acc.csv': 'v\n1\n2\n', 'sensor_gyr.csv': 'v\n3\n4\n' });
    const { summary } = await loadTable(folder);
    expect(summary.layout).toBe('long');
    expect(summary.seriesIds).toEqual(['sensor_acc.csv', 'sensor_gyr.csv']);
  });

  it('stays a folder of texts when it holds .txt files beside .csv files', async () => {
    const folder = makeFolder({ 'a/1.txt': 'good', 'b/1.txt': 'bad', 'b/extra.csv': 'v\n1\n' });
    const { summary } = await loadTable(folder);
    expect(summary.layout).toBe('labeled-text');
  });
});

describe('refusing a folder of recordings that does not fit, naming the file', () => {
  it('refuses files with other columns', async () => {
    const folder = makeFolder({ 'a/1.csv': 'ax,ay\n1,2\n', 'b/1.csv': 'ax,az,extra\n1,2,3\n' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toBe(
      "The file 'b/1.csv' has other columns than 'a/1.csv' (it lacks 'ay' and it adds 'az', 'extra'). " +
        'Every file of the folder needs the same columns, with the same names in the header line.',
    );
  });

  it('refuses a text column that changes within a file', async () => {
    const folder = makeFolder({ 'a/1.csv': 'x,state\n1,idle\n2,idle\n', 'b/1.csv': 'x,state\n1,idle\n2,moving\n' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toMatch(
      /^The column 'state' of 'b\/1\.csv' holds text that changes from step to step \('idle', 'moving'/,
    );
    expect(e.message).toMatch(/Remove the column from the files, or make it numeric\.$/);
    expect(e.column).toBe('state');
  });

  it('refuses a column that is numbers in one file and text in another', async () => {
    const folder = makeFolder({ 'a/1.csv': 'x,y\n1,5\n2,6\n', 'b/1.csv': 'x,y\n1,high\n2,high\n' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toBe(
      "The column 'y' holds numbers in 'a/1.csv' but text in 'b/1.csv' ('high'). Make it numeric in every file, or remove it.",
    );
  });

  it('refuses an empty file and a file with a header only', async () => {
    const folder = makeFolder({ 'a/1.csv': 'x\n1\n', 'b/1.csv': 'x\n2\n', 'b/2.csv': '' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toBe(
      "The file 'b/2.csv' is empty: it has no header line and no data. Remove it from the folder or fill it in.",
    );
    writeFileSync(join(folder, 'b', '2.csv'), 'x\n');
    const e2 = await refusal(loadTable(folder));
    expect(e2.message).toMatch(/^The file 'b\/2\.csv' has a header line but no data rows\./);
  });

  it('refuses a file that is not text', async () => {
    const folder = makeFolder({
      'a/1.csv': 'x\n1\n',
      'b/1.csv': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    const e = await refusal(loadTable(folder));
    expect(e.message).toMatch(/^The file 'b\/1\.csv' is a PNG image/);
  });

  it('refuses a file over the size limit and more files than the limit, before reading', async () => {
    const folder = makeFolder({ 'a/1.csv': 'x\n1\n', 'a/2.csv': 'x\n2\n', 'b/big.csv': `x\n${'1\n'.repeat(1000)}` });
    const big = await refusal(readSequenceFolder(folder, {}, { ...DEFAULT_FOLDER_LIMITS, maxFileBytes: 1024 }));
    expect(big.message).toMatch(
      /^The file 'b\/big\.csv' is .*; a recording file in a folder may be at most .*Split it/,
    );
    let progressed = false;
    const many = await refusal(
      readSequenceFolder(folder, { onProgress: () => (progressed = true) }, { ...DEFAULT_FOLDER_LIMITS, maxFiles: 2 }),
    );
    expect(many.message).toBe(
      "The folder 'reviews' holds more than 2 recording files; import a sample of them (fewer files per label).",
    );
    expect(progressed).toBe(false);
  });

  it('stops before reading when the signal is already aborted', async () => {
    const folder = makeFolder({ 'a/1.csv': 'x\n1\n', 'b/1.csv': 'x\n2\n' });
    const controller = new AbortController();
    controller.abort();
    await expect(loadTable(folder, { signal: controller.signal })).rejects.toThrow(/abort/i);
  });

  it('refuses one label folder only', async () => {
    const folder = makeFolder({ 'wave/1.csv': 'x\n1\n', 'wave/2.csv': 'x\n2\n' }, 'gestures');
    const e = await refusal(loadTable(folder));
    expect(e.message).toBe(
      "Only one label folder ('wave') holds .csv or .tsv files: a classifier needs at least two. " +
        "Add a subfolder per label next to it (e.g. 'gestures/wave' and 'gestures/swipe').",
    );
  });
});

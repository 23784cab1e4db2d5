/**
 * The .xlsx reader: a sheet imports exactly like its CSV export, a sheet behind a
 * bigger one is found, the user's type overrides apply, progress is reported, and Cancel stops it.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempPath } from './helpers';

const ROWS = 3000;

/** Row i: a daily date, a reading with a fraction, a station code that looks numeric, a label. */
function rowOf(i: number): [Date, number, number, string] {
  return [
    new Date(Date.UTC(2020, 0, 1) + i * 86_400_000),
    Math.round(Math.sin(i / 9) * 1e4) / 100,
    100 + (i % 5),
    i % 3 === 0 ? 'wet' : 'dry',
  ];
}

/** A workbook whose wanted sheet comes after a large unrelated one, plus the same data as CSV. */
async function workbookAndCsv(): Promise<{ xlsx: string; csv: string }> {
  const wb = new ExcelJS.Workbook();
  const noise = wb.addWorksheet('Raw log');
  noise.addRow(['entry', 'note']);
  for (let i = 0; i < ROWS; i++) noise.addRow([i, `note ${i}`]);
  const ws = wb.addWorksheet('Readings');
  const csv = ['date,reading,station,sky'];
  ws.addRow(['date', 'reading', 'station', 'sky']);
  for (let i = 0; i < ROWS; i++) {
    const r = rowOf(i);
    ws.addRow(r);
    csv.push(`${r[0].toISOString().slice(0, 10)},${r[1]},${r[2]},${r[3]}`);
  }
  const xlsx = tempPath('.xlsx');
  await wb.xlsx.writeFile(xlsx);
  const csvPath = tempPath('.csv');
  writeFileSync(csvPath, `${csv.join('\n')}\n`);
  return { xlsx, csv: csvPath };
}

// Written once: building the workbook costs more than reading it.
let files: Promise<{ xlsx: string; csv: string }> | null = null;
const shared = () => (files ??= workbookAndCsv());

describe('xlsx import progress and cancel', () => {
  it('reads a sheet behind another exactly as its CSV export', async () => {
    const { xlsx, csv } = await shared();
    const fromSheet = await loadTable(xlsx, { sheet: 'Readings' });
    const fromCsv = await loadTable(csv);
    expect(fromSheet.summary.sheets).toEqual(['Raw log', 'Readings']);
    expect(fromSheet.summary.rows).toBe(ROWS);
    for (const name of ['date', 'reading', 'station']) {
      expect(column(fromSheet.table, name).type).toBe(column(fromCsv.table, name).type);
      expect(numbers(column(fromSheet.table, name))).toEqual(numbers(column(fromCsv.table, name)));
    }
    expect(strings(column(fromSheet.table, 'sky'))).toEqual(strings(column(fromCsv.table, 'sky')));
    expect(fromSheet.summary.frequency).toBe(fromCsv.summary.frequency);
    expect(fromSheet.summary.layout).toBe(fromCsv.summary.layout);
    const first = await loadTable(xlsx);
    expect(first.summary.sheet).toBe('Raw log');
    expect(first.summary.rows).toBe(ROWS);
  });

  it("applies the user's type overrides", async () => {
    const { xlsx } = await shared();
    const { table, summary } = await loadTable(xlsx, { sheet: 'Readings', typeOverrides: { station: 'categorical' } });
    const station = summary.columns.find((c) => c.name === 'station');
    expect(station?.type).toBe('categorical');
    expect(station?.detectedType).toBe('numeric');
    expect(strings(column(table, 'station')).slice(0, 3)).toEqual(['100', '101', '102']);
  });

  it('reports progress up to the whole file and stops when cancelled', async () => {
    const { xlsx } = await shared();
    const seen: number[] = [];
    await loadTable(xlsx, { sheet: 'Readings', onProgress: (f) => seen.push(f) });
    expect(seen.at(-1)).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);

    // Cancel at the first progress report, mid-sheet, as a user pressing Cancel would.
    const controller = new AbortController();
    const cancelled: number[] = [];
    const stopping = loadTable(xlsx, {
      sheet: 'Readings',
      signal: controller.signal,
      onProgress: (f) => {
        cancelled.push(f);
        controller.abort();
      },
    });
    await expect(stopping).rejects.toMatchObject({ name: 'AbortError' });
    expect(cancelled.length).toBe(1);
    expect(cancelled[0]).toBeLessThan(1);
  });
});

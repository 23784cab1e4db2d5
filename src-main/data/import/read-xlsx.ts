/**
 * Reads one sheet of an .xlsx workbook into a Table through the same typing as text files.
 * Cells become texts first (dates as ISO strings), so a sheet and its CSV export import alike.
 * The workbook streams through exceljs' WorkbookReader: rows go into typed columns as they are
 * unzipped, so a large sheet is never held as cell objects all at once.
 */
import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { DataError } from '../data-error';
import type { LoadOptions } from '../table';
import { type BuiltTable, TableBuilder } from './table-builder';

export interface XlsxResult extends BuiltTable {
  sheets: string[];
  sheet: string;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO text for a cell date; date-only when the time is midnight (most sheets hold plain dates). */
function isoOf(d: Date): string {
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0) {
    return date;
  }
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** The text of any cell value exceljs produces; errors (#N/A, #DIV/0!) read as missing. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : isoOf(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return String(v.text ?? '');
  if ('error' in v) return '';
  if ('result' in v || 'formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    return r === undefined ? '' : cellText(r as ExcelJS.CellValue);
  }
  return '';
}

/** A streamed worksheet: exceljs sets its name from the workbook (its typings leave it out). */
type NamedSheetReader = ExcelJS.stream.xlsx.WorksheetReader & { name?: string };

/** Sheet names of a workbook, in workbook order. */
export async function listSheets(path: string): Promise<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'ignore' });
  // The names come from xl/workbook.xml; sheet data is skipped unread.
  for await (const _sheet of reader) void _sheet;
  return sheetNames(reader);
}

function sheetNames(reader: ExcelJS.stream.xlsx.WorkbookReader): string[] {
  return (reader.model.sheets ?? []).map((s) => s.name);
}

/**
 * Reads the chosen sheet (the first by default). `sizeBytes` (the file's size) lets progress be
 * reported as compressed bytes read, the only measure known before the end.
 */
export async function readXlsx(path: string, options: LoadOptions, sizeBytes = 0): Promise<XlsxResult> {
  options.signal?.throwIfAborted();
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  stream.on('data', (chunk) => (bytesRead += chunk.length));
  // Dates are cells with a date number format: the styles are needed to recognise them.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let builder: TableBuilder | null = null;
  let wanted: string | null = options.sheet ?? null;
  let found = false;
  let headerDone = false;
  let lastReport = 0;
  try {
    for await (const sheet of reader as AsyncIterable<NamedSheetReader>) {
      options.signal?.throwIfAborted();
      const names = sheetNames(reader);
      wanted ??= names[0] ?? null;
      if (found || sheet.name !== wanted) continue;
      found = true;
      builder = new TableBuilder({ decimalComma: false, typeOverrides: options.typeOverrides, unit: 'row' });
      let width = 0;
      for await (const row of sheet) {
        const cells = Math.max(width, row.cellCount);
        const fields: string[] = [];
        for (let c = 1; c <= cells; c++) fields.push(cellText(row.getCell(c).value));
        if (!headerDone) {
          while (fields.length > 0 && fields[fields.length - 1].trim() === '') fields.pop();
          if (fields.length === 0) continue;
          headerDone = true;
          width = fields.length;
          builder.setHeader(fields);
          continue;
        }
        if (fields.every((f) => f.trim() === '')) continue;
        builder.addRow(fields, row.number);
        if ((row.number & 1023) === 0) {
          options.signal?.throwIfAborted();
          const now = Date.now();
          if (options.onProgress && sizeBytes > 0 && now - lastReport >= 250) {
            lastReport = now;
            options.onProgress(Math.min(0.99, bytesRead / sizeBytes), bytesRead);
          }
        }
      }
    }
  } catch (e) {
    if (options.signal?.aborted || e instanceof DataError) throw e;
    throw new DataError(
      `This .xlsx file could not be read (${(e as Error).message}). Open it in a spreadsheet program and save it again, or export the sheet as CSV.`,
    );
  } finally {
    stream.destroy();
  }
  const sheets = sheetNames(reader);
  if (sheets.length === 0) throw new DataError('This workbook has no sheets.');
  if (!found || !builder || wanted === null) {
    throw new DataError(`This workbook has no sheet named '${wanted}'. Its sheets are: ${sheets.join(', ')}.`);
  }
  if (!headerDone) throw new DataError(`The sheet '${wanted}' is empty. Choose another sheet.`);
  if (builder.rowCount === 0) {
    throw new DataError(`The sheet '${wanted}' has a header row but no data rows. Choose another sheet.`, { line: 1 });
  }
  options.onProgress?.(1, bytesRead);
  return { ...builder.finish(), sheets, sheet: wanted };
}

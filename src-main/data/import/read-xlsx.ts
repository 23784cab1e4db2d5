/**
 * Reads one sheet of an .xlsx workbook into a Table through the same typing as text files.
 * Cells become texts first (dates as ISO strings), so a sheet and its CSV export import alike.
 */
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

/** Sheet names of a workbook, in workbook order. */
export async function listSheets(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb.worksheets.map((w) => w.name);
}

/**
 * Reads the chosen sheet (the first by default). The whole workbook is parsed by exceljs'
 * non-streaming reader: its streaming reader never settled on some damaged files (a flipped bit
 * inside a compressed entry), which a fuzz test caught. `sizeBytes` is accepted for progress.
 */
export async function readXlsx(path: string, options: LoadOptions, sizeBytes = 0): Promise<XlsxResult> {
  options.signal?.throwIfAborted();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (e) {
    throw new DataError(
      `This .xlsx file could not be read (${(e as Error).message}). Open it in a spreadsheet program and save it again, or export the sheet as CSV.`,
    );
  }
  options.signal?.throwIfAborted();
  options.onProgress?.(0.5, Math.round(sizeBytes / 2));
  // A cancel pressed while the workbook was parsed stops here, before the rows are typed.
  options.signal?.throwIfAborted();
  const sheets = wb.worksheets.map((w) => w.name);
  if (sheets.length === 0) throw new DataError('This workbook has no sheets.');
  const wanted = options.sheet ?? sheets[0];
  const ws = wb.worksheets.find((w) => w.name === wanted);
  if (!ws) {
    throw new DataError(`This workbook has no sheet named '${wanted}'. Its sheets are: ${sheets.join(', ')}.`);
  }
  const width = ws.columnCount;
  const builder = new TableBuilder({
    decimalComma: false,
    typeOverrides: options.typeOverrides,
    expectedRows: ws.rowCount,
    unit: 'row',
  });
  let headerDone = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const fields: string[] = [];
    for (let c = 1; c <= width; c++) fields.push(cellText(row.getCell(c).value));
    while (fields.length > 0 && fields[fields.length - 1] === '' && !headerDone) fields.pop();
    if (fields.every((f) => f.trim() === '')) return;
    if (!headerDone) {
      headerDone = true;
      builder.setHeader(fields);
      return;
    }
    builder.addRow(fields, rowNumber);
  });
  if (!headerDone) throw new DataError(`The sheet '${wanted}' is empty. Choose another sheet.`);
  if (builder.rowCount === 0) {
    throw new DataError(`The sheet '${wanted}' has a header row but no data rows. Choose another sheet.`, { line: 1 });
  }
  options.onProgress?.(1, sizeBytes);
  return { ...builder.finish(), sheets, sheet: wanted };
}

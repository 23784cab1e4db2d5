/**
 * Reads one sheet of an .xlsx workbook into a Table through the same typing as text files.
 * Cells become texts first (dates as ISO strings), so a sheet and its CSV export import alike.
 *
 * Our own reader over fflate, within stated limits: the file at most 512 MB, the entries it
 * needs at most 1 GiB unpacked in total (declared sizes are checked before inflating), and
 * only those entries (workbook, relationships, shared strings, styles, the chosen sheet) are
 * inflated. Damaged archives fail with a DataError; nothing can hang on them.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { strFromU8, unzipSync } from 'fflate';
import { readUserFile, UserFileError } from '../../storage/user-file';
import { DataError } from '../data-error';
import type { LoadOptions } from '../table';
import type { DataProblem } from '../../shared/types';
import { type BuiltTable, TableBuilder } from './table-builder';
import { preambleLength, preambleNote, rowText } from './table-preamble';
import { scanXml } from './xml-scan';
import { dateStyles, excelSerialToIso, sharedStrings, workbookSheets, type SheetRef } from './xlsx-parts';

export interface XlsxResult extends BuiltTable {
  sheets: string[];
  sheet: string;
}

/** The largest workbook file read. */
export const MAX_XLSX_FILE_BYTES = 512 * 1024 * 1024;
/** The most the entries we read may unpack to, together. */
export const MAX_XLSX_UNPACKED_BYTES = 1024 ** 3;

/** How much sheet XML is scanned between two progress reports (and chances to cancel). */
const STEP_CHARS = 1 << 20;

function unreadable(reason: string): DataError {
  return new DataError(
    `This .xlsx file could not be read (${reason}). Open it in a spreadsheet program and save it again, or export the sheet as CSV.`,
  );
}

/** Inflates the entries `wanted` accepts, after checking every declared size against the limit. */
function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (info) => {
        if (!wanted(info.name)) return false;
        total += info.originalSize;
        if (total > MAX_XLSX_UNPACKED_BYTES) {
          throw new DataError(
            `This workbook unpacks to more than ${MAX_XLSX_UNPACKED_BYTES / 1024 ** 3} GB, more than a sheet can be read from. Export the sheet as CSV.`,
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw unreadable(e instanceof Error ? e.message : String(e));
  }
}

function text(parts: Record<string, Uint8Array>, name: string): string | null {
  const data = parts[name];
  return data ? strFromU8(data) : null;
}

/** Column number (1-based) of a cell reference such as "AB12". */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

interface SheetContext {
  strings: string[];
  dates: Set<number>;
  date1904: boolean;
}

/** The text of one cell as a CSV export would hold it; errors (#N/A, #DIV/0!) read as missing. */
function cellText(type: string | undefined, style: number, value: string, ctx: SheetContext): string {
  switch (type) {
    case 's':
      return ctx.strings[Number(value)] ?? '';
    case 'str':
    case 'inlineStr':
      return value;
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return '';
    case 'd':
      return value;
    default: {
      if (value === '') return '';
      const n = Number(value);
      if (!Number.isFinite(n)) return value;
      return ctx.dates.has(style) ? excelSerialToIso(n, ctx.date1904) : String(n);
    }
  }
}

/** Scans the sheet's rows into the builder, reporting progress and honouring a cancel between steps. */
async function readRows(xml: string, ctx: SheetContext, sheet: string, options: LoadOptions, sizeBytes: number) {
  const rows: { number: number; cells: string[] }[] = [];
  let width = 0;
  let row: { number: number; cells: string[] } | null = null;
  let cell: { column: number; type?: string; style: number; value: string } | null = null;
  let inValue = false;
  let inInline = false;
  let inPhonetic = false;
  let nextReport = STEP_CHARS;
  let nextColumn = 1;
  for (const token of scanXml(xml)) {
    if (token.end >= nextReport) {
      nextReport += STEP_CHARS;
      const fraction = 0.2 + (0.75 * token.end) / xml.length;
      options.onProgress?.(fraction, Math.round(sizeBytes * fraction));
      await nextTurn();
      options.signal?.throwIfAborted();
    }
    if (token.kind === 'open') {
      if (token.name === 'row') {
        row = { number: Number(token.attrs.r) || rows.length + 1, cells: [] };
        nextColumn = 1;
        if (token.selfClosing) row = null;
      } else if (token.name === 'c' && row) {
        const column = token.attrs.r ? columnOf(token.attrs.r) : nextColumn;
        nextColumn = column + 1;
        cell = { column, type: token.attrs.t, style: Number(token.attrs.s ?? 0), value: '' };
        if (token.selfClosing) cell = null;
      } else if (token.name === 'v' && cell) inValue = !token.selfClosing;
      else if (token.name === 'is' && cell) inInline = true;
      else if (token.name === 'rPh') inPhonetic = true;
      else if (token.name === 't' && inInline && !inPhonetic) inValue = !token.selfClosing;
    } else if (token.kind === 'text') {
      if (inValue && cell) cell.value += token.text;
    } else if (token.name === 'v' || token.name === 't') inValue = false;
    else if (token.name === 'is') inInline = false;
    else if (token.name === 'rPh') inPhonetic = false;
    else if (token.name === 'c' && cell && row) {
      row.cells[cell.column - 1] = cellText(cell.type, cell.style, cell.value, ctx);
      cell = null;
    } else if (token.name === 'row' && row) {
      width = Math.max(width, row.cells.length);
      rows.push(row);
      row = null;
    }
  }
  const builder = new TableBuilder({
    decimalComma: false,
    typeOverrides: options.typeOverrides,
    expectedRows: rows.length,
    unit: 'row',
  });
  let headerDone = false;
  const cellsOf = (r: (typeof rows)[number]) => Array.from({ length: width }, (_, i) => r.cells[i] ?? '');
  let title = preambleLength(rows.slice(0, 80).map(cellsOf));
  const titles: string[] = [];
  for (const r of rows) {
    const fields = cellsOf(r);
    while (fields.length > 0 && fields[fields.length - 1] === '' && !headerDone) fields.pop();
    if (fields.every((f) => f.trim() === '')) continue;
    if (title > 0) {
      title--;
      titles.push(rowText(fields));
      continue;
    }
    if (!headerDone) {
      headerDone = true;
      builder.setHeader(fields);
      continue;
    }
    builder.addRow(fields, r.number);
  }
  if (!headerDone) throw new DataError(`The sheet '${sheet}' is empty. Choose another sheet.`);
  if (builder.rowCount === 0) {
    throw new DataError(`The sheet '${sheet}' has a header row but no data rows. Choose another sheet.`, { line: 1 });
  }
  const built = builder.finish();
  if (titles.length === 0) return built;
  const note: DataProblem = { severity: 'info', message: preambleNote(titles, 'row') };
  return { ...built, problems: [note, ...built.problems] };
}

/** Reads the chosen sheet (the first by default). `sizeBytes` is the file's size, for progress. */
export async function readXlsx(path: string, options: LoadOptions, sizeBytes = 0): Promise<XlsxResult> {
  options.signal?.throwIfAborted();
  let bytes: Uint8Array;
  try {
    bytes = await readUserFile(path, { what: 'workbook', maxBytes: MAX_XLSX_FILE_BYTES });
  } catch (e) {
    if (e instanceof UserFileError) throw new DataError(e.message);
    throw e;
  }
  const meta = unzipParts(
    bytes,
    (n) =>
      n === '_rels/.rels' || /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|sharedStrings\.xml|styles\.xml)$/.test(n),
  );
  let refs: SheetRef[];
  let date1904: boolean;
  try {
    ({ sheets: refs, date1904 } = workbookSheets(
      text(meta, 'xl/workbook.xml'),
      text(meta, 'xl/_rels/workbook.xml.rels'),
    ));
  } catch (e) {
    throw unreadable(e instanceof Error ? e.message : String(e));
  }
  const sheets = refs.map((r) => r.name);
  if (sheets.length === 0) throw new DataError('This workbook has no sheets.');
  const wanted = options.sheet ?? sheets[0];
  const ref = refs.find((r) => r.name === wanted);
  if (!ref) {
    throw new DataError(`This workbook has no sheet named '${wanted}'. Its sheets are: ${sheets.join(', ')}.`);
  }
  const sheetXml = text(
    unzipParts(bytes, (n) => n === ref.path),
    ref.path,
  );
  if (sheetXml === null) throw unreadable(`the sheet '${wanted}' is missing from the file`);
  options.onProgress?.(0.2, Math.round(sizeBytes * 0.2));
  options.signal?.throwIfAborted();
  let ctx: SheetContext;
  try {
    ctx = {
      strings: sharedStrings(text(meta, 'xl/sharedStrings.xml')),
      dates: dateStyles(text(meta, 'xl/styles.xml')),
      date1904,
    };
  } catch (e) {
    throw unreadable(e instanceof Error ? e.message : String(e));
  }
  let built: BuiltTable;
  try {
    built = await readRows(sheetXml, ctx, wanted, options, sizeBytes);
  } catch (e) {
    if (e instanceof DataError || (e as Error).name === 'AbortError') throw e;
    throw unreadable(e instanceof Error ? e.message : String(e));
  }
  options.onProgress?.(1, sizeBytes);
  return { ...built, sheets, sheet: wanted };
}

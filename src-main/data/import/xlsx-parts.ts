/**
 * The parts of a workbook around its sheets: which sheets exist and where (workbook.xml and its
 * relationships), the shared string table, and which cell styles are dates (styles.xml).
 */
import { scanXml } from './xml-scan';

export interface SheetRef {
  name: string;
  /** Entry name inside the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

/** Resolves a relationship target against the workbook's folder (xl/). */
function entryPath(target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `xl/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The sheets in workbook order, and whether dates count from 1904 (old Mac workbooks). */
export function workbookSheets(
  workbook: string | null,
  rels: string | null,
): { sheets: SheetRef[]; date1904: boolean } {
  if (workbook === null) throw new Error('it has no workbook part');
  const targets = new Map<string, string>();
  for (const t of scanXml(rels ?? '')) {
    if (t.kind === 'open' && t.name === 'Relationship' && t.attrs.Id && t.attrs.Target) {
      targets.set(t.attrs.Id, entryPath(t.attrs.Target));
    }
  }
  const sheets: SheetRef[] = [];
  let date1904 = false;
  for (const t of scanXml(workbook)) {
    if (t.kind !== 'open') continue;
    if (t.name === 'workbookPr') date1904 = t.attrs.date1904 === '1' || t.attrs.date1904 === 'true';
    if (t.name !== 'sheet') continue;
    const id = t.attrs['r:id'] ?? Object.entries(t.attrs).find(([k]) => k.endsWith(':id'))?.[1];
    const path = id ? targets.get(id) : undefined;
    if (t.attrs.name && path) sheets.push({ name: t.attrs.name, path });
  }
  return { sheets, date1904 };
}

/** The shared strings, by index; rich text runs are joined, phonetic hints left out. */
export function sharedStrings(xml: string | null): string[] {
  const strings: string[] = [];
  if (xml === null) return strings;
  let current: string | null = null;
  let inText = false;
  let phonetic = false;
  for (const t of scanXml(xml)) {
    if (t.kind === 'open') {
      if (t.name === 'si') current = t.selfClosing ? (strings.push(''), null) : '';
      else if (t.name === 'rPh') phonetic = true;
      else if (t.name === 't') inText = !t.selfClosing && !phonetic;
    } else if (t.kind === 'text') {
      if (inText && current !== null) current += t.text;
    } else if (t.name === 't') inText = false;
    else if (t.name === 'rPh') phonetic = false;
    else if (t.name === 'si' && current !== null) {
      strings.push(current);
      current = null;
    }
  }
  return strings;
}

/** Built-in number formats that show dates or times. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

/** A custom format shows a date when, outside quotes, brackets and escapes, it has day, month, year or time parts. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Indices of the cell styles (cellXfs) that format their number as a date. */
export function dateStyles(xml: string | null): Set<number> {
  const dates = new Set<number>();
  if (xml === null) return dates;
  const custom = new Map<number, string>();
  let inCellXfs = false;
  let index = 0;
  for (const t of scanXml(xml)) {
    if (t.kind === 'open' && t.name === 'numFmt') custom.set(Number(t.attrs.numFmtId), t.attrs.formatCode ?? '');
    else if (t.kind === 'open' && t.name === 'cellXfs') inCellXfs = !t.selfClosing;
    else if (t.kind === 'close' && t.name === 'cellXfs') inCellXfs = false;
    else if (t.kind === 'open' && t.name === 'xf' && inCellXfs) {
      const id = Number(t.attrs.numFmtId ?? 0);
      const code = custom.get(id);
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(index);
      index++;
    }
  }
  return dates;
}

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 system is 1899-12-30 (Excel counts a 29 February 1900 that never was). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO text for a date serial; date-only when the time is midnight (most sheets hold plain dates). */
export function excelSerialToIso(serial: number, date1904: boolean): string {
  const ms = Math.round(((date1904 ? EPOCH_1904 : EPOCH_1900) + serial * DAY_MS) / 1000) * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) return date;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * Reads a JSON file of records into a Table through the same typing as text files: an array of
 * objects (`[{"date": "2020-01-01", "sales": 12}, …]`, as web services and vega-datasets write
 * them), JSON Lines (one object per line), an object holding one such array (`{"data": [...]}`),
 * or an object of equal-length columns (`{"date": [...], "sales": [...]}`). Keys become columns in
 * the order they first appear; values become cell texts (numbers as written, true/false, null as
 * missing), so a JSON file and its CSV export import alike. Nested objects and arrays are refused
 * by name: a table cannot hold them.
 */
import { readUserFile, UserFileError } from '../../storage/user-file';
import { DataError } from '../data-error';
import type { LoadOptions } from '../table';
import { type BuiltTable, TableBuilder } from './table-builder';

/** The largest JSON file read: it is parsed whole, which takes several times its size in memory. */
export const MAX_JSON_BYTES = 256 * 1024 * 1024;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonRecord = { [key: string]: Json };

const isRecord = (v: Json): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when the first non-space character of the text opens a JSON array or object. */
export function looksLikeJson(head: string): boolean {
  const first = head.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{';
}

function describe(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

/** The records of a parsed document, or a DataError saying what the document holds instead. */
function recordsOf(doc: Json): JsonRecord[] {
  if (Array.isArray(doc)) {
    const bad = doc.findIndex((r) => !isRecord(r));
    if (doc.length === 0) throw new DataError('This JSON file holds an empty list: there are no records to read.');
    if (bad >= 0)
      throw new DataError(
        `This JSON file is a list, but item ${bad + 1} is ${describe(doc[bad])}, not a record ({"name": value, …}). A table is read from a list of records.`,
      );
    return doc as JsonRecord[];
  }
  if (isRecord(doc)) {
    const entries = Object.entries(doc);
    const lists = entries.filter(([, v]) => Array.isArray(v) && v.length > 0) as [string, Json[]][];
    // {"data": [{…}, …]}: the one list of records inside.
    const recordLists = lists.filter(([, v]) => v.every(isRecord));
    if (recordLists.length === 1) return recordLists[0][1] as JsonRecord[];
    if (recordLists.length > 1)
      throw new DataError(
        `This JSON file holds several lists of records (${recordLists.map(([k]) => `'${k}'`).join(', ')}); save the one to use on its own.`,
      );
    // {"date": [...], "sales": [...]}: columns of equal length.
    if (lists.length === entries.length && lists.length >= 1 && new Set(lists.map(([, v]) => v.length)).size === 1) {
      const n = lists[0][1].length;
      return Array.from({ length: n }, (_, i) => Object.fromEntries(lists.map(([k, v]) => [k, v[i]])));
    }
    throw new DataError(
      'This JSON file holds an object, not a table: read as one, it needs a list of records ([{"name": value, …}, …]) or lists of equal length under each name.',
    );
  }
  throw new DataError(`This JSON file holds ${describe(doc)}, not a table of records.`);
}

/** JSON Lines: one record per non-empty line. */
function parseLines(text: string): JsonRecord[] {
  const records: JsonRecord[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let v: Json;
    try {
      v = JSON.parse(line) as Json;
    } catch (e) {
      throw new DataError(`Line ${i + 1} of this JSON Lines file is not valid JSON (${(e as Error).message}).`, {
        line: i + 1,
      });
    }
    if (!isRecord(v))
      throw new DataError(`Line ${i + 1} of this JSON Lines file holds ${describe(v)}, not a record.`, { line: i + 1 });
    records.push(v);
  }
  if (records.length === 0) throw new DataError('This JSON Lines file has no records.');
  return records;
}

function cellText(v: Json, key: string, row: number): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  throw new DataError(
    `Record ${row + 1} holds ${describe(v)} under '${key}': a table cell holds one value. Flatten the file (one column per value) or save it as CSV.`,
  );
}

/** Reads a JSON or JSON Lines file of records. */
export async function readJson(path: string, options: LoadOptions): Promise<BuiltTable> {
  options.signal?.throwIfAborted();
  let text: string;
  try {
    text = (await readUserFile(path, { what: 'JSON file', maxBytes: MAX_JSON_BYTES })).toString('utf8');
  } catch (e) {
    if (e instanceof UserFileError) throw new DataError(e.message);
    throw e;
  }
  text = text.replace(/^\uFEFF/, '');
  options.onProgress?.(0.3);
  let records: JsonRecord[];
  try {
    records = recordsOf(JSON.parse(text) as Json);
  } catch (e) {
    if (e instanceof DataError) throw e;
    // Not one document: JSON Lines, or broken JSON (said by the line reader).
    if (!text.trimStart().startsWith('{'))
      throw new DataError(`This JSON file is not valid JSON (${(e as Error).message}).`);
    records = parseLines(text);
  }
  options.signal?.throwIfAborted();
  const keys: string[] = [];
  const known = new Set<string>();
  for (const r of records) {
    for (const k of Object.keys(r)) {
      if (!known.has(k)) {
        known.add(k);
        keys.push(k);
      }
    }
  }
  const builder = new TableBuilder({
    decimalComma: false,
    typeOverrides: options.typeOverrides,
    expectedRows: records.length,
    unit: 'row',
  });
  builder.setHeader(keys);
  records.forEach((r, i) =>
    builder.addRow(
      keys.map((k) => cellText(r[k] ?? null, k, i)),
      i + 1,
    ),
  );
  options.onProgress?.(1);
  return builder.finish();
}

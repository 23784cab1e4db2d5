/**
 * Streams a delimited text file (CSV, TSV, ';' or '|' separated) into a Table. The first
 * 64 KiB decide encoding, delimiter and decimal convention; then the file is read in 1 MiB
 * chunks through papaparse's core parser, and each row goes straight into typed columns.
 */
import { open } from 'node:fs/promises';
import Papa from 'papaparse';
import type { DataProblem } from '../../shared/types';
import { DataError } from '../data-error';
import type { LoadOptions } from '../table';
import { type EncodingInfo, LATIN1, detectEncoding } from './encoding';
import { NotUtf8Error, readTextChunks } from './read-text-chunks';
import {
  type Delimiter,
  completeLines,
  delimiterLabel,
  detectDecimalComma,
  detectDelimiter,
  detectNewline,
  looksLikeData,
} from './sniff';
import { type BuiltTable, TableBuilder } from './table-builder';

export interface DelimitedResult extends BuiltTable {
  encoding: string;
  delimiter: Delimiter;
  decimalComma: boolean;
}

const HEAD_BYTES = 64 * 1024;
/** A quoted field longer than this is an unclosed quote, not data. */
const MAX_PENDING_CHARS = 32 * 1024 * 1024;

interface ParseResult {
  data: string[][];
  errors: { code: string; row?: number; message: string }[];
  meta: { cursor: number };
}

export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function readDelimited(path: string, sizeBytes: number, options: LoadOptions): Promise<DelimitedResult> {
  const head = await readHead(path);
  const whole = head.length >= sizeBytes;
  const encoding = detectEncoding(head, whole);
  try {
    return await parseWith(path, sizeBytes, head, whole, encoding, options, []);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    // Valid UTF-8 at the start, not further on: an old single-byte export.
    const note: DataProblem = {
      severity: 'info',
      message: 'The file is not valid UTF-8 throughout; it was read as Latin-1 (Windows-1252).',
    };
    return parseWith(path, sizeBytes, head, whole, LATIN1, options, [note]);
  }
}

function sampleText(head: Uint8Array, encoding: EncodingInfo): string {
  // Non-fatal decode: a cut multi-byte sequence at the end of the sample must not fail here.
  return new TextDecoder(encoding.decoder).decode(head);
}

async function parseWith(
  path: string,
  sizeBytes: number,
  head: Uint8Array,
  whole: boolean,
  encoding: EncodingInfo,
  options: LoadOptions,
  notes: DataProblem[],
): Promise<DelimitedResult> {
  const raw = sampleText(head, encoding);
  if (raw.trim() === '') throw new DataError('The file is empty: it has no header line and no data.');
  const newline = detectNewline(raw);
  const sample = completeLines(raw, whole, newline);
  const delimiter = detectDelimiter(sample, newline);
  const decimalComma = detectDecimalComma(sample, delimiter, newline);
  const lines = Math.max(1, sample.split(newline).length);
  const expectedRows = Math.ceil((sizeBytes / Math.max(1, head.length)) * lines * 1.05);

  const builder = new TableBuilder({
    decimalComma,
    typeOverrides: options.typeOverrides,
    expectedRows,
    unit: 'line',
    delimiterLabel: delimiterLabel(delimiter),
  });
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  const newlineChar = newline === '\r' ? '\r' : '\n';
  let line = 1;
  let headerDone = false;
  let pending = '';
  let quoteIssue: { line: number } | null = null;

  const takeRows = (res: ParseResult, mayHoldNewlines: boolean): void => {
    for (const row of res.data) {
      const at = line;
      line++;
      if (mayHoldNewlines) {
        for (const f of row) {
          if (f.indexOf(newlineChar) === -1) continue;
          for (let i = 0; i < f.length; i++) if (f[i] === newlineChar) line++;
        }
      }
      if (row.length === 1 && row[0].trim() === '') continue;
      if (!headerDone) {
        headerDone = true;
        if (looksLikeData(row, decimalComma)) {
          builder.setHeader(row.map((_, i) => `column ${i + 1}`));
          notes.push({
            severity: 'info',
            message: `Line ${at} holds only numbers or dates, so the file has no header line; the columns are named 'column 1' to 'column ${row.length}'.`,
            line: at,
          });
          builder.addRow(row, at);
        } else {
          builder.setHeader(row);
        }
        continue;
      }
      builder.addRow(row, at);
    }
    for (const err of res.errors) {
      if (!quoteIssue && (err.code === 'MissingQuotes' || err.code === 'InvalidQuotes')) quoteIssue = { line };
    }
  };

  const width = (): number => builder.columnNames.length;
  let bounds = new Int32Array(0);
  /**
   * Quote-free text of whole lines, from `start` to the line break ending at `end`: split in
   * place with indexOf (native search, far faster than a character loop), no per-row arrays.
   */
  const takeLines = (text: string, start: number, end: number): void => {
    const max = width() + 1;
    if (bounds.length < 2 * max) bounds = new Int32Array(2 * max);
    const crlf = newline === '\r\n';
    let lineStart = start;
    while (lineStart <= end) {
      let stop = text.indexOf(newline === '\r' ? '\r' : '\n', lineStart);
      if (stop === -1 || stop > end) stop = end + 1;
      const next = stop + 1;
      if (crlf && stop > lineStart && text.charCodeAt(stop - 1) === 13) stop--;
      const at = line;
      line++;
      let fields = 0;
      let from = lineStart;
      let overflow = false;
      for (;;) {
        let d = text.indexOf(delimiter, from);
        if (d === -1 || d > stop) d = stop;
        if (fields === max) {
          overflow = true;
          break;
        }
        bounds[2 * fields] = from;
        bounds[2 * fields + 1] = d;
        fields++;
        if (d === stop) break;
        from = d + 1;
      }
      if (overflow) {
        // More fields than columns: the general path reports or skips the row.
        builder.addRow(text.slice(lineStart, stop).split(delimiter), at);
      } else if (!(fields === 1 && text.slice(lineStart, stop).trim() === '')) {
        builder.addSpans(text, bounds, fields, at);
      }
      lineStart = next;
    }
  };

  for await (const chunk of readTextChunks(path, {
    decoder: encoding.decoder,
    sizeBytes,
    signal: options.signal,
    onProgress: options.onProgress,
  })) {
    if (headerDone && builder.ready && chunk.indexOf('"') === -1 && pending.indexOf('"') === -1) {
      const lineEnd = newline === '\r' ? '\r' : '\n';
      const first = chunk.indexOf(lineEnd);
      if (first === -1) {
        pending += chunk;
        continue;
      }
      // The carried-over partial line ends at the chunk's first line break; the rest of the
      // chunk is scanned as it came from the decoder (a flat string: fast searching).
      let head = pending + chunk.slice(0, first);
      if (newline === '\r\n' && head.endsWith('\r')) head = head.slice(0, -1);
      const at = line++;
      if (head.trim() !== '') builder.addRow(head.split(delimiter), at);
      const last = chunk.lastIndexOf(lineEnd);
      if (last > first) takeLines(chunk, first + 1, last);
      pending = chunk.substring(last + 1);
      continue;
    }
    const text = pending + chunk;
    const res = parser.parse(text, 0, true) as ParseResult;
    pending = text.substring(res.meta.cursor);
    if (pending.length > MAX_PENDING_CHARS) {
      throw new DataError(
        `A quoted field starting near line ${line} never closes (no matching '"'). Check the quotes on that line.`,
        { line },
      );
    }
    takeRows(res, text.indexOf('"') !== -1);
  }
  if (pending) {
    const res = parser.parse(pending, 0, false) as ParseResult;
    if (res.errors.some((e) => e.code === 'MissingQuotes')) {
      throw new DataError(
        `The quoted field starting on line ${line} never closes (no matching '"'). Check the quotes on that line.`,
        { line },
      );
    }
    takeRows(res, pending.indexOf('"') !== -1);
  }
  options.onProgress?.(1);

  if (!headerDone) throw new DataError('The file is empty: it has no header line and no data.');
  if (builder.rowCount === 0) {
    throw new DataError(
      'The file has a header line but no data rows. Add data below the header or choose another file.',
      {
        line: 1,
      },
    );
  }
  const built = builder.finish();
  if (quoteIssue) {
    notes.push({
      severity: 'warning',
      message: `Misplaced double quotes near line ${(quoteIssue as { line: number }).line}: check that quoted values are closed and that quotes inside them are doubled ("").`,
    });
  }
  return {
    ...built,
    problems: [...notes, ...built.problems],
    encoding: encoding.label,
    delimiter,
    decimalComma,
  };
}

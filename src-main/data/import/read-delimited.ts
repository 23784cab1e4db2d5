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
  NO_QUOTE,
  headerlessReason,
  quotesAreLiteral,
  looksLikeData,
} from './sniff';
import { type BuiltTable, TableBuilder } from './table-builder';
import { preambleLength, preambleNote, rowText } from './table-preamble';

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
  const literalQuotes = quotesAreLiteral(sample, delimiter, newline);
  const quoteChar = literalQuotes ? NO_QUOTE : '"';
  const builder = new TableBuilder({
    decimalComma,
    typeOverrides: options.typeOverrides,
    expectedRows: Math.ceil((sizeBytes / Math.max(1, head.length)) * lines * 1.05),
    unit: 'line',
    delimiterLabel: delimiterLabel(delimiter),
  });
  const rows = new DelimitedRows(
    builder,
    delimiter,
    newline,
    decimalComma,
    notes,
    headerlessReason(sample, delimiter, newline, quoteChar),
    titleRows(sample, delimiter, newline, quoteChar),
    literalQuotes,
  );
  for await (const chunk of readTextChunks(path, {
    decoder: encoding.decoder,
    sizeBytes,
    signal: options.signal,
    onProgress: options.onProgress,
  })) {
    rows.feed(chunk);
  }
  rows.end();
  options.onProgress?.(1);

  if (!rows.headerDone) throw new DataError('The file is empty: it has no header line and no data.');
  if (builder.rowCount === 0) {
    throw new DataError(
      'The file has a header line but no data rows. Add data below the header or choose another file.',
      {
        line: 1,
      },
    );
  }
  const built = builder.finish();
  if (rows.titles.length > 0) notes.unshift({ severity: 'info', message: preambleNote(rows.titles, 'line') });
  if (literalQuotes) {
    notes.push({
      severity: 'info',
      message:
        'Double quotes are read as part of the texts: this tab-separated file does not put quotes around its fields, so each line is one row.',
    });
  }
  if (rows.quoteIssue) {
    notes.push({
      severity: 'warning',
      message: `Misplaced double quotes near line ${rows.quoteIssue.line}: check that quoted values are closed and that quotes inside them are doubled ("").`,
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

/** How many of the sample's first non-blank rows are a title above the header (table-preamble.ts). */
function titleRows(
  sample: string,
  delimiter: Delimiter,
  newline: ReturnType<typeof detectNewline>,
  quoteChar: string,
): number {
  const first = Papa.parse<string[]>(sample, { delimiter, newline, quoteChar, preview: 80 }).data;
  return preambleLength(first);
}

/**
 * Turns decoded chunks into table rows. Chunks without quotes take a fast path that splits
 * whole lines in place; anything quoted goes through papaparse, which keeps a partial quoted
 * field across chunks. Line numbers count physical lines, for messages that point at them.
 */
class DelimitedRows {
  headerDone = false;
  quoteIssue: { line: number } | null = null;
  /** The title rows left out above the header, as the note quotes them. */
  readonly titles: string[] = [];
  private line = 1;
  private pending = '';
  private bounds = new Int32Array(0);
  private readonly parser: InstanceType<typeof Papa.Parser>;
  private readonly newlineChar: string;

  constructor(
    private readonly builder: TableBuilder,
    private readonly delimiter: Delimiter,
    private readonly newline: ReturnType<typeof detectNewline>,
    private readonly decimalComma: boolean,
    private readonly notes: DataProblem[],
    /** Why the first line is data though it holds words (sentence pairs without a header); null when it may be a header. */
    private readonly headerless: string | null,
    /** Non-blank rows above the header that are a title, to leave out. */
    private titleRows = 0,
    /** Double quotes are text, never around fields (quotesAreLiteral): every line is one row. */
    private readonly literalQuotes = false,
  ) {
    this.parser = new Papa.Parser({ delimiter, newline, quoteChar: literalQuotes ? NO_QUOTE : '"' });
    this.newlineChar = newline === '\r' ? '\r' : '\n';
  }

  /** Takes the next decoded chunk of the file. */
  feed(chunk: string): void {
    const unquoted = this.literalQuotes || (chunk.indexOf('"') === -1 && this.pending.indexOf('"') === -1);
    if (this.headerDone && this.builder.ready && unquoted) {
      this.feedPlain(chunk);
      return;
    }
    const text = this.pending + chunk;
    const res = this.parser.parse(text, 0, true) as ParseResult;
    this.pending = text.substring(res.meta.cursor);
    if (this.pending.length > MAX_PENDING_CHARS) {
      throw new DataError(
        `A quoted field starting near line ${this.line} never closes (no matching '"'). Check the quotes on that line.`,
        { line: this.line },
      );
    }
    this.takeRows(res, !this.literalQuotes && text.indexOf('"') !== -1);
  }

  /** Takes what is left after the last chunk. */
  end(): void {
    if (!this.pending) return;
    const res = this.parser.parse(this.pending, 0, false) as ParseResult;
    if (res.errors.some((e) => e.code === 'MissingQuotes')) {
      throw new DataError(
        `The quoted field starting on line ${this.line} never closes (no matching '"'). Check the quotes on that line.`,
        { line: this.line },
      );
    }
    this.takeRows(res, !this.literalQuotes && this.pending.indexOf('"') !== -1);
  }

  /** A chunk without quotes: whole lines are split in place. */
  private feedPlain(chunk: string): void {
    const first = chunk.indexOf(this.newlineChar);
    if (first === -1) {
      this.pending += chunk;
      return;
    }
    // The carried-over partial line ends at the chunk's first line break; the rest of the
    // chunk is scanned as it came from the decoder (a flat string: fast searching).
    let head = this.pending + chunk.slice(0, first);
    if (this.newline === '\r\n' && head.endsWith('\r')) head = head.slice(0, -1);
    const at = this.line++;
    if (head.trim() !== '') this.builder.addRow(head.split(this.delimiter), at);
    const last = chunk.lastIndexOf(this.newlineChar);
    if (last > first) this.takeLines(chunk, first + 1, last);
    this.pending = chunk.substring(last + 1);
  }

  /** Rows papaparse produced; the first non-empty one is the header, or data when it looks like data. */
  private takeRows(res: ParseResult, mayHoldNewlines: boolean): void {
    for (const row of res.data) {
      const at = this.line;
      this.line++;
      if (mayHoldNewlines) {
        for (const f of row) {
          if (f.indexOf(this.newlineChar) === -1) continue;
          for (let i = 0; i < f.length; i++) if (f[i] === this.newlineChar) this.line++;
        }
      }
      if (row.length === 1 && row[0].trim() === '') continue;
      if (!this.headerDone && this.titleRows > 0) {
        this.titleRows--;
        this.titles.push(rowText(row));
        continue;
      }
      if (this.headerDone) this.builder.addRow(row, at);
      else this.takeHeader(row, at);
    }
    for (const err of res.errors) {
      if (!this.quoteIssue && (err.code === 'MissingQuotes' || err.code === 'InvalidQuotes')) {
        this.quoteIssue = { line: this.line };
      }
    }
  }

  private takeHeader(row: string[], at: number): void {
    this.headerDone = true;
    const numbers = looksLikeData(row, this.decimalComma);
    if (!numbers && this.headerless === null) {
      // '#x, y' marks the header as a comment line in many instrument exports; '#' is not part of the name.
      this.builder.setHeader(row.map((name, i) => (i === 0 ? name.replace(/^\s*#\s*(?=\S)/, '') : name)));
      return;
    }
    this.builder.setHeader(row.map((_, i) => `column ${i + 1}`));
    this.notes.push({
      severity: 'info',
      message: `Line ${at} ${numbers ? 'holds values (numbers or dates, and at most one label beside them)' : `is data, not column names (${this.headerless})`}, so the file has no header line; the columns are named 'column 1' to 'column ${row.length}'.`,
      line: at,
    });
    this.builder.addRow(row, at);
  }

  /**
   * Quote-free text of whole lines, from `start` to the line break ending at `end`: split in
   * place with indexOf (native search, far faster than a character loop), no per-row arrays.
   */
  private takeLines(text: string, start: number, end: number): void {
    const max = this.builder.columnNames.length + 1;
    if (this.bounds.length < 2 * max) this.bounds = new Int32Array(2 * max);
    const bounds = this.bounds;
    const delimiter = this.delimiter;
    const crlf = this.newline === '\r\n';
    let lineStart = start;
    while (lineStart <= end) {
      let stop = text.indexOf(this.newlineChar, lineStart);
      if (stop === -1 || stop > end) stop = end + 1;
      const next = stop + 1;
      if (crlf && stop > lineStart && text.charCodeAt(stop - 1) === 13) stop--;
      const at = this.line;
      this.line++;
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
        this.builder.addRow(text.slice(lineStart, stop).split(delimiter), at);
      } else if (!(fields === 1 && text.slice(lineStart, stop).trim() === '')) {
        this.builder.addSpans(text, bounds, fields, at);
      }
      lineStart = next;
    }
  }
}

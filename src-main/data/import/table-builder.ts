/**
 * Assembles a Table from rows of cell texts, whatever file format they came from. The first
 * rows are held back to decide column types; after that every row goes straight into typed
 * column arrays. Ragged rows: short rows are padded with missing values (warning); rows with
 * extra non-empty fields are skipped (warning), and too many of them stop the import.
 */
import type { ColumnType, DataProblem } from '../../shared/types';
import { DataError } from '../data-error';
import type { Table, TableColumn } from '../table';
import { type ColumnBuilder, DateBuilder, NumericBuilder, StringBuilder } from './column-builder';
import { ANY_DATE, type DateFormat, detectDateFormat } from './datetime';
import { inferType, stringKind } from './infer-type';
import { parseNumber, parseNumberDecimalComma } from './values';
import { isSummaryText, quoteRows } from './table-preamble';

export interface BuiltColumnInfo {
  name: string;
  type: ColumnType;
  detectedType: ColumnType;
  format: string | undefined;
}

export interface BuiltTable {
  table: Table;
  info: BuiltColumnInfo[];
  problems: DataProblem[];
}

export interface TableBuilderOptions {
  decimalComma: boolean;
  typeOverrides?: Record<string, ColumnType>;
  /** Estimated data rows, to size column arrays once. */
  expectedRows?: number;
  /** How the source names a position: "line" for text files, "row" for sheets. */
  unit?: 'line' | 'row';
  /** Shown in ragged-row messages, e.g. "';'". */
  delimiterLabel?: string;
  sampleRows?: number;
}

interface Pending {
  fields: string[];
  line: number;
}

/** Most skipped long rows tolerated before the import stops, besides 1% of the rows. */
const LONG_ROW_TOLERANCE = 3;
/** Most rows below a table read as its total or notes. */
const MAX_FOOTER_ROWS = 5;

export class TableBuilder {
  private names: string[] = [];
  private builders: ColumnBuilder[] | null = null;
  private numericBuilders: (NumericBuilder | null)[] | null = null;
  private detected: { type: ColumnType | null; format: DateFormat | null }[] = [];
  private pending: Pending[] = [];
  private readonly problems: DataProblem[] = [];
  private readonly sampleRows: number;
  private rows = 0;
  private shortRows = 0;
  private firstShort: { line: number; count: number; row: number } | null = null;
  /** Rows (0-based) of the latest short rows, so a footer's short rows can be taken back. */
  private recentShort: number[] = [];
  private ended = false;
  private longRows = 0;
  private firstLong: { line: number; count: number } | null = null;

  constructor(private readonly opts: TableBuilderOptions) {
    this.sampleRows = opts.sampleRows ?? 1000;
  }

  get rowCount(): number {
    return this.rows;
  }

  get columnNames(): readonly string[] {
    return this.names;
  }

  /** Sets column names: blanks become "column N", repeats get a suffix (both reported). */
  setHeader(raw: string[]): void {
    const seen = new Map<string, number>();
    this.names = raw.map((r, i) => {
      let name = r.trim();
      if (!name) {
        name = `column ${i + 1}`;
      }
      const n = seen.get(name) ?? 0;
      seen.set(name, n + 1);
      if (n > 0) {
        const renamed = `${name}_${n + 1}`;
        this.problems.push({
          severity: 'info',
          message: `The header names the column '${name}' more than once; the repeat is called '${renamed}'.`,
          column: renamed,
        });
        return renamed;
      }
      return name;
    });
  }

  /** Adds one data row; `line` is where it starts in the file (1-based), for messages. */
  addRow(fields: string[], line: number): void {
    const width = this.names.length;
    if (fields.length !== width) {
      if (fields.length > width) {
        let extra = false;
        for (let i = width; i < fields.length; i++) if (fields[i].trim() !== '') extra = true;
        // Trailing empty fields (a delimiter at the end of the line) lose nothing.
        if (extra) {
          this.longRows++;
          if (!this.firstLong) this.firstLong = { line, count: fields.length };
          if (this.longRows > LONG_ROW_TOLERANCE && this.longRows > this.rows * 0.01) throw this.longRowError();
          return;
        }
      } else {
        this.shortRows++;
        if (!this.firstShort) this.firstShort = { line, count: fields.length, row: this.rows };
        this.recentShort.push(this.rows);
        if (this.recentShort.length > MAX_FOOTER_ROWS) this.recentShort.shift();
      }
    }
    this.rows++;
    if (this.builders) {
      const b = this.builders;
      for (let c = 0; c < width; c++) b[c].push(fields[c], line);
      return;
    }
    this.pending.push({ fields, line });
    if (this.pending.length >= this.sampleRows) this.decideTypes();
  }

  /** True once column types are decided and rows go straight into typed columns. */
  get ready(): boolean {
    return this.builders !== null;
  }

  /**
   * Adds one row given as field boundaries in `text` ([from0, to0, from1, to1, …]) when the
   * row has exactly one field per column; other rows take the general path through addRow.
   */
  addSpans(text: string, bounds: Int32Array, fields: number, line: number): void {
    const b = this.builders;
    if (!b || fields !== this.names.length) {
      const row: string[] = [];
      for (let f = 0; f < fields; f++) row.push(text.slice(bounds[2 * f], bounds[2 * f + 1]));
      this.addRow(row, line);
      return;
    }
    this.rows++;
    const numeric = this.numericBuilders!;
    for (let c = 0; c < fields; c++) {
      // One call site per builder class keeps each site monomorphic, so the JIT inlines it.
      const n = numeric[c];
      if (n !== null) n.pushSpan(text, bounds[2 * c], bounds[2 * c + 1], line);
      else b[c].pushSpan(text, bounds[2 * c], bounds[2 * c + 1], line);
    }
  }

  private longRowError(): DataError {
    const unit = this.opts.unit ?? 'line';
    const first = this.firstLong!;
    const d = this.opts.delimiterLabel ? ` is ${this.opts.delimiterLabel}` : '';
    return new DataError(
      `${cap(unit)} ${first.line} has ${first.count} fields but the header has ${this.names.length}, and ${this.longRows} ${unit}s are like this. ` +
        `Check that the delimiter${d} and that values containing it are in double quotes.`,
      { line: first.line },
    );
  }

  private decideTypes(): void {
    const width = this.names.length;
    const overrides = this.opts.typeOverrides ?? {};
    const expected = Math.max(this.opts.expectedRows ?? 0, this.pending.length) + 16;
    // When the whole table is in the sample, rows that may be its footer do not vote on the types.
    const voters = this.pending.slice(
      0,
      this.pending.length - (this.builders === null && this.ended ? this.footerLike() : 0),
    );
    this.detected = this.names.map((name, c) => {
      const samples: string[] = [];
      for (const p of voters) {
        const v = p.fields[c];
        if (v !== undefined) samples.push(v);
      }
      return inferType(name, c, samples, this.opts.decimalComma);
    });
    this.builders = this.names.map((name, c) => {
      const d = this.detected[c];
      const wanted = overrides[name] ?? d.type;
      switch (wanted) {
        case 'numeric':
          return new NumericBuilder(
            expected,
            this.opts.decimalComma ? parseNumberDecimalComma : parseNumber,
            this.opts.decimalComma,
          );
        case 'datetime': {
          const samples = this.pending.map((p) => p.fields[c]).filter((v): v is string => v !== undefined);
          const format = d.format ?? detectDateFormat(samples, true, this.opts.decimalComma) ?? ANY_DATE;
          return new DateBuilder(expected, format);
        }
        case 'categorical':
        case 'text':
          return new StringBuilder(wanted);
        default:
          // Every sampled cell was empty: keep the strings and decide once the whole column is in.
          return new StringBuilder('categorical');
      }
    });
    this.numericBuilders = this.builders.map((b) => (b instanceof NumericBuilder ? b : null));
    for (const p of this.pending) {
      for (let c = 0; c < width; c++) this.builders[c].push(p.fields[c], p.line);
    }
    this.pending = [];
  }

  /**
   * Leaves out the rows below the table, at most MAX_FOOTER_ROWS and never the table's only rows:
   * trailing rows with nothing filled but their first cell (a source or a note), when that cell is
   * a word in a column of numbers or times or the table has three columns or more; and trailing
   * rows whose first column, numbers or times everywhere else, starts like a total ('Total',
   * 'Summe', 'Average', …). Returns the note, or null when there is none.
   */
  private dropFooter(builders: ColumnBuilder[]): DataProblem | null {
    const key = builders[0];
    if (!key) return null;
    const typed = key.type === 'numeric' || key.type === 'datetime';
    const texts: string[] = [];
    for (let row = this.rows - 1; row >= Math.max(2, this.rows - MAX_FOOTER_ROWS); row--) {
      const text = key.wordAt(row);
      if (text === null) break;
      const alone = builders.every((b, c) => c === 0 || b.isMissing(row));
      if (!(alone && (typed || builders.length >= 3)) && !(typed && isSummaryText(text))) break;
      texts.unshift(text);
    }
    if (texts.length === 0) return null;
    const kept = this.rows - texts.length;
    for (const b of builders) b.truncate(kept);
    const short = this.recentShort.filter((row) => row >= kept).length;
    this.shortRows -= short;
    if (this.firstShort && this.firstShort.row >= kept) this.firstShort = null;
    this.rows = kept;
    const unit = this.opts.unit ?? 'line';
    const n = texts.length;
    return {
      severity: 'info',
      message: `The last ${n === 1 ? unit : `${n} ${unit}s`} (${quoteRows(texts)}) ${n === 1 ? 'is' : 'are'} a total or a note below the table, not data; ${n === 1 ? 'it was' : 'they were'} left out.`,
    };
  }

  /** Trailing sampled rows that may be a total or notes (see dropFooter), before types are decided. */
  private footerLike(): number {
    let n = 0;
    const limit = Math.min(MAX_FOOTER_ROWS, this.pending.length - 2);
    while (n < limit) {
      const fields = this.pending[this.pending.length - 1 - n].fields;
      const first = fields[0]?.trim() ?? '';
      const alone = fields.every((f, c) => c === 0 || f.trim() === '');
      if (first === '' || !(isSummaryText(first) || (alone && this.names.length > 1))) break;
      n++;
    }
    return n;
  }

  /** Ends the import: builds columns and the list of problems. */
  finish(): BuiltTable {
    this.ended = true;
    if (!this.builders) this.decideTypes();
    const builders = this.builders!;
    const unit = this.opts.unit ?? 'line';
    const footer = this.dropFooter(builders);
    if (footer) this.problems.push(footer);
    if (this.longRows > LONG_ROW_TOLERANCE && this.longRows > this.rows * 0.01) throw this.longRowError();
    if (this.firstLong) {
      this.problems.push({
        severity: 'warning',
        message:
          `${cap(unit)} ${this.firstLong.line} has ${this.firstLong.count} fields but the header has ${this.names.length}; ` +
          `${this.longRows} such ${plural(unit, this.longRows)} ${this.longRows === 1 ? 'was' : 'were'} skipped. Quote values that contain the delimiter.`,
        line: this.firstLong.line,
      });
    }
    if (this.firstShort) {
      this.problems.push({
        severity: 'warning',
        message:
          `${cap(unit)} ${this.firstShort.line} has ${this.firstShort.count} ${plural('field', this.firstShort.count)} but the header has ${this.names.length}; ` +
          `the missing fields of ${this.shortRows} short ${plural(unit, this.shortRows)} are treated as missing values.`,
        line: this.firstShort.line,
      });
    }
    const overrides = this.opts.typeOverrides ?? {};
    const columns: TableColumn[] = [];
    const info: BuiltColumnInfo[] = [];
    builders.forEach((b, c) => {
      const name = this.names[c];
      let col = b.finish(name);
      let detectedType: ColumnType = this.detected[c].type ?? 'numeric';
      let format = this.detected[c].format?.name;
      if (this.detected[c].type === null && !overrides[name] && col.type === 'categorical') {
        const late = retype(col.values, name, c, this.opts.decimalComma);
        col = late.column;
        detectedType = col.type;
        format = late.format;
        if (late.bad > 0) {
          this.problems.push({
            severity: 'warning',
            message: `Column '${name}': ${late.bad} values are not ${col.type === 'numeric' ? 'numbers' : 'dates'}; they are treated as missing. If the column is not ${col.type}, change its type.`,
            column: name,
          });
        }
      }
      if (b instanceof DateBuilder) format = b.format.name;
      if (b.badCount > 0 && b.firstBad) {
        const one = b.badCount === 1;
        const what =
          b.type === 'numeric' ? (one ? 'a number' : 'numbers') : `${one ? 'a date' : 'dates'} (format: ${format})`;
        this.problems.push({
          severity: 'warning',
          message:
            `Column '${name}': ${b.badCount} ${b.badCount === 1 ? 'value is' : 'values are'} not ${what}, first at ${unit} ${b.firstBad.line} ('${b.firstBad.value}'). ` +
            `${one ? 'It is' : 'They are'} treated as missing; if the column is not ${b.type}, change its type.`,
          line: b.firstBad.line,
          column: name,
        });
      }
      columns.push(col);
      info.push({ name, type: col.type, detectedType, format: col.type === 'datetime' ? format : undefined });
    });
    return { table: { columns, rowCount: this.rows }, info, problems: this.problems };
  }
}

/** A column whose first rows were all empty, typed from all its values at the end. */
function retype(
  values: (string | null)[],
  name: string,
  index: number,
  decimalComma: boolean,
): { column: TableColumn; format: string | undefined; bad: number } {
  const present: string[] = [];
  for (const v of values) if (v !== null) present.push(v);
  if (present.length === 0) {
    return {
      column: { name, type: 'numeric', values: new Float64Array(values.length).fill(NaN) },
      format: undefined,
      bad: 0,
    };
  }
  const sample = present.length > 2000 ? present.slice(0, 2000) : present;
  const t = inferType(name, index, sample, decimalComma);
  if (t.type === 'numeric' || t.type === 'datetime') {
    const parse =
      t.type === 'datetime' && t.format ? t.format.parse : decimalComma ? parseNumberDecimalComma : parseNumber;
    const out = new Float64Array(values.length);
    let bad = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      out[i] = v === null ? NaN : parse(v);
      if (v !== null && Number.isNaN(out[i])) bad++;
    }
    return { column: { name, type: t.type, values: out }, format: t.format?.name, bad };
  }
  return { column: { name, type: stringKind(present), values }, format: undefined, bad: 0 };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function plural(word: string, n: number): string {
  return n === 1 ? word : `${word}s`;
}

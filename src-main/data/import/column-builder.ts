/**
 * Per-column accumulators filled row by row while a file streams in. Numeric and datetime
 * columns go straight into growable Float64Arrays (no per-cell strings are kept); cells that
 * do not parse become NaN and are counted, with the first one remembered for the warning.
 */
import type { ColumnType } from '../../shared/types';
import type { TableColumn } from '../table';
import { type DateFormat, ISO_DATE } from './datetime';
import { spanDecimal, spanIsoDate } from './span-parse';
import { isMissingToken } from './values';

/** The first cell of a column that did not read as its type, for the warning message. */
export interface BadValue {
  line: number;
  value: string;
}

export interface ColumnBuilder {
  readonly type: ColumnType;
  readonly length: number;
  /** Cells that did not parse (not counting empty / "NA" markers). */
  readonly badCount: number;
  readonly firstBad: BadValue | null;
  push(raw: string | undefined, line: number): void;
  /** Same as push(text.slice(from, to), line), without the slice for common cell shapes. */
  pushSpan(text: string, from: number, to: number, line: number): void;
  /** Pads short rows: a missing cell. */
  pushMissing(): void;
  /** True when the cell of row `row` (0-based) is missing or did not parse. */
  isMissing(row: number): boolean;
  /**
   * The text of row `row`'s cell when it is a word where a number or time belongs (one of the
   * latest few such cells), or a word column's text; else null.
   */
  wordAt(row: number): string | null;
  /** Drops the rows from `length` on (a footer below the table), with their unparsed cells. */
  truncate(length: number): void;
  finish(name: string): TableColumn;
}

/** Growable Float64Array; grows by half so a big import never needs twice its final size at once. */
export class GrowableFloat64 {
  private buf: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.buf = new Float64Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(Math.ceil(this.buf.length * 1.5) + 16);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  get(i: number): number {
    return this.buf[i];
  }
  /** The filled part; copies only when more than an eighth of the buffer is unused. */
  take(): Float64Array {
    if (this.buf.length - this.length > this.buf.length / 8) return this.buf.slice(0, this.length);
    return this.buf.subarray(0, this.length);
  }
}

/** Unparsed cells remembered with their row, for a footer below the table. */
const RECENT_BAD = 8;

abstract class ParsedBuilder implements ColumnBuilder {
  abstract readonly type: ColumnType;
  protected readonly values: GrowableFloat64;
  badCount = 0;
  firstBad: BadValue | null = null;
  private recentBad: (BadValue & { row: number; text: string })[] = [];
  constructor(capacity: number) {
    this.values = new GrowableFloat64(capacity);
  }
  get length(): number {
    return this.values.length;
  }
  protected abstract parse(raw: string): number;
  push(raw: string | undefined, line: number): void {
    if (raw === undefined) {
      this.values.push(NaN);
      return;
    }
    const v = this.parse(raw);
    if (v !== v && !isMissingToken(raw)) {
      this.badCount++;
      const bad = { line, value: raw.length > 40 ? `${raw.slice(0, 40)}…` : raw };
      if (!this.firstBad) this.firstBad = bad;
      this.recentBad.push({ ...bad, row: this.values.length, text: raw.trim() });
      if (this.recentBad.length > RECENT_BAD) this.recentBad.shift();
    }
    this.values.push(v);
  }
  pushMissing(): void {
    this.values.push(NaN);
  }
  isMissing(row: number): boolean {
    return Number.isNaN(this.values.get(row));
  }
  wordAt(row: number): string | null {
    return this.recentBad.find((b) => b.row === row)?.text ?? null;
  }
  truncate(length: number): void {
    const dropped = this.recentBad.filter((b) => b.row >= length);
    this.badCount -= dropped.length;
    this.recentBad = this.recentBad.filter((b) => b.row < length);
    // Footer rows are the last ones: when the first unparsed cell was among them, all were.
    if (this.badCount === 0) this.firstBad = null;
    this.values.length = Math.min(this.values.length, length);
  }
  protected abstract fast(text: string, from: number, to: number): number;
  pushSpan(text: string, from: number, to: number, line: number): void {
    const v = this.fast(text, from, to);
    if (v === v) this.values.push(v);
    else this.push(text.slice(from, to), line);
  }
  abstract finish(name: string): TableColumn;
}

export class NumericBuilder extends ParsedBuilder {
  readonly type = 'numeric' as const;
  private readonly mark: number;
  constructor(
    capacity: number,
    private readonly parser: (raw: string) => number,
    decimalComma = false,
  ) {
    super(capacity);
    this.mark = decimalComma ? 44 : 46;
  }
  protected fast(text: string, from: number, to: number): number {
    return spanDecimal(text, from, to, this.mark);
  }
  protected parse(raw: string): number {
    return this.parser(raw);
  }
  finish(name: string): TableColumn {
    return { name, type: 'numeric', values: this.values.take() };
  }
}

export class DateBuilder extends ParsedBuilder {
  readonly type = 'datetime' as const;
  constructor(
    capacity: number,
    readonly format: DateFormat,
  ) {
    super(capacity);
  }
  protected parse(raw: string): number {
    return this.format.parse(raw);
  }
  protected fast(text: string, from: number, to: number): number {
    return this.format === ISO_DATE ? spanIsoDate(text, from, to) : NaN;
  }
  finish(name: string): TableColumn {
    return { name, type: 'datetime', values: this.values.take() };
  }
}

/** Most missing marks of one column kept as text (see StringBuilder.marks). */
const MAX_KEPT_MARKS = 100_000;

/** Categorical and text columns keep strings; repeated categories share one string instance. */
export class StringBuilder implements ColumnBuilder {
  readonly badCount = 0;
  readonly firstBad = null;
  private readonly values: (string | null)[] = [];
  // Interning keeps a million-row categorical column from holding a million copies of "Fossil Fuels".
  private readonly pool = new Map<string, string>();
  /** The text of cells read as missing marks ('-', 'NA', '?'), kept in case they are words after all. */
  private readonly marks = new Map<number, string>();
  constructor(readonly type: 'categorical' | 'text') {}
  get length(): number {
    return this.values.length;
  }
  push(raw: string | undefined): void {
    if (raw === undefined || isMissingToken(raw)) {
      const s = raw?.trim();
      if (s && this.marks.size < MAX_KEPT_MARKS) this.marks.set(this.values.length, s);
      this.values.push(null);
      return;
    }
    const s = raw.trim();
    if (this.type === 'categorical' && this.pool.size < 100_000) {
      let p = this.pool.get(s);
      if (p === undefined) {
        p = s;
        this.pool.set(s, s);
      }
      this.values.push(p);
    } else {
      this.values.push(s);
    }
  }
  pushMissing(): void {
    this.values.push(null);
  }
  isMissing(row: number): boolean {
    return this.values[row] === null;
  }
  wordAt(row: number): string | null {
    return this.values[row] ?? null;
  }
  truncate(length: number): void {
    this.values.length = Math.min(this.values.length, length);
  }
  pushSpan(text: string, from: number, to: number): void {
    this.push(text.slice(from, to));
  }
  finish(name: string): TableColumn {
    return { name, type: this.type, values: this.values, ...(this.marks.size ? { marks: this.marks } : {}) };
  }
}

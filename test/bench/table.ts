/** Formats benchmark results as a plain-text table. */

export interface Column {
  title: string;
  align: 'left' | 'right';
}

/** Renders rows under headers, padding each column to its widest cell. */
export function renderTable(columns: Column[], rows: string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, i) => (columns[i].align === 'left' ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (columns[i].align === 'left' ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}

/** samples/s with a precision that suits its size. */
export function formatRate(value: number | null, extrapolated = false): string {
  if (value == null) return '–';
  const text = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return extrapolated ? `${text}*` : text;
}

/** ours ÷ theirs as "12.3×", or a dash when either is missing. */
export function formatRatio(ours: number | null, theirs: number | null): string {
  if (ours == null || theirs == null || theirs === 0) return '–';
  const ratio = ours / theirs;
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

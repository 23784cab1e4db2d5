/**
 * A table of one sequence per row — a class label and then the values of each step in its own
 * column, as the UCR time series classification archive and many sensor exports lay it out
 * (`label, t1, t2, …, t150`, often without a header) — is unfolded into one row per step:
 * 'sequence' (the row), 'step', 'value' and 'label', the long table a folder of recordings gives.
 * Read as it stands it looks like 150 series to forecast. Steps missing at the end of a row (shorter
 * recordings padded to the longest) are left out.
 */
import type { DataProblem } from '../../shared/types';
import type { Table, TableColumn } from '../table';
import { SEQUENCE_FOLDER_COLUMNS } from './read-sequence-folder';
import type { BuiltColumnInfo } from './table-builder';

/** Fewest step columns a row-per-sequence table has: fewer are a handful of variables. */
const MIN_STEPS = 10;
/** Most classes a label column may hold. */
const MAX_CLASSES = 100;

type NumericColumn = Extract<TableColumn, { type: 'numeric' }>;

/** Numbered names of one stem, in order ("t1", "t2" …, "1", "2" …, "column 2" …, "V2" …). */
function numberedInOrder(names: string[]): boolean {
  let stem: string | null = null;
  let previous = -Infinity;
  for (const name of names) {
    const m = /^(.*?)[\s_\-.]*(\d+)$/.exec(name.trim());
    if (!m) return false;
    if (stem === null) stem = m[1].toLowerCase();
    else if (m[1].toLowerCase() !== stem) return false;
    const n = Number(m[2]);
    if (n <= previous) return false;
    previous = n;
  }
  return true;
}

function isLabelColumn(c: TableColumn, rows: number): boolean {
  const seen = new Set<string>();
  for (let r = 0; r < rows; r++) {
    const v = c.values[r];
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) return false;
    if (typeof v === 'number' && !Number.isInteger(v)) return false;
    seen.add(String(v));
    if (seen.size > MAX_CLASSES) return false;
  }
  return seen.size >= 2 && seen.size <= rows / 2;
}

/** The label column and the step columns, or null when the table is not one sequence per row. */
export function detectRowSequences(table: Table): { label: TableColumn; steps: NumericColumn[] } | null {
  const rows = table.rowCount;
  const cols = table.columns;
  if (rows < 10 || cols.length < MIN_STEPS + 1 || cols.some((c) => c.type === 'datetime' || c.type === 'text'))
    return null;
  // The label stands first (the UCR archive) or last; every other column is a numbered step.
  for (const label of [cols[0], cols[cols.length - 1]]) {
    const steps = cols.filter((c) => c !== label);
    if (!steps.every((c) => c.type === 'numeric') || !numberedInOrder(steps.map((c) => c.name))) continue;
    if (isLabelColumn(label, rows)) return { label, steps: steps as NumericColumn[] };
  }
  return null;
}

/** Unfolds a row-per-sequence table in place (see the module comment); true when it did. */
export function unfoldRowSequences(table: Table, info: BuiltColumnInfo[], problems: DataProblem[]): boolean {
  const found = detectRowSequences(table);
  if (!found) return false;
  const { label, steps } = found;
  const sequence: (string | null)[] = [];
  const step: number[] = [];
  const value: number[] = [];
  const labels: (string | null)[] = [];
  let padded = 0;
  for (let r = 0; r < table.rowCount; r++) {
    let last = steps.length - 1;
    while (last >= 0 && Number.isNaN(steps[last].values[r])) last--;
    if (last < steps.length - 1) padded++;
    const id = `row ${r + 1}`;
    const name = String(label.values[r]);
    for (let s = 0; s <= last; s++) {
      sequence.push(id);
      step.push(s + 1);
      value.push(steps[s].values[r]);
      labels.push(name);
    }
  }
  const names = SEQUENCE_FOLDER_COLUMNS;
  table.columns = [
    { name: names.sequence, type: 'categorical', values: sequence },
    { name: names.step, type: 'numeric', values: Float64Array.from(step) },
    { name: 'value', type: 'numeric', values: Float64Array.from(value) },
    { name: names.label, type: 'categorical', values: labels },
  ];
  table.rowCount = value.length;
  const numeric = (name: string): BuiltColumnInfo => ({
    name,
    type: 'numeric',
    detectedType: 'numeric',
    format: undefined,
  });
  const category = (name: string): BuiltColumnInfo => ({
    name,
    type: 'categorical',
    detectedType: 'categorical',
    format: undefined,
  });
  info.splice(0, info.length, category(names.sequence), numeric(names.step), numeric('value'), category(names.label));
  const classes = new Set(labels).size;
  problems.push({
    severity: 'info',
    message:
      `Each row is one sequence: '${label.name}' holds its class (${classes} classes) and the ${steps.length} columns ` +
      `'${steps[0].name}' … '${steps[steps.length - 1].name}' its steps. It is read as ${sequence.length === 0 ? 0 : new Set(sequence).size} sequences, one row per step ` +
      `('sequence', 'step', 'value', 'label')${padded > 0 ? `; ${padded} shorter ones end at their last value` : ''}.`,
  });
  return true;
}

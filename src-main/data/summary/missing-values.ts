/**
 * Missing cells said out loud at import: a data view that shows "Gaps 0" while 59 values get
 * interpolated misleads. Counts per column, and what preparation will do with them.
 */
import type { ColumnSummary, DataProblem } from '../../shared/types';

/** Missing cells per column that has some (columns with none, or only missing, are left out). */
export function missingByColumn(columns: ColumnSummary[], rows: number): { column: string; count: number }[] {
  return columns.filter((c) => c.missing > 0 && c.missing < rows).map((c) => ({ column: c.name, count: c.missing }));
}

/** One note per numeric column with missing values, naming how many and how they are filled. */
export function missingValueProblems(columns: ColumnSummary[], rows: number): DataProblem[] {
  const numeric = new Set(columns.filter((c) => c.type === 'numeric').map((c) => c.name));
  return missingByColumn(columns, rows)
    .filter((m) => numeric.has(m.column))
    .map(({ column, count }) => ({
      severity: 'info' as const,
      message:
        `Column '${column}' has ${count} missing ${count === 1 ? 'value' : 'values'} (${percent(count, rows)} of the rows); ` +
        'when preparing a series they are filled by the missing-value setting (interpolated unless you choose otherwise).',
      column,
    }));
}

/** Files this short cannot train anything; saying so at import beats "No problems found". */
export const FEWEST_USEFUL_ROWS = 10;

/** A warning for a file with fewer rows than any model can learn from; null otherwise. */
export function tooFewRowsProblem(rows: number, format: string): DataProblem | null {
  if (rows >= FEWEST_USEFUL_ROWS || format === 'text') return null;
  return {
    severity: 'warning',
    message:
      `The file has only ${rows} ${rows === 1 ? 'row' : 'rows'}: too few to train a model on. ` +
      'A forecast needs dozens of time steps and a classifier dozens of examples per class.',
  };
}

function percent(count: number, rows: number): string {
  const p = (100 * count) / rows;
  return p < 1 ? 'under 1%' : `${Math.round(p)}%`;
}

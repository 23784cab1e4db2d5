/**
 * The table a run trains on: the spec's data file read with its sheet, column types and time
 * parts (unless the caller read it already), cut to the columns the task uses (training-table.ts).
 */
import { loadTable } from '../data/import/load-table';
import type { Table } from '../data/table';
import type { ExperimentSpec } from '../shared/spec';
import { trainingTable } from './training-table';

/**
 * Reads the training table; `onProgress` hears the share of the file read. A function of its
 * own on purpose: while an async function waits, V8 keeps the values it computed earlier, so the
 * whole file read inline in the run (every column, hundreds of megabytes for a large file) stayed
 * in memory through training. Returned from here, only the columns the run uses remain.
 */
export async function loadTrainingTable(
  spec: ExperimentSpec,
  given: Table | undefined,
  onProgress: (fraction: number) => void,
): Promise<Table> {
  const table =
    given ??
    (
      await loadTable(spec.data.file, {
        sheet: spec.data.sheet,
        typeOverrides: spec.data.columnTypes,
        onProgress,
        timeParts: spec.data.timeParts,
      })
    ).table;
  // The user's column type overrides apply here too, so training sees the table they saw.
  return trainingTable(table, spec);
}

/**
 * Checks that a new data file fits a trained model: the columns it was trained on are present,
 * with the types it needs. Each problem names the column and says what is wrong.
 */
import type { Table } from '../data/table';
import type { ForecastPreprocessing } from './load-run';

/** Problems that prevent predicting with the model; empty when the file fits. */
export function schemaProblems(table: Table, pre: ForecastPreprocessing): string[] {
  const d = pre.spec.data;
  const problems: string[] = [];
  const available = table.columns.map((c) => `'${c.name}'`).join(', ');
  const need = (name: string, role: string, ok: (type: string) => boolean, expected: string) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) {
      problems.push(
        `The ${role} column '${name}' the model was trained on is missing. This file's columns are ${available}.`,
      );
    } else if (!ok(column.type)) {
      problems.push(`The ${role} column '${name}' holds ${column.type} values; the model needs ${expected} there.`);
    }
  };
  if (d.timeColumn) need(d.timeColumn, 'time', (t) => t === 'datetime', 'dates or times');
  if (d.idColumn) need(d.idColumn, 'series id', () => true, 'series ids');
  for (const name of d.targetColumns) need(name, 'target', (t) => t === 'numeric', 'numbers');
  const inputNames = new Set(pre.inputs.map((i) => i.source));
  const used = new Set([...d.targetColumns, d.timeColumn, d.idColumn]);
  for (const name of new Set([...d.featureColumns, ...d.knownFutureColumns])) {
    if (used.has(name)) continue;
    // A feature that entered the model as category indicators ('name=value') must stay categorical.
    const categorical = !inputNames.has(name) && pre.inputs.some((i) => i.source.startsWith(`${name}=`));
    if (categorical) need(name, 'feature', (t) => t === 'categorical', 'categories');
    else need(name, 'feature', (t) => t === 'numeric', 'numbers');
  }
  return problems;
}
